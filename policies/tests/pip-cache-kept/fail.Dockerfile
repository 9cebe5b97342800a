FROM python:3.12-slim
# expect: pip-cache-kept
RUN pip install -r requirements.txt
# expect: pip-cache-kept, pip-cache-kept
RUN python3 -m pip install --upgrade pip==24.2 && pip3 install flask==3.0.3
# expect: pip-cache-kept
RUN --mount=type=cache,target=/var/cache/apt pip install gunicorn==23.0.0
