# PEP 572 in subscripts (3.10+): a[b := 0] binds b; CPython's hint for a[x = 1].
a = [10, 20, 30]
print(a[b := 1], b)
d = {"k": 5}
print(d[key := "k"], key)
print(a[(i := 2)], i)
for src in ["a[x = 1]", "a[x := 1, 2]", "a[1:x := 2]"]:
    try:
        compile(src, "<s>", "eval")
        print("compiled", src)
    except SyntaxError as e:
        print(f"{e.msg} @ {e.offset}-{e.end_offset}")
