FROM nginx:1.27
# expect: expose-invalid-port
EXPOSE 80800
# expect: expose-invalid-port
EXPOSE 8080 70000/udp
# expect: expose-invalid-port
EXPOSE 9000-8000
# expect: expose-invalid-port
EXPOSE 8080:80
# expect: expose-invalid-port
EXPOSE 127.0.0.1:80:80/tcp
