FROM debian:12
COPY --from=build / /
