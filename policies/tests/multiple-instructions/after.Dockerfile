FROM debian:12
CMD ["php-fpm"]
