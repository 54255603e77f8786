counter = 0
def inc():
    global counter
    counter += 1
for _ in range(5):
    inc()
print(counter)
def make():
    global created
    created = "made in function"
make()
print(created)
x = "global"
def read_only():
    return x
def shadow():
    x = "local"
    return x
print(read_only(), shadow(), x)
def bad():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = 1
bad()
def g1():
    global a1, a2
    a1, a2 = 1, 2
g1()
print(a1 + a2)
