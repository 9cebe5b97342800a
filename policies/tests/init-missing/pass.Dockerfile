FROM node:20-slim
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "server.js"]
