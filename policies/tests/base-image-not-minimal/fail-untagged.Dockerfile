# expect: base-image-not-minimal
FROM docker.io/library/node
CMD ["node", "server.js"]
