def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), add5(add10(0)))
def make_multipliers():
    return [lambda x: x * i for i in range(4)]
print([m(2) for m in make_multipliers()])
def make_multipliers_fixed():
    return [lambda x, i=i: x * i for i in range(4)]
print([m(2) for m in make_multipliers_fixed()])
def outer():
    items = []
    def add(v):
        items.append(v)
        return len(items)
    def get():
        return list(items)
    return add, get
add, get = outer()
add('a'); add('b')
print(get())
print(add5.__closure__ is not None, len(add5.__closure__), add5.__closure__[0].cell_contents)
def late():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    i = 99
    return [f() for f in fs]
print(late())
