# Calling the type of None, NotImplemented or Ellipsis gives the singleton back; any argument is
# a TypeError with CPython's message.
for const in (None, NotImplemented, Ellipsis):
    tp = type(const)
    print(tp.__name__, tp() is const)
    for args, kwargs in (((1,), {}), ((), {"x": 1})):
        try:
            tp(*args, **kwargs)
        except TypeError as e:
            print("TypeError", e)
