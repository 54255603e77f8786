# zlib streaming objects: Compress.flush modes, Decompress with max_length, unconsumed_tail,
# unused_data, eof, zdict and copy.
import zlib

data = bytes((i * 7 + i // 100) % 251 for i in range(20000))

co = zlib.compressobj(6)
pieces = [co.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
pieces.append(co.flush())
stream = b"".join(pieces)
print(zlib.decompress(stream) == data)

# a sync flush makes everything so far decodable
co = zlib.compressobj()
part = co.compress(b"first part ") + co.flush(zlib.Z_SYNC_FLUSH)
do = zlib.decompressobj()
print(do.decompress(part))
rest = co.compress(b"second part") + co.flush()
print(do.decompress(rest), do.eof, do.unused_data)
print(co.flush(zlib.Z_NO_FLUSH))

# max_length and unconsumed_tail
do = zlib.decompressobj()
out = do.decompress(stream, 100)
print(len(out), len(do.unconsumed_tail) > 0, do.eof)
while do.unconsumed_tail:
    out += do.decompress(do.unconsumed_tail, 4096)
out += do.flush()
print(out == data, do.eof, do.unconsumed_tail, do.unused_data)

# trailing bytes after the end of the stream
do = zlib.decompressobj()
print(do.decompress(zlib.compress(b"payload") + b"TRAILER"), do.unused_data, do.eof)
print(do.decompress(b"more"), do.unused_data)

# byte by byte
do = zlib.decompressobj()
got = b"".join(do.decompress(stream[i:i + 1]) for i in range(len(stream)))
print(got == data, do.eof)

# preset dictionary
zdict = b"the quick brown fox jumps over the lazy dog"
co = zlib.compressobj(zdict=zdict)
c = co.compress(b"the lazy dog jumps over the quick brown fox") + co.flush()
print(zlib.decompressobj(zdict=zdict).decompress(c))
try:
    zlib.decompressobj().decompress(c)
except zlib.error as e:
    print("error:", e)
raw = zlib.compressobj(wbits=-15, zdict=zdict)
rc = raw.compress(b"quick brown fox") + raw.flush()
print(zlib.decompressobj(wbits=-15, zdict=zdict).decompress(rc))

# copy: two continuations of one stream
co = zlib.compressobj()
head = co.compress(b"shared head ")
c2 = co.copy()
a = head + co.compress(b"tail A") + co.flush()
b = head + c2.compress(b"tail B") + c2.flush()
print(zlib.decompress(a), zlib.decompress(b))
do = zlib.decompressobj()
x = do.decompress(a[:5])
d2 = do.copy()
print(x + do.decompress(a[5:]), x + d2.decompress(a[5:]))

# errors
def show(f, *args, **kw):
    try:
        f(*args, **kw)
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(co.copy)
show(co.compress, b"after finish")
show(zlib.compressobj, 1, zlib.DEFLATED, 99)
show(zlib.decompressobj, 99)
show(zlib.decompressobj().decompress, b"abc", -1)
show(zlib.decompressobj().flush, 0)
show(zlib.compressobj, zdict="text")
show(zlib.decompressobj().decompress, b"garbage!")
print(type(co).__name__, type(do).__name__, type(co).__module__)
