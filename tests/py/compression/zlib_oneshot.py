# zlib one-shot functions: round trips at every level and wbits form, checksums, constants and
# CPython's error messages.
import zlib

data = b"minipy zlib " * 500 + bytes(range(256)) * 4
for level in (-1, 0, 1, 6, 9):
    c = zlib.compress(data, level)
    assert zlib.decompress(c) == data
    print(level, len(c) < len(data) or level == 0, c[:2].hex())

# zlib (15), raw deflate (-15), gzip (31) and auto-detect (47) containers
for wbits in (15, 9, -15, -9, 31):
    c = zlib.compress(data, 6, wbits)
    out = zlib.decompress(c, wbits)
    assert out == data, wbits
    print("wbits", wbits, c[:2].hex() if wbits > 0 else "raw")
print(zlib.decompress(zlib.compress(data, wbits=31), 47) == data)
print(zlib.decompress(zlib.compress(data), 47) == data)
print(zlib.decompress(zlib.compress(b""), bufsize=1))
print(zlib.decompress(memoryview(zlib.compress(bytearray(b"abc")))))
print(zlib.compress(b"hello", level=9).hex())

print(zlib.crc32(b"hello world"), zlib.crc32(b"world", zlib.crc32(b"hello ")))
print(zlib.adler32(b"hello world"), zlib.adler32(b""), zlib.crc32(b""))
print(zlib.crc32(b"abc", -1), zlib.adler32(b"abc", 2**40 + 7))
print(zlib.crc32(data), zlib.adler32(data))

print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE)
print(zlib.Z_NO_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_FINISH, zlib.Z_BLOCK)
print(zlib.Z_BEST_SPEED, zlib.Z_BEST_COMPRESSION, zlib.Z_DEFAULT_COMPRESSION, zlib.Z_FILTERED)
print(type(zlib.ZLIB_VERSION), zlib.ZLIB_RUNTIME_VERSION[0])
print(zlib.error.__module__, zlib.error.__name__, issubclass(zlib.error, Exception))

def show(f, *args, **kw):
    try:
        f(*args, **kw)
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(zlib.decompress, b"not zlib data")
show(zlib.decompress, zlib.compress(data)[:-10])
show(zlib.decompress, zlib.compress(data), -15)
show(zlib.compress, data, 10)
show(zlib.compress, "text")
show(zlib.crc32, "text")
show(zlib.decompress, b"x", bufsize=-1)
show(zlib.decompress, zlib.compress(data), 3)
show(zlib.compress)
show(zlib.compress, b"x", 1, 2, 3)
show(zlib.compress, b"x", level="a")
show(zlib.crc32)
show(zlib.crc32, b"a", 1, 2)
show(zlib.compressobj, foo=1)
show(zlib.decompressobj().decompress, b"", max_length="x")
