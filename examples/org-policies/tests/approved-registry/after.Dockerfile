FROM registry.acme.example/library/python:3.12-slim
