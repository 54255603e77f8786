# CPython's socketserver over minipy's sockets and selectors: a ThreadingTCPServer on
# 127.0.0.1 (port 0) echoes upper-cased lines to three clients, then shuts itself down.
import socket
import socketserver
import threading

class Upper(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line.upper())

server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Upper)
server.daemon_threads = True
port = server.server_address[1]
t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
t.start()
for i in range(3):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        f = c.makefile("rwb")
        f.write(b"client %d says hi\n" % i)
        f.flush()
        print(f.readline())
        f.close()
server.shutdown()
server.server_close()
t.join(10)
print("stopped:", not t.is_alive())
