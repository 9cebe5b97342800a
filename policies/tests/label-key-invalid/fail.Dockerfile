FROM alpine:3.20
# expect: label-key-invalid
LABEL Maintainer="team@acme.example"
# expect: label-key-invalid
LABEL com.docker.image.version=2
# expect: label-key-invalid
LABEL org.opencontainers.image.Source=https://github.com/acme/app
# expect: label-key-invalid
LABEL com.acme..team=payments
# expect: label-key-invalid
LABEL com.acme.team- payments
# expect: label-key-invalid
LABEL 1st.label=x
# expect: label-key-invalid, label-key-invalid
LABEL app_name=api VERSION=1
ARG NS=com.acme
# the key is known after expansion: com.acme.Team
# expect: label-key-invalid
LABEL ${NS}.Team=payments
