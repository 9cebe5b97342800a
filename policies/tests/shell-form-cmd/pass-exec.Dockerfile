FROM node:22-slim
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node", "server.js"]
