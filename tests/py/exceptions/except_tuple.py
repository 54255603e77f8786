def risky(kind):
    if kind == 'k':
        return {}['x']
    if kind == 'i':
        return [][1]
    if kind == 'v':
        return int('v')
    if kind == 't':
        return 1 + 'a'
    return 'fine'
for kind in 'kivtz':
    try:
        print(risky(kind))
    except (KeyError, IndexError) as e:
        print("lookup:", type(e).__name__, e)
    except (ValueError, TypeError) as e:
        print("value/type:", type(e).__name__, e)
errors = (ZeroDivisionError, OverflowError)
try:
    1 % 0
except errors as e:
    print("tuple in variable:", e)
try:
    raise KeyError('x')
except (ValueError, LookupError) as e:
    print("base class in tuple matched", repr(e))
e = "outer"
try:
    raise ValueError("v")
except ValueError as e:
    pass
try:
    print(e)
except NameError as ne:
    print("NameError:", ne)
