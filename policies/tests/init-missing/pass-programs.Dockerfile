FROM nginx:1.27 AS web
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
FROM php:8.3-fpm
CMD ["php-fpm"]
