FROM alpine:3.20
ARG NS
LABEL maintainer="team@acme.example" \
      org.opencontainers.image.source=https://github.com/acme/app \
      com.acme.team-name=payments \
      io.k8s.description="an API" \
      version2=ok
# a key built from a variable with no known value is not judged
LABEL ${NS}.Team=payments
# "docker" in a key outside the reserved namespaces is fine
LABEL com.dockerhub.repo=acme/app
# the Red Hat / Project Atomic labels are read by their tools as spelled
LABEL Name=acme/app Vendor=ACME RUN="docker run -d IMAGE" com.redhat.license_terms=https://acme.example/terms
