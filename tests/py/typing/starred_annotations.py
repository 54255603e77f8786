# PEP 646 in 3.11: `*args: *Ts` (only there), and unpacking a generic alias (`*tuple[int, ...]`).
class Ts:
    def __iter__(self):
        return iter(["unpacked"])


Ts = Ts()


def f(*args: *Ts):
    pass


print(f.__annotations__)


def g(a: int, *args: *tuple[int, ...], **kw: str) -> None:
    pass


print(g.__annotations__)
star = g.__annotations__["args"]
print(type(star).__name__, star.__unpacked__, star.__origin__, star.__args__)
print(star == tuple[int, ...], star == [*tuple[int, ...]][0])
print(tuple[*tuple[int, str]], list[int].__unpacked__)
print([*list[int]], len(list(iter(dict[str, int]))))


class Two:
    def __iter__(self):
        return iter([1, 2])


try:
    def h(*args: *Two()):
        pass
except ValueError as e:
    print("ValueError:", e)


def compile_error(src):
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset)
    else:
        print("compiled")


compile_error("def f(x: *Ts): pass")
compile_error("def f(**x: *Ts): pass")
compile_error("def f(*, a: *b): pass")
compile_error("def f(*a: *b=1): pass")
compile_error("x: *Ts")
compile_error("def f(*a: **b): pass")
compile_error("lambda *a: *b")
compile_error("def f(*a: *b, c): pass")

ns = {}
exec("from __future__ import annotations\ndef f(*args: *Ts): pass\n", ns)
print(ns["f"].__annotations__)
