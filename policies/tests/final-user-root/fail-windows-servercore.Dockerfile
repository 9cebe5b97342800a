# Server Core runs as ContainerAdministrator unless told otherwise
# expect: final-user-root
FROM mcr.microsoft.com/windows/servercore:ltsc2022
CMD ["cmd"]
