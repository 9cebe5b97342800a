FROM python:3.12-slim@sha256:<digest>
