FROM registry.acme.example/library/debian:12
# expect: forbidden-packages
RUN apt-get update && apt-get install -y --no-install-recommends curl telnet
# expect: forbidden-packages, forbidden-packages
RUN apk add --no-cache nmap netcat-openbsd
# expect: forbidden-packages
RUN pip install --no-cache-dir requests==2.32.3 "pycrypto>=2.6"
# expect: forbidden-packages
RUN npm install -g event-stream@3.3.6
