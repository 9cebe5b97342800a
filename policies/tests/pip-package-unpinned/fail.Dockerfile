FROM python:3.12-slim
# expect: pip-package-unpinned
RUN pip install --no-cache-dir flask==3.0.3 gunicorn
# expect: pip-package-unpinned
RUN python3 -m pip install --upgrade pip
# expect: pip-package-unpinned
RUN pip3.12 install -r requirements.txt uvicorn
# expect: pip-package-unpinned
RUN sudo -H pip install "requests[socks]"
