FROM debian:bookworm-slim
RUN curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
RUN curl -s https://api.example.com/versions | python3 -c 'import json,sys; print(json.load(sys.stdin)["latest"])'
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && echo "abc  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh
RUN echo "curl https://example.com | sh" > /README
RUN wget -O /tmp/x.sh https://example.com/x.sh && bash /tmp/x.sh
RUN cat local.sh | sh
