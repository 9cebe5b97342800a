# Nano Server runs as ContainerUser by default, also under the .NET images' tags
FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022
COPY out/ C:/app/
ENTRYPOINT ["dotnet", "C:\\app\\app.dll"]
