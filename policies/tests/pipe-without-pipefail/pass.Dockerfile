FROM debian:bookworm-slim
RUN set -o pipefail && curl -fsSL https://example.com/a.tgz | tar -xz
RUN set -euxo pipefail; curl -fsSL https://example.com/b.tgz | tar -xz
RUN echo "deb http://deb.debian.org/debian bookworm main" | tee /etc/apt/sources.list
RUN printf '%s  %s\n' "$SHA" /tmp/x | sha256sum -c -
RUN ["sh", "-c", "curl x | tar -xz"]
RUN curl -o /tmp/x https://example.com/x || true
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/c.tgz | tar -xz
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Get-Content x | Out-File y
FROM debian:bookworm-slim
RUN arch="$(dpkg --print-architecture | awk -F- '{ print $NF }')" && echo "$arch"
RUN curl -fsSL https://example.com/d.tgz | tar -xz && curl -fsSL https://example.com/e.tgz | tar xzf -
RUN grep " node.tar.xz\$" SHASUMS256.txt | sha256sum -c -
RUN curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/k.gpg
RUN find /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $3 }' | sort -u | xargs -r dpkg-query --search
RUN locale -a | grep 'en_US.utf8' && curl -fsSL https://example.com/x | grep -q ok
