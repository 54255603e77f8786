# PEP 585 generic aliases and PEP 604 unions: types.GenericAlias/types.UnionType objects, their repr,
# attributes, equality, isinstance/issubclass, substitution of type variables, __class_getitem__
# (implicitly a classmethod) and __mro_entries__ in class bases.
import types
print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()], type[int], set[int], frozenset[str], list[int | None])
print(int | str, int | None, None | int, int | list[int], int | str | None, (int | str) | (bytes | int), int | int)
print(type(list[int]), type(int | str), types.GenericAlias, types.UnionType, type(list[int]) is types.GenericAlias)
a = list[int]
print(a.__origin__, a.__args__, a.__parameters__, a == list[int], a != list[str], hash(a) == hash(list[int]), a == list)
print(a(), a([1, 2]), a.append, a.__name__, a.__mro_entries__((a,)))
class L(list[int]): pass
print(L.__bases__, L.__mro__)
try: isinstance([], list[int])
except TypeError as e: print(e)
try: issubclass(list, list[int])
except TypeError as e: print(e)
u = int | str
print(u.__args__, u.__parameters__, isinstance(1, u), isinstance("a", u), isinstance(1.0, u), isinstance(None, int | None), issubclass(bool, u), issubclass(float, u))
print(u == (str | int), hash(u) == hash(str | int), u == int, (int | None).__args__)
try: isinstance([], int | list[int])
except TypeError as e: print(e)
print(isinstance(1, int | list[int]))
try: int | "str"
except TypeError as e: print(e)
try: int | 3
except TypeError as e: print(e)
try: str[int]
except TypeError as e: print(e)
try: u()
except TypeError as e: print(e)
print(u.__module__, type(u).__module__, type(u).__name__, type(a).__name__)
class TV:
    def __init__(self, name): self.name = name
    def __repr__(self): return "~" + self.name
    def __typing_subst__(self, arg): return arg
T = TV("T")
g = dict[str, T]
print(g, g.__parameters__, g[int], list[T][str], (list[T] | None).__parameters__, (list[T] | None)[int], (list[T] | set[T])[bytes])
try: list[int][str]
except TypeError as e: print(e)
try: dict[str, T][int, int]
except TypeError as e: print(e)
class C:
    def __class_getitem__(cls, item): return (cls.__name__, item)
print(C[int], C[int, str])
class D(C): pass
print(D[1])
print(types.GenericAlias(list, (int,)), types.GenericAlias(dict, int))
print(list[int].__reduce__()[0] is types.GenericAlias)
print(repr(list[...]), list['X'], list[[int, str]])
def f(x: list[int] | None = None) -> dict[str, int | None]: pass
print(f.__annotations__)
print(dir(int | str)[:3], list[int].__class__)
