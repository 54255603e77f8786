# BLAKE2 (our own implementation in _blake2): RFC 7693 vectors, keys, salt, person, digest
# sizes, tree parameters, copy and the parameter errors.
import hashlib

print(hashlib.blake2b(b"abc").hexdigest())
print(hashlib.blake2s(b"abc").hexdigest())
print(hashlib.blake2b(b"").hexdigest())
print(hashlib.blake2s(b"", digest_size=16).hexdigest())
print(hashlib.blake2b(b"data", key=b"secret key", digest_size=32).hexdigest())
print(hashlib.blake2s(b"data", key=b"k" * 32).hexdigest())
print(hashlib.blake2b(b"data", salt=b"salty", person=b"me").hexdigest())
print(hashlib.blake2s(b"data", salt=b"12345678", person=b"abcdefgh").hexdigest())
print(hashlib.blake2b(b"x", fanout=2, depth=2, leaf_size=4096, node_offset=1, node_depth=1,
                      inner_size=64, last_node=True).hexdigest())
print(hashlib.blake2s(b"x", fanout=0, depth=255, node_offset=2**48 - 1, inner_size=32).hexdigest())

msg = bytes(range(256)) * 37
for cls in (hashlib.blake2b, hashlib.blake2s):
    h = cls()
    for i in range(0, len(msg), 100):
        h.update(msg[i:i + 100])
    one = cls(msg)
    print(cls.__name__, h.digest() == one.digest(), h.name, h.digest_size, h.block_size)
    for n in (0, 1, 63, 64, 65, 127, 128, 129, 3000):
        assert cls(msg[:n]).digest() == b"".join([cls(msg[:n]).digest()])
    c = h.copy()
    c.update(b"!")
    print(c.hexdigest() == cls(msg + b"!").hexdigest(), h.hexdigest() == one.hexdigest())
    print(cls.SALT_SIZE, cls.PERSON_SIZE, cls.MAX_KEY_SIZE, cls.MAX_DIGEST_SIZE)
print(hashlib.new("blake2b", b"abc", digest_size=20).hexdigest())

def show(f, *args, **kw):
    try:
        f(*args, **kw)
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(hashlib.blake2b, digest_size=0)
show(hashlib.blake2b, digest_size=65)
show(hashlib.blake2s, key=b"k" * 33)
show(hashlib.blake2s, salt=b"s" * 9)
show(hashlib.blake2b, person=b"p" * 17)
show(hashlib.blake2b, fanout=256)
show(hashlib.blake2b, depth=0)
show(hashlib.blake2s, node_offset=2**48)
show(hashlib.blake2s, node_offset=-1)
show(hashlib.blake2b, leaf_size=-1)
show(hashlib.blake2b, leaf_size=-2**70)
show(hashlib.blake2b, leaf_size=2**32)
show(hashlib.blake2b, node_offset=2**64)
print(hashlib.blake2b(b"x", node_offset=2**64 - 1).hexdigest())
show(hashlib.blake2b, node_depth=-1)
show(hashlib.blake2b, inner_size=65)
show(hashlib.blake2b, "text")
