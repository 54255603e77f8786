# Corner cases of the builtin functions: error messages and less common arguments.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
t(lambda: len())
t(lambda: abs('a'))
t(lambda: chr(-1))
t(lambda: chr(2 ** 70))
t(lambda: ord(1))
t(lambda: ord(''))
t(lambda: ord(bytearray(b'z')))
t(lambda: getattr(1))
t(lambda: hasattr(1, 2))
t(lambda: divmod('a', 1))
t(lambda: divmod(1.0, 0))
t(lambda: divmod(5.0, -2))
t(lambda: divmod(-0.0, 1))
t(lambda: divmod(7, 2.5))
t(lambda: format(1, 2))
t(lambda: isinstance(1, 1))
t(lambda: isinstance(1, (int, 1)))
t(lambda: isinstance('a', (int, 1)))
t(lambda: issubclass(1, int))
t(lambda: issubclass(int, 1))
t(lambda: issubclass(bool, ((str,), (int,))))
t(lambda: next(1))
t(lambda: max())
t(lambda: max(1))
t(lambda: min([]))
t(lambda: max(1, 2, default=3))
t(lambda: max([1], foo=3))
t(lambda: max(1, 2, key=None))
t(lambda: min('a', 'B', key=str.upper))
t(lambda: pow())
t(lambda: pow(1, 2, 3, 4))
t(lambda: round())
t(lambda: round('a'))
t(lambda: round(1.5, 'a'))
t(lambda: round(1.5, None))
t(lambda: sorted())
t(lambda: sorted([1], lambda x: x))
t(lambda: sorted([1], foo=1))
t(lambda: sorted(['b', 'a'], key=None))
t(lambda: sum())
t(lambda: sum(1))
t(lambda: sum([b'a'], b''))
t(lambda: sum([1, 'a']))
t(lambda: sum([], 0.0))
t(lambda: sum([1, 2], 0.5))
t(lambda: sum([2 ** 62, 2 ** 62, 1.5]))
t(lambda: sum([1, 2.5, 3]))
t(lambda: vars(1, 2))
t(lambda: dir(1, 2))
t(lambda: bin('a'))
t(lambda: hex(-2 ** 70))
t(lambda: next(iter([])))
t(lambda: isinstance())
t(lambda: iter())
t(lambda: id(5) == id(5))
t(lambda: callable(print))
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == 42
    def __subclasscheck__(cls, sub):
        return sub is int
class Any(metaclass=Meta):
    pass
print(isinstance(42, Any), isinstance(41, Any), issubclass(int, Any), issubclass(str, Any))
print(isinstance(42, (str, Any)), issubclass(float, (Any, float)))
class D:
    def __divmod__(self, o):
        return ("divmod", o)
    def __rdivmod__(self, o):
        return ("rdivmod", o)
    def __round__(self, n=None):
        return ("round", n)
print(divmod(D(), 1), divmod(1, D()), round(D()), round(D(), 2))
def scope():
    a = 1
    b = 2
    return dir()
print(scope())
it = iter([1, 2])
print(next(it, 'x'), next(it, 'x'), next(it, 'x'))
def gen():
    yield 1
g = gen()
print(next(g), next(g, 'done'))
print(hex(0), oct(-0), bin(2 ** 65))
print(max("a", "b", "c", key=lambda c: -ord(c)), min([3, 1, 2], default=0))
print(any(x for x in []), all(x for x in []))
