# `=` where a named expression is expected: CPython's hints and their ranges, via compile().
cases = [
    "if value = 5:\n    pass\n",
    "if x.y = 5:\n    pass\n",
    "if f(x) = 5:\n    pass\n",
    "if x = 5 + 3:\n    pass\n",
    "while x = 5:\n    pass\n",
    "if 1 = 5:\n    pass\n",
    "if x == 1 = 5:\n    pass\n",
    "if x = 5 = 6:\n    pass\n",
    "if (x) = 5:\n    pass\n",
    "if x = not y:\n    pass\n",
    "if x = 5 if y else 3:\n    pass\n",
    "if [a] = 1:\n    pass\n",
    "(a = 1)\n",
    "[a = 1]\n",
    "@x = 1\ndef f(): pass\n",
    "x = [a for a in b if a = 1]\n",
    "if True = 1:\n    pass\n",
    "elif_test = 1\nif a:\n    pass\nelif b = 2:\n    pass\n",
    "match x = 1:\n    case 1: pass\n",
    "if x = 1 := 2:\n    pass\n",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print("compiled")
    except SyntaxError as e:
        print(f"{e.msg} @ {e.lineno}:{e.offset}-{e.end_lineno}:{e.end_offset}")
