# a shell running a script is a real program under sh -c
FROM alpine:3.20
# expect: shell-form-cmd
CMD sh /asset/init.sh && supervisord -c /etc/supervisord.conf
