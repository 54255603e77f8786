# ast.parse (compile with PyCF_ONLY_AST) over snippets that use every node kind: the dump with
# positions must be CPython's, byte for byte (UTF-8 column offsets, f-string spans, docstrings,
# Constant.kind 'u', contexts), and the eval/single modes give Expression/Interactive.
import ast

SNIPPETS = [
    '"""Module doc."""\nimport os, sys as system\nfrom . import a\nfrom ..pkg.mod import (b as c, d)\nfrom m import *',
    '@dec\n@dec2(1)\nasync def f(a, /, b: int = 1, *args: str, c, d=2, **kw) -> None:\n    "doc"\n    await x\n    return',
    'class C(B, metaclass=M, **kw):\n    x: int\n    y: "s" = 1\n    (z): int = 2\n    def m(self): pass',
    'del a, b[0], c.d\na = b = 1\na += 1\na.b -= 2\na[1:2, ::3] *= 3\n*a, b = c\n[a, (b, c)] = d',
    'for i, j in x:\n    break\nelse:\n    continue\nasync def g():\n    async for a in b: pass\n    async with c as d, e: pass',
    'while x:\n    pass\nelse:\n    x = 1\nif a:\n    pass\nelif b:\n    pass\nelse:\n    pass',
    'with a as (b, c), d:\n    pass\nwith (a, b) as c:\n    pass',
    'try:\n    pass\nexcept E as e:\n    raise X from e\nexcept (A, B):\n    raise\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass',
    'try:\n    pass\nexcept* ValueError as eg:\n    pass\nexcept* (TypeError, KeyError):\n    pass',
    'assert x, "msg"\nglobal g1, g2\ndef f():\n    nonlocal n\n    yield\n    yield 1\n    x = yield from g()',
    'x = a and b or not c\ny = a if b else c\nz = lambda a, *b, c=1, **d: (a, b)\nw = (n := 10)',
    'r = a + b - c * d @ e / f % g ** h << i >> j | k ^ l & m // n\ns = -a, +b, ~c\nt = a < b <= c > d >= e == f != g is h is not i in j not in k',
    'd = {1: 2, **e, "k": v}\ns = {1, 2, *t}\nl = [1, *m]\nt = (1, *u)\ne = ()\nf = []\ng = {}',
    '[x for x in y if x if z for w in x]\n{x for x in y}\n{k: v for k, v in d.items()}\n(x async for x in y)\nlist(x for x in y)',
    'f(a, *b, c=d, **e)\nf(x for x in y)\na.b.c\na[b]\na[b:c]\na[::]\na[1:2, 3]\na[...]\na[*b]\na[*b, c] = d',
    'x = 1, 2.5, 3j, 10**100, 0x_ff, 1_000, "s" "t", b"b", u"u", r"\\d", True, False, None, ...',
    'f"a{b}c{d!r:>{w}}e{f=}{g!s}{h:%Y}"\nf"{x}" "y" f"{z:{a}b}"\nf"{{}}"\nf"""{\nx\n}"""',
    "s = 'caf\u00e9' + f'\u00e9{\u00e9t\u00e9}\u00e9'\n# \u00e9\n\u00e9 = '\U0001f600'; print(\u00e9)",
    'match p:\n    case 1 | -2 | 3.5 | 1+2j | "s" | b"b" | None | True:\n        pass\n    case [a, *rest, b] | (a, b):\n        pass\n    case {"k": v, **kw}:\n        pass\n    case Cls(1, y=2) if y:\n        pass\n    case a.b.c as z:\n        pass\n    case [*_] | _:\n        pass',
    'if (a :=\n        1):\n    pass\nx = (1 +\n     2)\ndef g(): return (yield)',
    'print(1); print(2)\n\n\nx = 1 \\\n  + 2\n',
    'if x: a;\nif y:\n    b ;  \nwhile z:\n    c; d;\nelse:\n    def f(): return 1;\n',
    'with (a, b): pass\nwith (a,): pass\nwith (): pass\nwith (*a, b): pass\nwith (a, b), c: pass\n'
    'with ((a, b)): pass\nwith (a, (b, c)): pass\nwith (a, b) as c: pass\nwith (a as b, c as d,): pass\n'
    'async def f():\n    async with (\n        a as b,\n        c\n    ):\n        pass',
]

for src in SNIPPETS:
    tree = ast.parse(src)
    print(ast.dump(tree, include_attributes=True))

print(ast.dump(ast.parse('a + 1', mode='eval'), include_attributes=True))
print(ast.dump(ast.parse('x = 1', mode='single'), include_attributes=True))
print(ast.dump(compile('a if b else c', '<s>', 'eval', ast.PyCF_ONLY_AST)))
print(ast.dump(ast.parse(b'x = "\xc3\xa9"'), include_attributes=True))
print(ast.dump(ast.parse('x = 1', feature_version=(3, 8))))
t = ast.parse('a = b\nc = a')
print(t.body[0].targets[0].ctx is t.body[1].targets[0].ctx, t.body[0].value.ctx is t.body[1].value.ctx)
print(type(t.body[0].targets[0].ctx).__name__, t.body[0].__dict__.keys())
for bad in ['x = (', 'def f(:\n', '  x = 1', 'a b', 'f(**x, *y)']:
    try:
        ast.parse(bad)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)
print(ast.dump(ast.parse('return 1\nbreak\nawait x\nyield 5\nnonlocal q')))
