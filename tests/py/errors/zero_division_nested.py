def inner(a, b):
    return a // b
def middle(x):
    print("middle", x)
    return inner(x, x - x)
def outer():
    return middle(5)
print("calling")
outer()
