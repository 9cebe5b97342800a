FROM registry.random.example/node:22
