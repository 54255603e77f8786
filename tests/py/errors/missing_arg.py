def connect(host, port):
    return f"{host}:{port}"
print(connect("localhost", 80))
connect("localhost")
