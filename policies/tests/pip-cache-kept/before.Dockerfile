FROM debian:12
RUN pip install -r requirements.txt
