d = {}
for key in ('plain', '', 42, ('a', 1), None, 3.5):
    try:
        d[key]
    except KeyError as e:
        print(repr(str(e)), repr(e), e.args)
e = KeyError()
print(repr(str(e)), repr(e))
e = KeyError('a', 'b')
print(str(e), repr(e))
e = KeyError("it's")
print(str(e), repr(e))
e = IndexError('no quotes')
print(str(e))
try:
    {1: 2}.pop(5)
except KeyError as e:
    print("pop:", e)
try:
    set().pop()
except KeyError as e:
    print("set pop:", e)
try:
    {}.popitem()
except KeyError as e:
    print("popitem:", e)
