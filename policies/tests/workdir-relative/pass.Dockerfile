FROM node:22-slim AS base
WORKDIR /srv
# relative to an absolute WORKDIR set above: well defined
WORKDIR app

FROM base
WORKDIR lib
WORKDIR $HOME/cache
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
WORKDIR C:\\app
