# __slots__ entries must be identifiers; '__dict__' / '__weakref__' may be added once, and not
# over a Python base that already has them (CPython's type_new_visit_slots).
class B:
    pass


class S:
    __slots__ = ("a",)


cases = [
    ((), {"__slots__": b"x"}),
    ((int,), {"__slots__": "x"}),
    ((), {"__slots__": ""}),
    ((), {"__slots__": "42"}),
    ((), {"__slots__": "x\x00y"}),
    ((), {"__slots__": ["foo bar"]}),
    ((), {"__slots__": [None]}),
    ((), {"__slots__": "x", "x": 0}),
    ((), {"__slots__": ("__dict__", "__dict__")}),
    ((), {"__slots__": ("__weakref__", "__weakref__")}),
    ((B,), {"__slots__": "__dict__"}),
    ((B,), {"__slots__": "__weakref__"}),
    ((S,), {"__slots__": ("__dict__", "__weakref__")}),
    ((), {"__slots__": ("a", "a")}),
    ((), {"__slots__": ("\xe9t\xe9", "_x", "__y")}),
]
for bases, ns in cases:
    try:
        cls = type("A", bases, ns)
        print("ok", sorted(k for k in vars(cls) if k not in ("__module__", "__doc__")))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
