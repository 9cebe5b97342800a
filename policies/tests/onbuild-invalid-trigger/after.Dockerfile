FROM node:22
