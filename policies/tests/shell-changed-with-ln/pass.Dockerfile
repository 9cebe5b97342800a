FROM debian:bookworm-slim
SHELL ["/bin/bash", "-c"]
RUN ln -s /bin/sh /usr/local/bin/sh && ln -sf /usr/bin/python3 /usr/bin/python
RUN echo ln -sf /bin/bash /bin/sh
