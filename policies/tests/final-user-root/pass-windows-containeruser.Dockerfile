# Server Core's default user is ContainerAdministrator; ContainerUser is not privileged
FROM mcr.microsoft.com/windows/servercore:ltsc2022
USER ContainerUser
CMD ["cmd"]
