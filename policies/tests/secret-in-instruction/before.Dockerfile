FROM debian:12
RUN git clone https://ci:glpat-Xk3j9QmT2vLp8RwZ4NcY@gitlab.example.com/team/app.git
