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
