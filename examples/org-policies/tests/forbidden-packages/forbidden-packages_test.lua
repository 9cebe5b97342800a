test("every package manager is covered", function(t)
  t:dockerfile [[
FROM registry.acme.example/library/fedora:40
RUN dnf install -y nmap
RUN yum install -y telnet
RUN apt install -y netcat
RUN pip3 install pycrypto
RUN npm i event-stream
]]:rule("forbidden-packages"):finds {
    { 2, "dnf installs nmap" },
    { 3, "yum installs telnet" },
    { 4, "apt installs netcat" },
    { 5, "pip3 installs pycrypto" },
    { 6, "npm installs event-stream" },
  }
end)

test("versions and constraints do not hide a name", function(t)
  t:dockerfile("FROM registry.acme.example/library/python:3.12\nRUN pip install 'PyCrypto==2.6.1'\n")
    :rule("forbidden-packages"):finds { 2 }
end)

test("a requirements file is not a package", function(t)
  t:dockerfile("FROM registry.acme.example/library/python:3.12\nRUN pip install -r telnet\n")
    :rule("forbidden-packages"):passes()
end)

test("allowed packages pass", function(t)
  t:dockerfile("FROM registry.acme.example/library/debian:12\nRUN apt-get install -y curl\n")
    :rule("forbidden-packages"):passes()
end)

test("python -m pip and sudo are seen through", function(t)
  t:dockerfile [[
FROM registry.acme.example/library/python:3.12
RUN python3 -m pip install --no-cache-dir -r requirements.txt pycrypto
RUN sudo apt-get install -y telnet
RUN sh -c 'apk add nmap'
]]:rule("forbidden-packages"):finds {
    { 2, "pip installs pycrypto" },
    { 3, "apt-get installs telnet" },
    { 4, "apk installs nmap" },
  }
end)

test("a builder stage that does not ship is not the image", function(t)
  t:dockerfile [[
FROM registry.acme.example/library/debian:12 AS probe
RUN apt-get install -y nmap
FROM registry.acme.example/library/debian:12
COPY --from=probe /etc/hosts /etc/hosts
]]:rule("forbidden-packages"):passes()
end)

test("a stage the final stage is built FROM ships", function(t)
  t:dockerfile [[
FROM registry.acme.example/library/debian:12 AS base
RUN apt-get install -y telnet
FROM base
RUN echo done
]]:rule("forbidden-packages"):finds { 2 }
end)
