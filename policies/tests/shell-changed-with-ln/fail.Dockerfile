FROM debian:bookworm-slim
# expect: shell-changed-with-ln
RUN ln -sf /bin/bash /bin/sh
# expect: shell-changed-with-ln
RUN rm /bin/sh && ln -s /bin/bash /usr/bin/sh
