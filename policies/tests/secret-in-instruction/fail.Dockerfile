FROM alpine:3.20 AS build
# expect: secret-in-instruction
RUN git clone https://ci:Zq8vR2mXk7Lp4TnW@git.example.com/team/app.git /src
RUN set -e \
 && apk add --no-cache curl \
# expect: secret-in-instruction
 && curl -H "Authorization: token ghp_9Xk2mQ7vLp4TnWz8Rb3YcJ6dHf1Ga5SeUo0i" https://api.github.com/user
# expect: secret-in-instruction
RUN <<EOF
echo "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACD
-----END OPENSSH PRIVATE KEY-----" > /root/.ssh/id_ed25519
EOF
FROM alpine:3.20
# expect: secret-in-instruction
LABEL com.example.deploy-key="AKIAZ7QW4RT5YUI2OPLM"
# expect: secret-in-instruction
ADD https://deploy:Hk29vXq7LmZp3TwR@files.example.com/app.tar.gz /tmp/
# expect: secret-in-instruction
CMD ["app", "--slack-token", "xoxb-123456789012-1234567890123-Ab3dE6gH9jK2mN5pQ8sT1vW4"]
