# libcrypto is loaded when _hashlib is first imported, not at start-up (issue 7: a program that
# never hashes does not pay its mapping and relocation in peak RSS). CPython's _hashlib is an
# extension module and behaves the same way.


def mapped(name):
    with open("/proc/self/maps") as f:
        return any(name in line for line in f)


print("libcrypto at start:", mapped("libcrypto"))
import hashlib

print("libcrypto after import hashlib:", mapped("libcrypto"))
print(hashlib.sha256(b"abc").hexdigest())
print(hashlib.md5(b"").hexdigest())
import hmac

print(hmac.new(b"key", b"msg", "sha1").hexdigest())
print(hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 2).hex())
print("sha3_256" in hashlib.algorithms_available, hashlib.new("sha3_256").name)
