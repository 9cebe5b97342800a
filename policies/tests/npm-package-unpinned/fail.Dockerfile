FROM node:22-slim
# expect: npm-package-unpinned
RUN npm install -g pnpm
# expect: npm-package-unpinned
RUN npm i --global @angular/cli typescript@5.6.3
# expect: npm-package-unpinned
RUN npm install -g npm@latest
# expect: npm-package-unpinned
RUN sudo -u node sh -c "npm add express"
