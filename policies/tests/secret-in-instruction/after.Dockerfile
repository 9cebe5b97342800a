FROM debian:12
RUN --mount=type=secret,id=gitlab,env=GITLAB_TOKEN \
    git clone "https://ci:${GITLAB_TOKEN}@gitlab.example.com/team/app.git"
