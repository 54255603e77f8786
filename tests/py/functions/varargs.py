def total(*nums):
    print(type(nums).__name__, len(nums))
    return sum(nums)
print(total(), total(1), total(1, 2, 3))
print(total(*range(5)))
def head_tail(first, *rest):
    return first, rest
print(head_tail(1), head_tail(1, 2, 3))
def log(msg, *args, sep=' '):
    return msg + ': ' + sep.join(str(a) for a in args)
print(log("vals", 1, 2, 3), log("csv", 1, 2, sep=','))
def passthrough(*a, **k):
    return inner(*a, **k)
def inner(x, y, z=0):
    return x + y + z
print(passthrough(1, 2), passthrough(1, y=2, z=3))
