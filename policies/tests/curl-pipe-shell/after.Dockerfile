FROM debian:12
RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.2.3.sh \
 && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh && rm /tmp/install.sh
