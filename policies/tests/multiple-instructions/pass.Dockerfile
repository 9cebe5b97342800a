# one of each per stage is fine, even when several stages set them
FROM node:22-slim AS dev
CMD ["npm", "run", "dev"]
ENTRYPOINT ["/entry.sh"]
HEALTHCHECK CMD ["true"]

FROM node:22-slim AS prod
CMD ["node", "server.js"]
ENTRYPOINT ["/entry.sh"]
HEALTHCHECK NONE
# the word in RUN is not the instruction
RUN echo CMD CMD
