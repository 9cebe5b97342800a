FROM debian:bookworm-slim
# expect: password-set-in-run
RUN useradd -m app && echo 'app:changeme' | chpasswd
# expect: password-set-in-run
RUN echo "s3cret" | passwd --stdin root
# expect: password-set-in-run
RUN printf 'pw\npw\n' | passwd app
# expect: password-set-in-run
RUN useradd -m -p '$6$salt$hash' deploy
# expect: password-set-in-run
RUN sudo usermod --password '' root
ARG ROOT_PASSWORD
# expect: password-set-in-run
RUN sh -c "echo root:$ROOT_PASSWORD | chpasswd"
