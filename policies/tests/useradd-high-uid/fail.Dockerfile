FROM debian:bookworm-slim
# expect: useradd-high-uid
RUN useradd --uid 1000000 app
# expect: useradd-high-uid
RUN groupadd -g 123456 g && useradd -m -u 123456 -g g app2
