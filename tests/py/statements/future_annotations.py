# PEP 563: under 'from __future__ import annotations' every annotation is stored as its source text,
# written back the way CPython 3.11 unparses it (precedence, quoting, subscripts, lambdas, f(...)).
from __future__ import annotations

def f(a: list[int], b: Dict[str, 'X'] | None = None, *args: int, c: "q" = 1, **kw: Callable[[int, str], T]) -> tuple[int, ...]:
    pass
print(f.__annotations__)
def g(x: a.b.c[1:2, ::3], y: -1 + 2 * 3 ** -x, z: x if 0 else lambda q, *r, s=1, **t: q, w: {1: 2, **d}, v: [i for i in x if i] ) -> not a or b and c: pass
print(g.__annotations__)
def h(x: f(*a, k=1, **m), y: 1 < 2 <= 3 is not 4, z: ~x | y ^ z & w << 1, u: {1, 2}, t: (1,), s: x[()]) -> 1e999: pass
print(h.__annotations__)
x: int = 5
y: list[Undefined]
class C:
    a: int
    b: str = "x"
    c: ClassVar[int] = 3
print(__annotations__, C.__annotations__, C.b)
