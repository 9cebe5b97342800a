FROM debian:bookworm-slim
RUN useradd -m -p '*' app && usermod -p '!' app && passwd -l root
RUN passwd -d guest | tee /dev/null
RUN --mount=type=secret,id=pw chpasswd < /run/secrets/pw
RUN echo chpasswd passwd --stdin
RUN useradd --system --no-create-home svc
