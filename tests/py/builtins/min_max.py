print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min("b", "a", "c"))
print(max([1, -5, 3], key=abs), min(["aaa", "b", "cc"], key=len), max([], default="empty"))
print(min([], default=None), max((2, 'a'), (2, 'b')), max([[1, 2], [1, 3]]))
print(max(1, 2.5), min(True, 0), max(range(10), key=lambda v: v % 4))
print(max(["x", "yy", "zz"], key=len), min(["x", "yy", "a"], key=len))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    min()
except TypeError as e:
    print("TypeError:", e)
try:
    max(1, 'a')
except TypeError as e:
    print("TypeError:", e)
print(max({'a': 3, 'b': 1}, key={'a': 3, 'b': 1}.get))
