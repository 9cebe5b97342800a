FROM alpine:3.20
# expect: maintainer-deprecated
MAINTAINER Jane Doe <jane@example.com>
