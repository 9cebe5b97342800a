FROM registry.acme.example/library/debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
# removing is fine, and so is a word that only contains a forbidden name
RUN apt-get purge -y telnet && apk add --no-cache telnetlib-docs
RUN pip install -r requirements.txt cryptography==43.0.1
RUN echo "do not install nmap" && npm ci
