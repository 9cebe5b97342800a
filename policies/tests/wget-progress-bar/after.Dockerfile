FROM debian:12
RUN wget -nv https://example.com/big.tar.gz
