# Unpacking a GenericAlias (PEP 646 in 3.11): iter(tuple[int]) yields *tuple[int] once; a starred
# alias pickles and copies as next(iter(alias)). Aliases are weakly referenceable.
import copy
import pickle
import time
import weakref
from typing import TypeVar

T = TypeVar('T')
a = tuple[int, ...]
print((*a,), [*a], list(list[int]))
star = (*a,)[0]
print(star, star.__unpacked__, a.__unpacked__, star == a, star == (*a,)[0])
print(star.__typing_unpacked_tuple_args__, (*list[int],)[0].__typing_unpacked_tuple_args__)
print(tuple[*tuple[int, ...]], tuple[*tuple[int, ...]].__args__)
it = iter(tuple[T])
print(type(it).__name__, it.__reduce__()[1], next(it), list(it), it.__reduce__()[1])
fn, args = star.__reduce__()
print(fn is next, type(args[0]).__name__)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    loaded = pickle.loads(pickle.dumps(star, proto))
    assert loaded == star and loaded.__unpacked__, proto
print(copy.copy(star), copy.deepcopy(star), copy.copy(star).__unpacked__)
starred_t = (*tuple[T, ...],)[0]
print(starred_t[int], starred_t.__parameters__)
r = weakref.ref(a)
print(r() is a)
print(time._STRUCT_TM_ITEMS, len(time.localtime()), time.localtime().tm_zone is not None)
