FROM node:22-slim
ARG PKG
RUN npm install -g pnpm@9.12.3 @angular/cli@18.2.0 "typescript@^5.6"
RUN npm ci --omit=dev && npm install && npm install --production
RUN npm install ./local-lib ../shared /tmp/pkg-1.0.0.tgz
RUN npm install git+https://github.com/o/r.git#v1.0 github:o/r
RUN npm install -g $PKG ${TOOL}
RUN npm install --prefix /opt/app && npm run build && npm cache clean --force
RUN npm install --registry https://registry.example/ left-pad@1.3.0
RUN echo npm install -g pnpm
