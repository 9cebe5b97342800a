FROM python:3.12-slim
# expect: init-missing
CMD ["python3", "app.py"]
