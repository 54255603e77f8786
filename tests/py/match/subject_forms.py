# Subjects CPython's grammar allows: a tuple of named expressions and starred items
# (`match w := x,:`), and duplicate mapping keys that are only equal as numbers.
x = 3
match w := x,:
    case (3,):
        print("tuple of one walrus", w)

rest = [4, 5]
match x, *rest:
    case (a, b, c):
        print("starred subject", a, b, c)

match (y := 1), (z := 2), :
    case (p, q):
        print("two walruses", p, q, y, z)

match x := 10:
    case 10:
        print("bare walrus", x)


def compile_error(src):
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset)
    else:
        print("compiled")


compile_error("match x:\n    case {0: _, 0j: _}:\n        pass\n")
compile_error("match x:\n    case {1: _, 1.0: _}:\n        pass\n")
compile_error("match x:\n    case {1: _, True: _}:\n        pass\n")
compile_error("match x:\n    case {1j: _, 1j: _}:\n        pass\n")
compile_error("match x:\n    case {1j: _, 2j: _}:\n        pass\n")
compile_error("match a = 1,:\n    case _:\n        pass\n")
compile_error("match *a:\n    case _:\n        pass\n")
compile_error("match w := x, y := z:\n    case _:\n        pass\n")
