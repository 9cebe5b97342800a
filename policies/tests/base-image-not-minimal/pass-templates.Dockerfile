FROM php:8.3-apache-bookworm AS web
FROM debian:%%SUITE%%
