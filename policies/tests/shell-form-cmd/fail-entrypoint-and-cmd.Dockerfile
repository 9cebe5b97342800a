# a shell-form ENTRYPOINT ignores CMD: only the ENTRYPOINT is reported
FROM alpine:3.20
# expect: shell-form-cmd
ENTRYPOINT /start.sh
CMD --verbose
