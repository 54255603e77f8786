# memoryview.cast to multi-byte native formats ('I', 'H', 'q', 'd', ...): item reads and writes,
# slicing with strides, tolist/tobytes, nbytes/itemsize/strides, CPython's cast rules and
# messages, value/type errors per format, slice assignment structure checks, comparison by
# value across formats, hashing limits; struct reading a cast view.
import struct


def t(f):
    try:
        print(repr(f()))
    except BaseException as e:
        print(type(e).__name__, e)


b = bytearray(range(16))
m = memoryview(b).cast('I')
print(m.format, m.itemsize, m.nbytes, len(m), m.shape, m.strides, m.tolist(), m[1], m[-1], list(m[::2]),
      m[1:3].tolist(), m[::-1].tolist())
t(lambda: m.cast('H'))
t(lambda: m.cast('B').tolist()[:4])
t(lambda: m[::2].cast('B'))
t(lambda: memoryview(b)[:7].cast('I'))
t(lambda: memoryview(b).cast('x'))
t(lambda: memoryview(b).cast('<I'))
t(lambda: memoryview(b).cast('e'))
t(lambda: memoryview(b).cast('@I').format)
t(lambda: memoryview(b).cast(1))
m[0] = 0xdeadbeef
print(b[:4])
t(lambda: m.__setitem__(0, -1))
t(lambda: m.__setitem__(0, 2**32))
t(lambda: m.__setitem__(0, 1.5))
t(lambda: m.__setitem__(0, 'x'))
t(lambda: m.__setitem__(slice(0, 1), b'abcd'))
t(lambda: m.__setitem__(slice(0, 2), memoryview(bytearray(8)).cast('I')))
print(b)
t(lambda: m.__setitem__(slice(0, 2), memoryview(bytearray(8)).cast('i')))
t(lambda: hash(memoryview(bytes(8)).cast('I')))
t(lambda: hash(memoryview(bytes(8)).cast('c')) == hash(bytes(8)))
t(lambda: memoryview(bytes(8)).cast('I') == memoryview(bytes(8)).cast('i'))
t(lambda: memoryview(bytes(8)).cast('I') == memoryview(bytes(8)).cast('H'))
t(lambda: memoryview(bytes(8)).cast('I') == [0, 0])
t(lambda: memoryview(bytes(8)).cast('B') == bytes(8))
t(lambda: memoryview(bytes(8)).cast('d') == memoryview(bytes(8)).cast('d'))
nan = memoryview(bytearray(b'\x00\x00\xc0\x7f')).cast('f')
t(lambda: nan == nan)
t(lambda: nan.tolist())
for f in 'bBhHiIlLqQnNfd?cP':
    mm = memoryview(bytes(range(1, 17))).cast(f)
    print(f, mm.itemsize, mm.tolist()[:2], mm.tobytes()[:4], mm.nbytes, len(mm))
t(lambda: memoryview(bytearray(4)).cast('?').__setitem__(0, [1]))
t(lambda: memoryview(bytearray(4)).cast('c').__setitem__(0, b'ab'))
mv = memoryview(bytearray(8)).cast('d')
mv[0] = 2
print(mv[0])
t(lambda: mv.__setitem__(0, 'x'))
t(lambda: mv.hex())
t(lambda: memoryview(bytes(8)).cast('I').cast('c').tolist())
t(lambda: memoryview(bytes(8)).cast('I').cast('B').cast('c').cast('I').tolist())
print(struct.unpack('I', memoryview(bytes(range(4))).cast('I')))
t(lambda: bytes(memoryview(bytes(range(8))).cast('I')[::-1]))
t(lambda: memoryview(bytearray(8)).cast('i').__setitem__(0, True))
t(lambda: memoryview(bytearray(8)).cast('b').__setitem__(0, 200))
t(lambda: memoryview(bytearray(8)).cast('f').__setitem__(0, 1e300))
t(lambda: memoryview(bytearray(8)).cast('f').__setitem__(0, 3))


class I:
    def __index__(self):
        return 5


q = memoryview(bytearray(8)).cast('Q')
t(lambda: q.__setitem__(0, I()))
print(q[0])
t(lambda: q.__setitem__(0, -1))
t(lambda: memoryview(bytearray(8)).cast('P').__setitem__(0, -1))
t(lambda: memoryview(bytes(8)).cast('I')[5])
t(lambda: memoryview(bytes(8)).cast('I').__setitem__(0, 1))
t(lambda: list(memoryview(bytes(range(8))).cast('H')))
t(lambda: memoryview(bytes(range(8))).cast('H').tobytes())
t(lambda: memoryview(bytearray(range(8))).cast('B')[::2].tobytes())
x = memoryview(bytearray(range(8))).cast('h')
t(lambda: (x[1:3].nbytes, x[::2].strides, x[::2].contiguous, x[:1].c_contiguous))
t(lambda: memoryview(x).format)
t(lambda: x.cast('B', [8]).tolist())
t(lambda: x.cast(format='B').nbytes)
t(lambda: struct.pack_into('<h', memoryview(bytearray(4)).cast('H'), 0, 1))
words = []
words += memoryview(bytes(range(12))).cast('I')
print(words)
