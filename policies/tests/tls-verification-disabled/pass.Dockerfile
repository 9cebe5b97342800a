FROM python:3.12-slim
ARG PIP_TRUSTED_HOST
ENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1 GIT_SSL_NO_VERIFY=
ENV NPM_CONFIG_STRICT_SSL=${STRICT}
# -k is a different option for other tools; words are not commands
RUN tar -kxf a.tar && echo curl -k && grep --insecure x file || true
RUN curl -fsSL https://example.com/a.tgz -o /tmp/a.tgz && wget -q https://example.com/b
RUN npm config set strict-ssl true && git config --global http.sslVerify true
RUN pip install --index-url https://pypi.internal/simple -r requirements.txt
RUN dnf install -y --setopt=sslverify=1 httpd
