# SyntaxError(msg, info) parses info as CPython's SyntaxError_init ("OOOO|OO", any sequence;
# end_lineno needs end_offset); UnicodeTranslateError(object, start, end, reason) and its str();
# `except` checks every item of a tuple before matching any.
for info in (("bad.py", 1, 2), ("bad.py", 1, 2, 4, 5, 6, 7), ("bad.py", 1, 2, "abcdefg", 1),
             ("f", 1, 2, "t", None), 5, ["f", 1, 2, "t"], "abcd", ("f", 1, 2, "t", 3, 4)):
    try:
        e = SyntaxError("m", info)
        print(e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset, e.args)
    except TypeError as x:
        print("TypeError", x)
e = SyntaxError("m", 1, 2)
print(e.filename, e.msg, e.args)

u = UnicodeTranslateError("xxxx", 1, 5, "foo")
print(str(u), u.object, u.start, u.end, u.reason, u.encoding)
u.end = 2
print(str(u))
u.end = 5
u.reason = 0x345345345345345345
print(str(u))
u.start = 1000
print(str(u))
u = UnicodeTranslateError("a\u20acb", 1, 2, "r")
print(str(u))
u = UnicodeEncodeError("baz", "xxxxx", 1, 5, "foo")
u.start = 7
u.end = 8
print(str(u))
try:
    UnicodeTranslateError(1, 2, 3, 4)
except TypeError:
    print("TypeError")

for spec in (42, (ValueError, 42), (42, ValueError), ((ValueError,),), (KeyError, ValueError)):
    try:
        try:
            raise ValueError
        except spec:
            print(spec, "caught")
    except TypeError as e:
        print(spec, "TypeError", e)
    except ValueError:
        print(spec, "not caught")
