FROM python:3.12-slim
ARG DEPS
RUN pip install --no-cache-dir flask==3.0.3 "django>=4.2,<5" attrs~=23.1 "requests[socks]==2.32.3"
RUN pip install -r requirements.txt --requirement dev.txt
RUN pip install -c constraints.txt flask gunicorn
RUN pip install --no-index --find-links /wheels app
RUN pip install . && pip install -e ./lib && pip install /tmp/app-1.0-py3-none-any.whl
RUN pip install "pkg @ https://example.com/pkg-1.0.tar.gz" git+https://github.com/o/r@v1.2
RUN pip install $DEPS ${MORE}
RUN pip install --index-url https://pypi.example/simple/ app==1.0
RUN pipx install black && pip download flask && pip list
RUN python -m venv /venv && python -c "import pip"
RUN echo pip install flask
