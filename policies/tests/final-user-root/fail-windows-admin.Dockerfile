# ContainerAdministrator is the Windows equivalent of root, in any case
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# expect: final-user-root
USER containeradministrator
