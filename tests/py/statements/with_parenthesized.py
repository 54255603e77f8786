# `with (a, b):` enters two context managers (CPython 3.9+ grammar), while `with (a, b) as c`,
# `with ((a, b)):` and `with (a, b), c:` keep the tuple as one item.
class M:
    def __init__(self, n):
        self.n = n

    def __enter__(self):
        print('enter', self.n)
        return self

    def __exit__(self, *exc):
        print('exit', self.n)


with (M(1), M(2)):
    print('body 1')
with (M(3),):
    print('body 2')
with (M(4)) as m, (M(5)):
    print('body 3', m.n)
for src in ['with ((M(6), M(7))): pass', 'with (M(8), M(9)), M(10): pass', 'with (M(11), M(12)) as t: pass']:
    try:
        exec(src)
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
