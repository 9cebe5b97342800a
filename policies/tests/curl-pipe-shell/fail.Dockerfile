FROM debian:bookworm-slim
# expect: curl-pipe-shell
RUN curl -fsSL https://example.com/install.sh | sh
# expect: curl-pipe-shell
RUN wget -qO- https://example.com/setup | bash -s -- --yes
# expect: curl-pipe-shell
RUN curl -sL https://deb.example.com/setup_22.x | tee /tmp/setup.sh | bash -
# expect: curl-pipe-shell
RUN sh -c "$(curl -fsSL https://example.com/install.sh)"
# expect: curl-pipe-shell
RUN curl https://example.com/get-pip.py | python3
