FROM debian:bookworm-slim AS build
# a builder stage's layers are not shipped
COPY toolchain.tar.gz /tmp/
RUN tar -xzf /tmp/toolchain.tar.gz -C /opt
FROM debian:bookworm-slim
COPY --from=build /opt /opt
# zip files: ADD would not unpack them
COPY site.zip /tmp/
RUN unzip /tmp/site.zip -d /srv
# the archive is created or listed, not extracted
COPY backup.tar /var/backups/
RUN tar -tf /var/backups/backup.tar
# mounted for the RUN: nothing stays behind
RUN --mount=type=bind,source=vendor.tar.gz,target=/tmp/vendor.tar.gz tar -xzf /tmp/vendor.tar.gz -C /opt
# ADD unpacks it itself
ADD vendor.tar.gz /opt/
