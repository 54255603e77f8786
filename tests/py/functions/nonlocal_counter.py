def counter(start=0, step=1):
    count = start
    def next_value():
        nonlocal count
        value = count
        count += step
        return value
    def reset():
        nonlocal count
        count = start
    return next_value, reset
nxt, reset = counter(10, 5)
print(nxt(), nxt(), nxt())
reset()
print(nxt())
a, _ = counter()
b, _ = counter(100)
print(a(), b(), a(), b())
def accumulator():
    total = 0
    history = []
    def add(x):
        nonlocal total
        total += x
        history.append(total)
        return total
    return add, history
add, hist = accumulator()
for v in (1, 2, 3, 4):
    add(v)
print(hist)
