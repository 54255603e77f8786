# Uncaught-exception tracebacks collapse recursion as CPython's: three entries of a repeated
# line, then "[Previous line repeated N more times]"; mutual recursion and short runs do not
# collapse; sys.tracebacklimit keeps the innermost entries.
import subprocess
import sys

def run(code):
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return p.stderr

print(run("def r(n):\n    r(n + 1)\nr(0)").count("\n"))
print(run("import sys\nsys.setrecursionlimit(60)\ndef r(n):\n    r(n + 1)\nr(0)"))
print(run("def a(n):\n    if n == 0: raise KeyError(n)\n    b(n - 1)\ndef b(n):\n    a(n)\na(10)"))
print(run("def f(n):\n    if n == 0: raise ValueError\n    f(n - 1)\nf(3)"))
print(run("def f(n):\n    if n == 0: raise ValueError\n    f(n - 1)\nf(4)"))
print(run("def f(n):\n    if n == 0: raise ValueError\n    f(n - 1)\nf(5)"))
print(run("import sys\nsys.tracebacklimit = 2\ndef f(n):\n    if n == 0: raise ValueError('x')\n    f(n - 1)\nf(5)"))
print(run("import sys\nsys.tracebacklimit = 0\ndef f(n):\n    if n == 0: raise ValueError('x')\n    f(n - 1)\nf(5)"))
print(run("import sys\nsys.tracebacklimit = 10**30\n1/0"))
print(run("import sys\nsys.tracebacklimit = 'no'\n1/0"))
