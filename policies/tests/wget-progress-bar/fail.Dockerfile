FROM debian:bookworm-slim
# expect: wget-progress-bar
RUN wget https://example.com/big.tar.gz
# expect: wget-progress-bar
RUN wget -O /tmp/x https://example.com/x
