# Deeply nested source is SyntaxError / IndentationError (CPython's tokenizer limits) or
# RecursionError during compilation, never a parser or compiler stack overflow (issue 12).
def attempt(label, src):
    try:
        compile(src, "<deep>", "exec")
        print(label, "-> compiled")
    except (SyntaxError, RecursionError, MemoryError) as e:
        name = type(e).__name__
        if isinstance(e, SyntaxError):
            print(label, "->", name, e.msg, e.lineno, e.offset)
        elif isinstance(e, RecursionError):
            print(label, "->", name, e)
        else:
            print(label, "-> too deep")


attempt("100000 (", "(" * 100000)
attempt("201 ()", "x = " + "(" * 201 + ")" * 201)
attempt("200 ()", "x = " + "(" * 200 + ")" * 200)
attempt("300 []", "[" * 300 + "]" * 300)
attempt("mixed", "{" * 100 + "[" * 100 + "(" * 5)
attempt("100 levels", "if 1:\n" + "".join(" " * i + "if 1:\n" for i in range(1, 100)) + " " * 100 + "pass\n")
attempt("120 levels", "if 1:\n" + "".join(" " * i + "if 1:\n" for i in range(1, 120)) + " " * 120 + "pass\n")
attempt("1+1+...", "1+" * 30000 + "1")
attempt("a.b.c...", "a." * 30000 + "b")
attempt("f()()()...", "f()" + "()" * 30000)
attempt("x[0][0]...", "x[0]" + "[0]" * 30000)
attempt("many ==", "a==" * 30000 + "a")
attempt("long tuple", "a, " * 30000 + "a")
attempt("chained =", "x=" * 30000 + "1")
print(eval("(" * 50 + "1" + ")" * 50), eval("-" * 51 + "1"), eval("1+" * 500 + "1"))
print("the program goes on")
