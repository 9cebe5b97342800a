FROM debian:12-slim AS sshbuild
EXPOSE 22
FROM debian:12-slim
ARG PORT
EXPOSE 2222 220 22/udp ${PORT} 8022
