FROM debian:bookworm-slim
RUN useradd --system app
USER app
RUN echo switching back
# expect: final-user-root
USER root
CMD ["bash"]
