FROM python:3.12-slim
# no default: the value comes from --build-arg (the history concern is separate)
ARG DB_PASSWORD
# a reference to another variable is not a literal secret
ENV DB_PASSWORD=${DB_PASSWORD}
ENV API_TOKEN=$API_TOKEN
# file and path indirections
ENV DB_PASSWORD_FILE=/run/secrets/db_password
ENV SECRET_DIR=/run/secrets
# public key material and key ids
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
ENV PUBLIC_KEY_URL=https://example.com/key.asc
# flags and numbers
ENV TOKEN_TTL=3600
ENV ENABLE_AUTH_TOKEN=true
ENV PASSWORD=
# names that are not secrets at all
ENV PYTHONDONTWRITEBYTECODE=1 APP_ENV=production
ENV KEYBOARD_LAYOUT=us
# obvious stand-ins are not leaks
ENV ADMIN_PASSWORD=changeme
ARG API_TOKEN="<your-token-here>"
