FROM alpine:3.20
ARG GIT_TOKEN
# templated, stand-ins, AWS's documented example key, placeholders
RUN git clone "https://ci:${GIT_TOKEN}@git.example.com/team/app.git" /src
RUN git clone https://user:changeme@git.example.com/team/app.git /src2
RUN echo AKIAIOSFODNN7EXAMPLE && echo ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
RUN curl -fsSL https://example.com/install.sh -o /tmp/i.sh && git clone git@github.com:org/repo.git
LABEL org.opencontainers.image.source="https://github.com/acme/app" \
      org.opencontainers.image.revision="4f1c2a9b0d3e5f6a7b8c9d0e1f2a3b4c5d6e7f80"
HEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1
