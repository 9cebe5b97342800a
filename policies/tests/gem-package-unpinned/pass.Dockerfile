FROM ruby:3.3-slim
ARG GEMS
RUN gem install bundler -v 2.5.22 && gem install rails --version "~> 7.2"
RUN gem install --no-document rake:13.2.1 rubocop:1.66.1
RUN gem install ./vendor/tool-1.0.gem && gem install $GEMS
RUN gem update --system 3.5.22 && bundle install
RUN echo gem install bundler
