# A def header's ':' is forced (CPython's &&':'): after the parameter list, an annotation that is
# not an expression, or anything else before the ':', reads "expected ':'" at CPython's place.
sources = [
    "def f() -> *Ts:\n    pass\n",
    "def f() -> **x:\n    pass\n",
    "def f() -> :\n    pass\n",
    "def f() -> yield:\n    pass\n",
    "def f() -> *a, b:\n    pass\n",
    "def f() -> x y:\n    pass\n",
    "def f() -> 1 +:\n    pass\n",
    "def f() -> x.:\n    pass\n",
    "def f(x) y:\n    pass\n",
    "def f(x) -> int y:\n    pass\n",
    "async def f() -> *Ts:\n    pass\n",
    "def f()\n    pass\n",
    "def f(): x y\n",
    "class A x:\n    pass\n",
    "if x y:\n    pass\n",
]
for src in sources:
    try:
        compile(src, "<s>", "exec")
        print("compiled:", repr(src))
    except SyntaxError as e:
        print(f"{src.splitlines()[0]!r}: {e.msg} at {e.lineno}:{e.offset}-{e.end_offset}")
# *Ts in a *args annotation is fine (PEP 646)
compile("def f(*args: *Ts) -> int:\n    pass\n", "<s>", "exec")
print("def f(*args: *Ts) compiles")
