FROM debian:12
CMD ["nginx"]
CMD ["php-fpm"]
