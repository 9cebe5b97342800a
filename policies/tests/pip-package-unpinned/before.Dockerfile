FROM debian:12
RUN pip install --no-cache-dir flask gunicorn
