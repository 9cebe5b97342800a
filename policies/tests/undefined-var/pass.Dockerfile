FROM eclipse-temurin:21
ARG APP_DIR=/srv/app
COPY config/ $APP_DIR/config/
COPY app.jar $JAVA_HOME/lib/
ENV PATH=$PATH:$APP_DIR/bin
RUN echo $APP_DIRR
FROM scratch
ARG OUT=/out
COPY app $OUT/
