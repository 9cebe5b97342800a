FROM php:8.3-fpm
# expect: multiple-instructions
CMD ["nginx"]
CMD ["php-fpm"]
# expect: multiple-instructions
ENTRYPOINT ["/a"]
# expect: multiple-instructions
ENTRYPOINT ["/b"]
ENTRYPOINT ["/c"]
# expect: multiple-instructions
HEALTHCHECK CMD ["true"]
HEALTHCHECK NONE
