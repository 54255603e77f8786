print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(False) == hash(0.0))
print(hash(42), hash(-1) == hash(-2), hash(10 ** 30) == hash(10 ** 30))
print(hash("abc") == hash("ab" + "c"), hash((1, 2)) == hash((1, 2)), hash(frozenset([1])) == hash(frozenset([1])))
print(hash(()) == hash(()), type(hash("x")).__name__, hash(None) == hash(None))
for v in ([], {}, set(), bytearray()):
    try:
        hash(v)
    except TypeError as e:
        print("TypeError:", e)
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
d = {1: 'int', 1.0: 'float', True: 'bool'}
print(d, len(d))
print(len({"a", "a", "b"}), {(1, 2): 'tuple key'}[(1, 2)])
