FROM ruby:3.3-slim
# expect: gem-package-unpinned
RUN gem install bundler
# expect: gem-package-unpinned
RUN gem install --no-document rake:13.2.1 rubocop
