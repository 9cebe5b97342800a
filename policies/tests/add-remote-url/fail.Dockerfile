FROM alpine:3.20
# expect: add-remote-url
ADD https://example.com/tool-1.4.2.tar.gz /tmp/
# expect: add-remote-url
ADD http://example.com/a.txt http://example.com/b.txt /data/
# expect: add-remote-url
ADD https://github.com/example/repo.git#main /src
