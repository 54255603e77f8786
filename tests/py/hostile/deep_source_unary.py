# A million nested unary operators: too deep to compile. CPython's parser gives up with
# MemoryError, minipy's compiler with RecursionError; both are Python exceptions and the
# program goes on (issue 12: this used to overflow the C++ stack).
for src in ("-" * 1000000 + "1", "not " * 100000 + "1", "lambda: " * 100000 + "1", "~" * 100000 + "1",
            "2**" * 100000 + "2", "1 if 1 else " * 100000 + "1"):
    try:
        compile(src, "<deep>", "exec")
        print("compiled")
    except (RecursionError, MemoryError):
        print("too deep")
print("the program goes on")
