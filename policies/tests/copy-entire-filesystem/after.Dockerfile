FROM debian:12
COPY --from=build /out/app /usr/local/bin/app
