# eval() and exec() take bytes-like source as compile() does (a UTF-8 BOM is skipped); other
# types are TypeError. (Invalid UTF-8 is not yet a SyntaxError, in compile() either.)
bom = b"\xef\xbb\xbf"
g = {"a": 1, "b": 2}
loc = {"b": 200, "c": 300}
print(eval(b"1+1"), eval(bom + b"a", g, loc), eval(bytearray(b"b"), g, loc), eval(memoryview(b"c"), g, loc))
ns = {}
exec(b"x = 5\ny = x * 2", ns)
exec(bom + b"z = 'bom'", ns)
print(ns["x"], ns["y"], ns["z"])
for bad in ((), 5, None):
    try:
        eval(bad)
    except TypeError as e:
        print("TypeError", e)
