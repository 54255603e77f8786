# __abc_tpflags__ (collections.abc's pattern-matching kind) may not claim both sequence and mapping.
from collections.abc import Collection, Sequence, Mapping
try:
    class Both(Collection):
        __abc_tpflags__ = (Sequence.__flags__ | Mapping.__flags__)
except TypeError as e:
    print(e)
class S(Collection):
    __abc_tpflags__ = 1 << 5
    def __len__(self): return 0
    def __iter__(self): return iter(())
    def __contains__(self, x): return False
match S():
    case [*_]:
        print("sequence")
    case _:
        print("other")
