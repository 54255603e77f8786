# The _pickle accelerator (stdlib/native/_pickle.cpp): pickle.py's Pickler/Unpickler/dumps/loads
# are the native ones; round trips of every builtin type under protocols 0-5, the exact bytes
# CPython writes, shared and recursive structures, custom reductions, subclass hooks, and the
# errors malformed or hostile input must raise.
import copyreg
import io
import pickle
import pickletools

import _pickle

print(pickle.Pickler is _pickle.Pickler, pickle.Unpickler is _pickle.Unpickler)
print(pickle.dumps is _pickle.dumps, pickle.loads is _pickle.loads)
print(pickle.PickleError is _pickle.PickleError, issubclass(pickle.UnpicklingError, pickle.PickleError))

ATOMS = [None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -2**31, 2**31 - 1, 2**31, -2**31 - 1,
         2**63, -2**63, 2**64, -2**100, 10**40, -(256**255), 256**300, 0.0, -0.0, 1.5, 1e300, -2.5e-300,
         float('inf'), float('-inf'), '', 'abc', 'caf\xe9', '\u20ac', '\U0001f600', 'a\nb\\c\r\x00\x1a',
         'x' * 300, b'', b'xy', b'\x00\xff' * 200, bytearray(), bytearray(b'zz')]
CONTAINERS = [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1], [1, 2], list(range(2500)), {},
              {'a': 1}, {'a': 1, 'b': [2]}, {i: str(i) for i in range(1200)}, set(), {1, 2},
              set(range(1100)), frozenset(), frozenset({3}), frozenset(range(5)),
              [[1, 2], ({'k': (None, b'v')},)]]

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    ok = True
    for value in ATOMS + CONTAINERS:
        data = pickle.dumps(value, proto)
        back = pickle.loads(data)
        same = back == value and type(back) is type(value)
        if isinstance(value, float) and value == 0.0:
            same = same and str(back) == str(value)
        if not same:
            ok = False
            print('mismatch', proto, repr(value)[:40], repr(back)[:40])
        # The Python implementation reads what the native one writes, and the other way round.
        if pickle._loads(data) != value or pickle.loads(pickle._dumps(value, proto)) != value:
            ok = False
            print('cross mismatch', proto, repr(value)[:40])
    print('protocol', proto, 'round trips', ok)

# Exact bytes: what CPython's accelerator writes for plain data.
PLAIN = [None, True, 1, -7, 300, 70000, 2**40, -2**70, 1.25, 'h\xe9llo', b'by', (1, 'a'),
         [1, [2, 3]], {'k': 'v', 'n': [None]}, {5}, frozenset({6})]
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    print(proto, pickle.dumps(PLAIN, proto).hex())

# Shared and recursive references.
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    shared = [1, 2]
    graph = {'a': shared, 'b': shared}
    graph['self'] = graph
    lst = [1]
    lst.append(lst)
    tup = ([],)
    tup[0].append(tup)
    g = pickle.loads(pickle.dumps(graph, proto))
    l2 = pickle.loads(pickle.dumps(lst, proto))
    t2 = pickle.loads(pickle.dumps(tup, proto))
    print(proto, g['a'] is g['b'], g['self'] is g, l2[1] is l2, t2[0][0] is t2)


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)


class Slotted:
    __slots__ = ('a', 'b')

    def __init__(self):
        self.a = 1
        self.b = [2]


class Reduced:
    def __init__(self, v):
        self.v = v

    def __reduce__(self):
        return (Reduced, (self.v * 2,))


class WithState:
    def __init__(self):
        self.data = 1

    def __getstate__(self):
        return {'data': self.data, 'extra': 'x'}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.restored = True


class MyList(list):
    pass


class MyDict(dict):
    pass


class NewArgs(int):
    def __new__(cls, v, tag):
        self = super().__new__(cls, v)
        self.tag = tag
        return self

    def __getnewargs_ex__(self):
        return (int(self),), {'tag': self.tag}


def setter(obj, state):
    obj.via_setter = state


class WithSetter:
    def __reduce__(self):
        return (WithSetter, (), {'s': 1}, None, None, setter)


class Items:
    def __init__(self):
        self.items = []

    def __reduce__(self):
        return (Items, (), None, iter([1, 2, 3]), None)

    def append(self, x):
        self.items.append(x)

    def extend(self, xs):
        self.items.extend(xs)


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    p = pickle.loads(pickle.dumps(Point(1, [2]), proto))
    s = pickle.loads(pickle.dumps(Slotted(), proto)) if proto >= 2 else None
    r = pickle.loads(pickle.dumps(Reduced(3), proto))
    w = pickle.loads(pickle.dumps(WithState(), proto))
    ml = MyList([1, 2])
    ml.attr = 'a'
    ml2 = pickle.loads(pickle.dumps(ml, proto))
    md = pickle.loads(pickle.dumps(MyDict(a=1), proto))
    na = pickle.loads(pickle.dumps(NewArgs(5, 'tag'), proto)) if proto >= 2 else None
    ws = pickle.loads(pickle.dumps(WithSetter(), proto))
    it = pickle.loads(pickle.dumps(Items(), proto))
    print(proto, p == Point(1, [2]), s and (s.a, s.b), r.v, w.__dict__, type(ml2).__name__, ml2,
          ml2.attr, type(md).__name__, md, na and (int(na), na.tag), ws.via_setter, it.items)

# Globals: functions, classes, nested classes, builtins, singletons' types.
class Outer:
    class Inner:
        pass


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    objs = [len, pickle.dumps, Point, Outer.Inner, type(None), type(...), type(NotImplemented),
            int, ..., NotImplemented]
    print(proto, pickle.loads(pickle.dumps(objs, proto)) == objs)
print(pickle.dumps(Outer.Inner, 4))
print(pickle.dumps(Outer.Inner, 2))


def local_function():
    def inner():
        pass
    return inner


try:
    pickle.dumps(local_function())
except (AttributeError, pickle.PicklingError) as e:
    print(type(e).__name__, e)
try:
    pickle.dumps(lambda: 1)
except pickle.PicklingError as e:
    print(type(e).__name__, str(e).split(' at ')[0])

# Extension registry: EXT opcodes.
copyreg.add_extension(__name__, 'Point', 0xf0)
copyreg.add_extension(__name__, 'Reduced', 0x1234)
copyreg.add_extension(__name__, 'Slotted', 0x12345678)
for proto in (2, 4):
    data = pickle.dumps([Point, Reduced, Slotted], proto)
    print(proto, data.hex(), pickle.loads(data) == [Point, Reduced, Slotted])
copyreg.remove_extension(__name__, 'Point', 0xf0)
copyreg.remove_extension(__name__, 'Reduced', 0x1234)
copyreg.remove_extension(__name__, 'Slotted', 0x12345678)

# Pickler and Unpickler objects: files, memo, persistent ids, dispatch_table, reducer_override.
f = io.BytesIO()
pk = pickle.Pickler(f, 2)
pk.dump('first')
pk.dump(['first', 'second'])
print(f.getvalue().hex())
f.seek(0)
up = pickle.Unpickler(f)
print(up.load(), up.load(), f.tell() == len(f.getvalue()))
try:
    up.load()
except EOFError as e:
    print('EOFError', e)
print(sorted(up.memo.copy().items()))
print(sorted((v[0], v[1]) for v in pk.memo.copy().values()))
pk.clear_memo()
print(len(pk.memo.copy()), pk.bin, pk.fast)


class PersPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Point):
            return ('point', obj.x)
        return None


class PersUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        kind, x = pid
        return Point(x, 'restored')


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    if proto == 0:
        continue  # protocol 0 persistent ids must be ASCII str: tested below
    f = io.BytesIO()
    PersPickler(f, proto).dump([Point(7, 0), 'x'])
    f.seek(0)
    back = PersUnpickler(f).load()
    print(proto, back[0].x, back[0].y, back[1])

f = io.BytesIO()
p0 = pickle.Pickler(f, 0)
p0.persistent_id = lambda obj: 'pid-%s' % obj if isinstance(obj, int) else None
p0.dump([1, 'a'])
print(f.getvalue())
f.seek(0)
u0 = pickle.Unpickler(f)
u0.persistent_load = lambda pid: 'loaded ' + pid
print(u0.load())
try:
    pickle.loads(b'P1\n.')
except pickle.UnpicklingError as e:
    print('UnpicklingError', e)


class TablePickler(pickle.Pickler):
    dispatch_table = {Point: lambda p: (Point, (p.y, p.x))}


f = io.BytesIO()
TablePickler(f, 3).dump(Point(1, 2))
print(pickle.loads(f.getvalue()).__dict__)
f = io.BytesIO()
tp = pickle.Pickler(f, 3)
tp.dispatch_table = {Point: lambda p: (Point, ('t', 't'))}
tp.dump(Point(1, 2))
print(pickle.loads(f.getvalue()).__dict__)


class OverridePickler(pickle.Pickler):
    def reducer_override(self, obj):
        if obj is Point:
            return (str, ('was Point',))
        return NotImplemented


f = io.BytesIO()
OverridePickler(f, 4).dump([Point, Reduced(1)])
print(pickle.loads(f.getvalue())[0], pickle.loads(f.getvalue())[1].v)


class RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError('global %s.%s is forbidden' % (module, name))


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    try:
        RestrictedUnpickler(io.BytesIO(pickle.dumps(Point(1, 2), proto))).load()
    except pickle.UnpicklingError as e:
        print(proto, e)

# Python 2 pickles: fix_imports, encoding.
py2 = b"(lp0\nc__builtin__\nset\np1\n((lp2\nI1\natp3\nRp4\naS'caf\\xe9'\np5\na."
print(pickle.loads(py2, encoding='latin1'))
print(pickle.loads(py2, encoding='bytes'))
try:
    pickle.loads(py2)
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e.reason)
print(pickle.loads(b'\x80\x02c__builtin__\nxrange\nq\x00K\x00K\x05K\x01\x87q\x01Rq\x02.'))
try:
    pickle.loads(b'c__builtin__\nxrange\n.', fix_imports=False)
except ImportError as e:
    print('ImportError', e)
print(pickle.dumps(range(3), 2, fix_imports=True).hex())
print(pickle.dumps(range(3), 2, fix_imports=False).hex())

# Every opcode documented by pickletools, through the native unpickler.
print(pickle.loads(b'(I1\nI00\nL12345678901234567890L\nF2.5\nS"s"\nVu\\u20ac\nN(t(l(dtp0\n0g0\n.'))
print(pickle.loads(b'((I1\nI2\nl(I3\nI4\nlp0\n2a(I5\ne(I7\n1I6\nt.'))
print(pickle.loads(b'(dS"k"\nI1\nsS"j"\nI2\ns(S"l"\nI3\nu.'))
print(pickle.loads(b'\x80\x04\x95\x0e\x00\x00\x00\x00\x00\x00\x00\x8f\x94(K\x01K\x02\x90(K\x03\x91\x86.'))
print(pickle.loads(b'\x80\x05\x96\x03\x00\x00\x00\x00\x00\x00\x00abc.'))
print(pickle.loads(b'\x80\x05\x97.', buffers=[b'oob']))
ro = pickle.loads(b'\x80\x05\x97\x98.', buffers=[b'ro'])
print(type(ro).__name__, ro)
print(pickle.loads(b'\x80\x04\x8a\x00\x8a\x01\xff\x8b\x02\x00\x00\x00\x00\x01\x87.'))
print(pickle.loads(b'\x80\x03C\x02hi\x8e\x01\x00\x00\x00\x00\x00\x00\x00zB\x01\x00\x00\x00q\x86.'))

# Malformed and hostile input: an exception, never a crash or a huge allocation.
BAD = [
    b'', b'\x80', b'\x80\x05', b'\x80\x06.', b'N', b'(', b'.', b'0', b'1', b'2', b'a', b'e', b's',
    b'u', b't', b'l', b'd', b'R', b'b', b'o', b'\x81', b'\x92', b'\x85', b'\x86', b'\x87',
    b'\x90', b'\x91', b'\x93', b'\x94', b'p0\n', b'q\x00', b'r\x00\x00\x00\x00', b'g0\n.',
    b'h\x00.', b'j\x05\x00\x00\x00.', b'gx\n.', b'p-1\n', b'I1', b'Ixyz\n.', b'L1.5\n.',
    b'Fnope\n.', b'S"abc\n.', b"S'abc\"\n.", b'Sabc\n.', b'T\xff\xff\xff\xff', b'T\x05\x00\x00\x00ab',
    b'U\x05ab', b'B\xff\xff\xff\x7f', b'C\x10abc', b'X\x05\x00\x00\x00ab', b'X\x02\x00\x00\x00\xff\xfe.',
    b'\x8c\x03ab', b'\x8d\xff\xff\xff\xff\xff\xff\xff\x7f', b'\x8e\x10\x00\x00\x00\x00\x00\x00\x00ab',
    b'\x96\x00\x00\x00\x00\x00\x00\x00\x80', b'\x95\xff\xff\xff\xff\xff\xff\xff\x7f',
    b'\x95\xff\xff\xff\xff\xff\xff\xff\xff', b'\x8b\xff\xff\xff\xff', b'\x8b\x00\x00\x00\x7f',
    b'\x8a\x05ab', b'\x82\x00', b'\x82\x01.', b'\x84\xff\xff\xff\xff', b'\x83', b'\x97.', b'\x98.',
    b'N\x98.', b'P', b'Q.', b'NQ.', b'c', b'ccopyreg\n', b'ccopyreg\nnope\n.', b'cno_such_module_x\nf\n.',
    b'\x8c\x02os\x8c\x06system\x93.', b'K\x01\x8c\x01a\x93.', b'i', b'(icopyreg\nnope\n.', b'(]K\x01K\x02d.',
    b'(K\x01K\x02K\x03u.', b'}K\x01K\x02K\x03u.', b'NK\x01s.', b'(\x8f\x90.', b'N(\x90.',
    b'NN\x81.', b'N)\x81.', b']N\x81.', b'N)}\x92.', b'N)N\x92.', b'NNR.', b'N)R.', b'NNb.',
    b']]b.', b'](}(N}tb.', b'\xff', b'\x00', b'\x99', b'z', b"'", b'\\', b']\x940h\x01.',
    b'\x80\x04(\x94', b'(\x94.', b']\x94\x94\x94\x94h\x03h\x04.',
]
for data in BAD:
    try:
        result = pickle.loads(data)
        print(data, 'loaded', repr(result)[:40])
    except Exception as e:
        name = type(e).__name__
        print(data, name, str(e).split(' from ')[0][:70] if name != 'ModuleNotFoundError' else '')

# Declared lengths far beyond the data: CPython allocates them first (MemoryError or
# OverflowError), minipy checks the data is there first (UnpicklingError); both refuse.
# (Only lengths CPython refuses without allocating them are tried here.)
for data in (b'\x8e\xff\xff\xff\xff\xff\xff\xff\x7f', b'\x8d\x00\x00\x00\x00\x00\x01\x00\x00',
             b'X\xff\xff\xff\xff'):
    try:
        pickle.loads(data)
    except (MemoryError, OverflowError, pickle.UnpicklingError):
        print(data, 'refused')

# A file that hands out data slowly, then ends early: reads are bounded, never the declared size.
class Trickle(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.requests = []

    def read(self, n=-1):
        self.requests.append(n)
        chunk, self.data = self.data[:min(n, 3)], self.data[min(n, 3):]
        return chunk

    def readline(self):
        i = self.data.find(b'\n')
        chunk, self.data = self.data[:i + 1], self.data[i + 1:]
        return chunk


t = Trickle(b'\x8e\xff\xff\xff\xff\xff\xff\x00\x00abc')
try:
    pickle.load(t)
except pickle.UnpicklingError as e:
    print('UnpicklingError', e, max(t.requests) <= 1 << 20)

# The unpickler's memo, primed and cleared; a hostile memo index costs one entry.
u = pickle.Unpickler(io.BytesIO(b']r\x00\x00\x10\x00j\x00\x00\x10\x00.'))
print(u.load(), list(u.memo.copy()))
u.memo = {1: 'one'}
u2 = pickle.Unpickler(io.BytesIO(b'h\x01.'))
u2.memo = pickle.Unpickler(io.BytesIO(b'\x8c\x03one\x94N\x94.')).memo
u3 = pickle.Unpickler(io.BytesIO(b'\x8c\x03one\x94N\x94\x8c\x03two\x94.'))
print(u3.load(), u3.memo.copy())
u2.memo = u3.memo
print(u2.load())
for bad_memo in (object(), {-1: None}, {'k': None}):
    try:
        u.memo = bad_memo
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
u.memo.clear()
print(u.memo.copy())

# Argument errors.
for call in (lambda: pickle.dumps(1, 6), lambda: pickle.Pickler(io.BytesIO(), 4, buffer_callback=len),
             lambda: pickle.Pickler(42), lambda: pickle.Unpickler(42),
             lambda: pickle.loads(b'N.', encoding=1), lambda: pickle.loads('N.'),
             lambda: pickle.Pickler.__new__(pickle.Pickler).dump(1),
             lambda: pickle.Unpickler.__new__(pickle.Unpickler).load()):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(pickle.dumps(1, -1)[:2], pickle.dumps(1, None)[:2])

# Unpicklable objects, bad reductions.
class BadReduce:
    def __init__(self, rv):
        self.rv = rv

    def __reduce__(self):
        return self.rv


for rv in (42, (), (len,), (1, ()), (len, 1), (len, (), None, 5), (len, (), None, None, 5),
           (len, (), None, None, None, 5), (len, (), None, None, None, None, None)):
    try:
        pickle.dumps(BadReduce(rv))
    except Exception as e:
        print(type(e).__name__, e)
import threading
try:
    pickle.dumps(threading.Lock())
except TypeError as e:
    print('TypeError', e)

# The tools agree: pickletools reads what the native Pickler writes.
out = io.StringIO()
pickletools.dis(pickle.dumps({'a': [1, 2.0, None]}, 4), out)
print(out.getvalue())
