FROM alpine:3.20
# archives are unpacked by ADD: that is what ADD is for
ADD rootfs.tar.xz /
ADD vendor.tgz /opt/
ADD app.tar /srv/
# remote sources are another rule's concern
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.bin /usr/local/bin/tool
ADD https://github.com/example/repo.git#0123456789abcdef0123456789abcdef01234567 /src
# a variable with no known value may name an archive
ARG BUNDLE
ADD ${BUNDLE} /opt/
COPY requirements.txt /app/
