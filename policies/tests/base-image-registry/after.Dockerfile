FROM docker.io/library/node:22
