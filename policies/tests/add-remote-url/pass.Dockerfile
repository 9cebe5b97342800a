FROM alpine:3.20
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.4.2.tar.gz /tmp/
ADD https://github.com/example/repo.git#0123456789abcdef0123456789abcdef01234567 /src
ADD vendor.tgz /opt/
COPY https-notes.txt /docs/
# the destination may look like a URL path; only sources count
ADD local.tar /srv/http://odd/
