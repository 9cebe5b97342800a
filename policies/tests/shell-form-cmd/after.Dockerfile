FROM debian:12
CMD ["node", "server.js"]
# or, if the shell is needed:
CMD exec node server.js --port "$PORT"
