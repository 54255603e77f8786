# hmac.py over _hashlib.hmac_new / hmac_digest (RFC 4231 and 2202 vectors), copies, names,
# digestmod as a name or a constructor, and compare_digest's rules.
import hashlib
import hmac

key = b"\x0b" * 20
msg = b"Hi There"
print(hmac.new(key, msg, "sha256").hexdigest())
print(hmac.new(key, msg, hashlib.sha256).hexdigest())
print(hmac.new(b"Jefe", b"what do ya want for nothing?", "md5").hexdigest())
print(hmac.new(b"Jefe", b"what do ya want for nothing?", hashlib.sha1).hexdigest())
print(hmac.digest(key, msg, "sha512").hex()[:64])
print(hmac.new(b"", b"", "sha256").hexdigest())
print(hmac.new(b"k" * 200, b"long key", "sha384").hexdigest()[:32])

h = hmac.new(b"key", digestmod="sha256")
h.update(b"part one ")
c = h.copy()
h.update(b"part two")
print(h.name, h.digest_size, h.block_size)
print(h.hexdigest() == hmac.new(b"key", b"part one part two", "sha256").hexdigest())
print(c.hexdigest() == hmac.new(b"key", b"part one ", "sha256").hexdigest())
print(hmac.new(b"key", b"x" * 10000, "sha1").hexdigest())
print(hmac.new(b"key", b"msg", hashlib.blake2s).hexdigest())  # pure-Python HMAC path

print(hmac.compare_digest(b"abc", b"abc"), hmac.compare_digest(b"abc", b"abd"),
      hmac.compare_digest(b"abc", b"ab"), hmac.compare_digest("abc", "abc"),
      hmac.compare_digest(bytearray(b"xy"), memoryview(b"xy")))

def show(f, *args, **kw):
    try:
        f(*args, **kw)
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(hmac.compare_digest, "abc", b"abc")
show(hmac.compare_digest, "\u00e9", "\u00e9")
show(hmac.compare_digest, 1, 2)
show(hmac.new, b"key")
show(hmac.new, "key", b"msg", "sha256")
show(hmac.new, b"key", b"msg", "nope")
