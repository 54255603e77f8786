print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(3))))
print(''.join(reversed("stressed")))
r = reversed([1, 2])
print(type(r).__name__, next(r), next(r), next(r, None))
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 11
print(list(reversed(Seq())))
class Custom:
    def __reversed__(self): return iter("custom")
print(list(reversed(Custom())))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
print(list(reversed({'a': 1, 'b': 2})))
