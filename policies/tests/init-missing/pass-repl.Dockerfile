FROM python:3.12-slim AS py
CMD ["python3"]
FROM mcr.microsoft.com/powershell:7.4-windowsservercore-ltsc2022 AS win
CMD ["pwsh.exe", "-NoLogo"]
FROM eclipse-temurin:21-jdk
ENTRYPOINT ["jshell"]
