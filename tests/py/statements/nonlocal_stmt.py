def outer():
    x = 0
    def inner():
        nonlocal x
        x += 1
        return x
    inner(); inner()
    return x, inner()
print(outer())
def deep():
    v = 'outer'
    def mid():
        def inn():
            nonlocal v
            v = 'changed by inn'
        inn()
    mid()
    return v
print(deep())
def two():
    a = b = 0
    def setb():
        nonlocal a, b
        a, b = 1, 2
    setb()
    return a, b
print(two())
def shadowing():
    x = 1
    def f():
        x = 2
        def g():
            nonlocal x
            x = 3
        g()
        return x
    return f(), x
print(shadowing())
