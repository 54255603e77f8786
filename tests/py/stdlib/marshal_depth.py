# marshal's depth limit (CPython's MAX_MARSHAL_STACK_DEPTH, 2000) at and around its edge, for
# the writer and the reader, and the NULL-code rules of the reader. minipy's marshal uses work
# stacks, not recursion, so deep data is an exception at the limit, never a native overflow.
import marshal


def nest(n, leaf):
    x = leaf
    for _ in range(n - 1):
        x = [x]
    return x


def outcome(f, *a):
    try:
        r = f(*a)
        return 'ok' if not isinstance(r, bytes) else 'ok %d bytes' % len(r)
    except Exception as e:
        return '%s: %s' % (type(e).__name__, e)


# The writer: a dict's end marker is written one level down, so a dict at depth 2000 is too deep.
for n in (1999, 2000, 2001, 5000):
    for leaf in ({}, [], 1, {1: 2}, (), frozenset(), {3}, (4,)):
        print('dumps', n, repr(leaf), outcome(marshal.dumps, nest(n, leaf)))
# Round trip at the deepest legal nesting.
deep = nest(2000, 7)
back = marshal.loads(marshal.dumps(deep))
k = 0
while isinstance(back, list):
    back = back[0]
    k += 1
print('depth read back', k, back)
# The writer goes on after an error; the last error found is reported.
for v in ([object(), nest(2001, 1)], [nest(2001, 1), object()], {1: object(), 2: nest(2001, 1)},
          (nest(2001, 1), nest(2001, 1)), [print, [print]]):
    print(outcome(marshal.dumps, v))

# The reader: the limit counts every object read, a dict's NULL end included.
for n in (1999, 2000, 2001):
    for leaf in (b'0', b'N', b'[\x00\x00\x00\x00', b'{0', b'{N0', b')\x00', b'<\x00\x00\x00\x00'):
        data = b'[\x01\x00\x00\x00' * (n - 1) + leaf
        print('loads', n, leaf, outcome(marshal.loads, data))
print('loads 100000 opens', outcome(marshal.loads, b'(\x01\x00\x00\x00' * 100000))
print('loads 100000 dicts', outcome(marshal.loads, b'{N' * 100000))

# NULL codes: an error in a tuple, list or set (TypeError), the end of a dict in either position.
for d in (b'(\x02\x00\x00\x00N0', b')\x010', b'[\x01\x00\x00\x000', b'<\x01\x00\x00\x000',
          b'>\x01\x00\x00\x000', b'{N0', b'{0', b'{NN0', b'{NNi\x01\x00\x00\x00N0', b'0',
          b'\xdb\x00\x00\x00\x00', b'\xa9\x00', b'\xbc\x00\x00\x00\x00r\x00\x00\x00\x00',
          b'{N[\x01\x00\x00\x000', b'[\x02\x00\x00\x00N'):
    try:
        print(repr(marshal.loads(d)))
    except Exception as e:
        print(type(e).__name__, e)

# Back-references: a list and a dict may contain themselves; a frozenset is registered only once
# complete, so a reference to it from inside is invalid.
l = marshal.loads(b'\xdb\x01\x00\x00\x00r\x00\x00\x00\x00')
print(l[0] is l)
d = marshal.loads(b'\xfbNr\x00\x00\x00\x000')
print(d[None] is d)
t = marshal.loads(b'\xa9\x02\xdb\x00\x00\x00\x00r\x01\x00\x00\x00')
print(t, t[0] is t[1])
for data in (b'\xbe\x01\x00\x00\x00r\x00\x00\x00\x00', b'\xa9\x01r\x05\x00\x00\x00',
             b'(\x02\x00\x00\x00\xe9\x05\x00\x00\x00r\x00\x00\x00\x00',
             b'<\x02\x00\x00\x00[\x00\x00\x00\x00N'):
    try:
        print(repr(marshal.loads(data)))
    except Exception as e:
        print(type(e).__name__, e)
# Unhashable set members and dict keys read from data.
for data in (b'<\x01\x00\x00\x00[\x00\x00\x00\x00', b'{[\x00\x00\x00\x00N0'):
    print(outcome(marshal.loads, data))
