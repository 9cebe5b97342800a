FROM nginx:1.27
# expect: expose-protocol-casing
EXPOSE 80/TCP 443/tcp
# expect: expose-protocol-casing, expose-protocol-casing
EXPOSE 53/Udp 54/UDP
