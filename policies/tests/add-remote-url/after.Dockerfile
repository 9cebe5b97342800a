FROM debian:12
ADD --checksum=sha256:<sha256 of the file> https://example.com/tool-1.4.2.tar.gz /tmp/
