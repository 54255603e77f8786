# `with (a, b):` and `with (a as x, b as y,):` enter two context managers (CPython 3.9+
# grammar), while `with (a, b) as c`, `with ((a, b)):` and `with (a, b), c:` keep the tuple.
class A:
    pass


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
with (M(13) as a, M(14) as b,):
    print('body 4', a.n, b.n)
with (
    M(15) as a,
    M(16),
    M(17) as b
):
    print('body 5', a.n, b.n)
async def agen():
    async with (A() as a, A() as b):
        pass
print(agen.__code__.co_name)
for src in ['with ((M(6), M(7))): pass', 'with (M(8), M(9)), M(10): pass', 'with (M(11), M(12)) as t: pass',
            'with (M(18) as a) as b: pass', 'with (M(19) as a, M(20) as b) + 1: pass']:
    try:
        exec(src)
    except (AttributeError, TypeError, SyntaxError) as e:
        print(type(e).__name__, e)
