# hashlib over _hashlib (OpenSSL) and _blake2: known digests, incremental updates, copy,
# attributes, XOF lengths, hashlib.new and the argument errors.
import hashlib

for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256",
             "sha3_384", "sha3_512", "blake2b", "blake2s"):
    h = getattr(hashlib, name)(b"abc")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest()[:32])
    assert hashlib.new(name, b"abc").digest() == h.digest()

for name in ("shake_128", "shake_256"):
    h = hashlib.new(name, b"abc")
    print(name, h.name, h.digest_size, h.hexdigest(16), len(h.digest(100)))

big = bytes(range(256)) * 1000
h = hashlib.sha256()
for i in range(0, len(big), 777):
    h.update(big[i:i + 777])
print(h.hexdigest() == hashlib.sha256(big).hexdigest())
c = h.copy()
c.update(b"more")
print(h.hexdigest() != c.hexdigest(), c.hexdigest() == hashlib.sha256(big + b"more").hexdigest())
h.update(bytearray(b"x") * 5000)
h.update(memoryview(b"yz"))
print(h.hexdigest() == hashlib.sha256(big + b"x" * 5000 + b"yz").hexdigest())
print(hashlib.sha1(b"").hexdigest(), hashlib.md5(b"", usedforsecurity=False).hexdigest())
print(hashlib.new("SHA256", b"abc").name, hashlib.sha512(string=b"k").hexdigest()[:16])
print(sorted(hashlib.algorithms_guaranteed))
print({"md5", "sha256", "sha3_256", "blake2b"} <= hashlib.algorithms_available)
print("undefined" in hashlib.algorithms_available)  # digests without a NID are left out
print(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1000).hex())
print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 2, 20).hex())
print(hashlib.pbkdf2_hmac("sha512", b"pw", b"NaCl", 5, dklen=10).hex())

def show(f, *args, **kw):
    try:
        f(*args, **kw)
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(hashlib.sha256, "text")
show(hashlib.sha256().update, 5)
show(hashlib.new, "nope")
show(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 0)
show(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 1, 0)
show(hashlib.pbkdf2_hmac, "nope", b"p", b"s", 1)
show(hashlib.shake_128(b"x").digest)
show(hashlib.shake_128(b"x").hexdigest, -1)
print(repr(hashlib.sha256())[:15], type(hashlib.sha256()).__name__, type(hashlib.shake_256()).__name__)

# argument binding as CPython's Argument Clinic reports it
import _hashlib
show(_hashlib.new)
show(_hashlib.new, "md5", b"", True)
show(_hashlib.openssl_sha256, b"", 1)
show(hashlib.sha256().update)
show(hashlib.sha256().digest, 1)
show(hashlib.shake_128().digest)
print(hashlib.shake_128().digest(length=4).hex(), _hashlib.openssl_sha256.__text_signature__)
show(hashlib.pbkdf2_hmac, "sha1", b"a")
show(_hashlib.compare_digest, b"a")
