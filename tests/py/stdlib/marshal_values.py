# marshal: every value type CPython marshals (except code) round-trips; CPython-made data with
# back-references loads; bad data and unmarshallable values give CPython's errors.
import marshal
vals = [None, True, False, ..., StopIteration, 0, 1, -1, 2**31-1, -2**31, 2**31, -2**31-1, 2**100, -(3**200), 1.5, -0.0, float('inf'), 1e300, 2j, complex(1,-2.5),
        '', 'abc', 'é€𝄞', '\udc80x', 'a'*300, b'', b'\x00\xff', bytearray(b'ab'), (), (1,), tuple(range(300)), [1,[2,[3]]], {'a': 1, 2: (3,)}, set(), {1,2,3}, frozenset({'x'})]
for v in vals:
    d = marshal.dumps(v)
    back = marshal.loads(d)
    print(repr(back)[:60], type(back).__name__, back == v or (v != v))
for data in [b'\xe9\x01\x00\x00\x00', b'\xa9\x02\xe9\x01\x00\x00\x00r\x00\x00\x00\x00', b'\xdb\x02\x00\x00\x00\xfa\x01xr\x01\x00\x00\x00']:
    print(marshal.loads(data))
print(marshal.loads(marshal.dumps(2**1000)) == 2**1000, marshal.loads(marshal.dumps(-2**45)))
for bad in [b'', b'i\x01', b'?', b'r\x05\x00\x00\x00', b'l\x01\x00\x00\x00\x00\x80', b'(\x02\x00\x00\x00N']:
    try:
        marshal.loads(bad)
    except Exception as e:
        print(type(e).__name__, e)
for v in [object(), [object()], print]:
    try:
        marshal.dumps(v)
    except ValueError as e:
        print(e)
x = []
for i in range(3000):
    x = [x]
try:
    marshal.dumps(x)
except ValueError as e:
    print(e)
print(marshal.version, marshal.dumps(1.5, 1), marshal.loads(marshal.dumps(1.5, 1)))
import io
f = io.BytesIO()
marshal.dump([1, 'a'], f); marshal.dump({'k': None}, f)
f.seek(0)
print(marshal.load(f), marshal.load(f))
try:
    marshal.load(f)
except EOFError as e:
    print(e)
