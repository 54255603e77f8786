# match: CPython's SyntaxErrors for bad patterns (message and position), via compile().
cases = [
    "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case _ | 1:\n        pass\n",
    "match x:\n    case a | 1:\n        pass\n",
    "match x:\n    case (x as y) | 2:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case [a, a]:\n        pass\n",
    "match x:\n    case {'k': a, **a}:\n        pass\n",
    "match x:\n    case [a] | [b]:\n        pass\n",
    "match x:\n    case [a, b] | [a]:\n        pass\n",
    "match x:\n    case A(x=1, x=2):\n        pass\n",
    "match x:\n    case A(a=1, 2):\n        pass\n",
    "match x:\n    case 1 as 2:\n        pass\n",
    "match x:\n    case 1 as _:\n        pass\n",
    "match x:\n    case [*a, *b]:\n        pass\n",
    "match x:\n    case {'a': 1, 'a': 2}:\n        pass\n",
    "match x:\n    case {x: 1}:\n        pass\n",
    "match x:\n    case {**_}:\n        pass\n",
    "match x:\n    case f'x':\n        pass\n",
    "match x:\n    case 1 + 1:\n        pass\n",
    "match x:\n    case *x:\n        pass\n",
    "match x:\n    case (*x):\n        pass\n",
    "match x:\ncase 1:\n    pass\n",
    "match x:\n    case 1:\n    pass\n",
    "match x:\n    y = 1\n",
    "match x:\n    case x if x:\n        pass\n    case y:\n        pass\n",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print("compiled:", src.splitlines()[1].strip())
    except SyntaxError as e:
        print(f"{type(e).__name__}: {e.msg} @ {e.lineno}:{e.offset}-{e.end_lineno}:{e.end_offset}")
