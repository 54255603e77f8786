# Builtin methods compare equal when bound to the same object (by identity) and wrapping the same
# function, as CPython's meth_richcompare; equal ones hash alike. Reading a method makes a new
# object each time, so this is not identity.
a = []
b = []
print(dict.fromkeys == dict.fromkeys, dict.fromkeys != dict.fromkeys)
print(a.append == a.append, a.append != a.append, a.append is a.append)
print(a.append == b.append, a.append == a.pop, a.append == [].append)
print(len == len, len == abs, len != abs)
print((5).bit_length == (5).bit_length, "x".upper == "x".upper)
print(hash(a.append) == hash(a.append), hash(dict.fromkeys) == hash(dict.fromkeys))
print(len(set([a.append, a.append, b.append, len, len])))
print(a.append == 1, a.append.__eq__(1), a.append.__eq__(a.append))
try:
    a.append < a.append
except TypeError as e:
    print("TypeError", e)
