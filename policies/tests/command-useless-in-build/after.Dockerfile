FROM debian:12
CMD ["nginx", "-g", "daemon off;"]
