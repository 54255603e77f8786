# _ssl: TLS between two SSLObjects over MemoryBIOs (asyncio's way), and between two SSLSockets
# over a socketpair with the server in a thread (blocking calls release the GIL). The key and
# certificate are CPython's own test files (keycert.pem, read from its test directory at run
# time: the one beside ssl.py, else Debian's).
import os
import socket
import ssl
import threading

for test_dir in [os.path.join(os.path.dirname(ssl.__file__), "test"), "/usr/lib/python3.11/test"]:
    CERT = os.path.join(test_dir, "keycert.pem")
    if os.path.exists(CERT):
        break

print(ssl.HAS_TLSv1_3, ssl.HAS_ALPN, ssl.HAS_SNI, isinstance(ssl.OPENSSL_VERSION, str))
print(issubclass(ssl.SSLError, OSError), issubclass(ssl.SSLCertVerificationError, ValueError))
print(issubclass(ssl.SSLWantReadError, ssl.SSLError), ssl.SSLErrorNumber.SSL_ERROR_EOF)

cert = ssl._ssl._test_decode_cert(CERT)
print(sorted(cert), cert["subject"][-1], cert["subjectAltName"], cert["version"])
cert3 = ssl._ssl._test_decode_cert(os.path.join(test_dir, "keycert3.pem"))
print(cert3["issuer"], cert3["OCSP"], cert3["caIssuers"], cert3["crlDistributionPoints"])
print(len(ssl.RAND_bytes(16)), ssl.RAND_status())
print(ssl._txt2obj("1.3.6.1.5.5.7.3.1"), ssl._nid2obj(129))

server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(CERT)
server_ctx.set_alpn_protocols(["h2", "http/1.1"])
client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
print(client_ctx.verify_mode, client_ctx.check_hostname, client_ctx.minimum_version)
client_ctx.check_hostname = False
client_ctx.load_verify_locations(CERT)
client_ctx.set_alpn_protocols(["http/1.1"])
print(client_ctx.cert_store_stats(), len(client_ctx.get_ca_certs()))

# ---- over memory BIOs
c_in, c_out, s_in, s_out = ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO()
client = client_ctx.wrap_bio(c_in, c_out)
server = server_ctx.wrap_bio(s_in, s_out, server_side=True)


def pump():
    data = c_out.read()
    if data:
        s_in.write(data)
    data = s_out.read()
    if data:
        c_in.write(data)


def step(obj):
    try:
        obj.do_handshake()
        return True
    except ssl.SSLWantReadError:
        return False


done = [False, False]
for _ in range(20):
    done = [done[0] or step(client), done[1] or step(server)]
    pump()
    if all(done):
        break
print("handshake", done, client.version(), server.version())
print(client.selected_alpn_protocol(), server.selected_alpn_protocol())
print(client.getpeercert()["subject"][-1], server.getpeercert())
print(client.cipher()[1], client.server_side, server.server_side, client.pending())
client.write(b"ping" * 1000)
pump()
got = b""
while len(got) < 4000:
    got += server.read(1024)
print("server read", len(got), got[:8])
buf = bytearray(10)
server.write(b"pong")
pump()
print("into buffer", client.read(10, buf), bytes(buf[:4]))
try:
    client.read(10)
except ssl.SSLWantReadError as e:
    print("want read", e.errno, type(e).__name__)

# close_notify both ways
try:
    client.unwrap()
except ssl.SSLWantReadError:
    print("client waits for close_notify")
pump()
server.unwrap()
pump()
client.unwrap()
print("unwrapped")

bio = ssl.MemoryBIO()
bio.write(b"abc")
print(bio.pending, bio.read(1), bio.read(), bio.eof)
bio.write_eof()
print(bio.eof)
try:
    bio.write(b"x")
except ssl.SSLError as e:
    print("SSLError", e)

# ---- over a socketpair, server in a thread
a, b = socket.socketpair()
results = []


def serve():
    with server_ctx.wrap_socket(b, server_side=True) as conn:
        data = conn.recv(100)
        conn.sendall(data.upper())
        results.append(conn.version())


t = threading.Thread(target=serve)
t.start()
with client_ctx.wrap_socket(a) as conn:
    conn.sendall(b"hello tls")
    print("client got", conn.recv(100))
    print(conn.getpeercert()["subjectAltName"], conn.cipher()[1])
t.join()
print("server", results)

# ---- an SNI callback runs Python code inside a handshake that released the GIL
sni_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sni_ctx.load_cert_chain(CERT)
seen = []


def on_sni(sslsock, name, ctx):
    seen.append((type(sslsock).__name__, name, ctx is sni_ctx))


sni_ctx.sni_callback = on_sni
a, b = socket.socketpair()


def serve_sni():
    with sni_ctx.wrap_socket(b, server_side=True) as conn:
        conn.sendall(conn.recv(10))


t = threading.Thread(target=serve_sni)
t.start()
with client_ctx.wrap_socket(a) as conn:
    conn.sendall(b"sni")
    print("sni echo", conn.recv(10))
t.join()
print("sni callback", seen)

# ---- a certificate signed by CPython's test CA: the verified and the received chains
chain_server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
chain_server.load_cert_chain(os.path.join(test_dir, "keycert3.pem"))
chain_client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
chain_client.check_hostname = False
chain_client.load_verify_locations(os.path.join(test_dir, "pycacert.pem"))
a, b = socket.socketpair()


def serve_chain():
    with chain_server.wrap_socket(b, server_side=True) as conn:
        conn.sendall(conn.recv(10))


t = threading.Thread(target=serve_chain)
t.start()
with chain_client.wrap_socket(a) as conn:
    conn.sendall(b"x")
    conn.recv(10)
    verified = conn._sslobj.get_verified_chain()
    received = conn._sslobj.get_unverified_chain()
    print(len(verified), len(received), verified[0] == received[0], verified[0] != verified[-1])
    print(hash(verified[0]) == hash(received[0]), repr(verified[-1]))
    print(verified[0].get_info()["issuer"][-1], verified[0].public_bytes().splitlines()[0])
    print(verified[0].public_bytes(ssl._ssl.ENCODING_DER) == conn.getpeercert(True))
t.join()

# ---- a certificate the client does not trust
a, b = socket.socketpair()
a.settimeout(10)
b.settimeout(10)


def serve_untrusted():
    try:
        with server_ctx.wrap_socket(b, server_side=True):
            pass
    except (ssl.SSLError, OSError) as e:
        results.append(type(e).__name__)


t = threading.Thread(target=serve_untrusted)
t.start()
strict = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
strict.check_hostname = False
try:
    strict.wrap_socket(a)
except ssl.SSLCertVerificationError as e:
    print("verify failed:", e.reason, e.library, e.verify_code, e.verify_message)
a.close()
t.join()
b.close()

# ---- bad arguments raise Python exceptions
for bad in [lambda: ssl.SSLContext(99),
            lambda: server_ctx.load_cert_chain("/nonexistent/cert.pem"),
            lambda: server_ctx.load_cert_chain(os.path.join(os.path.dirname(CERT), "badcert.pem")),
            lambda: client_ctx.load_verify_locations(cadata="not a cert"),
            lambda: client_ctx.load_verify_locations(),
            lambda: client_ctx.set_ciphers("NO-SUCH-CIPHER"),
            lambda: setattr(client_ctx, "verify_mode", 7),
            lambda: setattr(client_ctx, "minimum_version", 12345),
            lambda: ssl._txt2obj("no.such.object"),
            lambda: ssl.RAND_bytes(-1)]:
    try:
        bad()
        print("no error")
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, str(e).split(" (_ssl")[0])

# ---- OpenSSL's errors as CPython reports them (errno, library, reason)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
passwd = os.path.join(test_dir, "keycert.passwd.pem")
for bad in [lambda: ctx.load_verify_locations(cadata="x"),
            lambda: ctx.load_cert_chain(os.path.join(test_dir, "badkey.pem")),
            lambda: ctx.load_cert_chain(passwd, password="bad"),
            lambda: ctx.load_cert_chain(passwd, password=lambda: 3),
            lambda: ctx.load_dh_params(CERT),
            lambda: ctx.load_verify_locations(cadata=b"xx"),
            lambda: ctx.set_ecdh_curve("no-such-curve"),
            # _wrap_bio itself: ssl.py's wrap_bio first encodes the name with the idna codec
            lambda: ctx._wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), False, "a\x00b"),
            lambda: ctx._wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), False, ".x"),
            lambda: ctx._wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), False, 42),
            lambda: ctx._wrap_bio(ssl.MemoryBIO(), b"", False)]:
    try:
        bad()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e.args[0] if e.args else None, str(e).split(" (_ssl")[0],
              getattr(e, "library", "-"), getattr(e, "reason", "-"))
ctx.load_cert_chain(passwd, password="somepass")
ctx.load_cert_chain(passwd, password=lambda: b"somepass")
ctx.load_dh_params(os.path.join(test_dir, "ffdh3072.pem"))
ctx.set_ecdh_curve("prime256v1")
print("passwords, DH parameters and curve accepted")
