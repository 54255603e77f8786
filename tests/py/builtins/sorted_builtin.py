print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted("hello"), sorted((1.5, -2, 0)))
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w)))
data = [('b', 2), ('a', 2), ('c', 1), ('a', 1), ('b', 1)]
print(sorted(data, key=lambda t: t[1]))
print(sorted(data, key=lambda t: t[1], reverse=True))
print(sorted(data))
print(sorted({3: 'x', 1: 'y', 2: 'z'}), sorted({3: 'x', 1: 'y'}.items()))
recs = [{'n': 'x', 'age': 30}, {'n': 'y', 'age': 25}, {'n': 'z', 'age': 30}]
print([r['n'] for r in sorted(recs, key=lambda r: r['age'])])
print(sorted([], reverse=True), sorted(range(5), key=lambda v: -v))
try:
    sorted([1, 'a'])
except TypeError as e:
    print("TypeError:", e)
stable = sorted(range(10), key=lambda v: v % 3)
print(stable)
print(sorted([-3, 2, -1], key=abs), sorted(['b', 'A', 'c']))
