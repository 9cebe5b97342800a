FROM tomcat:10-jre17
ENTRYPOINT []
# expect: init-missing
CMD ["catalina.sh", "run"]
