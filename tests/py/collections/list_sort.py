nums = [5, 2, 9, 1, 5, 6]
nums.sort(); print(nums)
nums.sort(reverse=True); print(nums)
words = ["banana", "pie", "Apple", "cherry", "fig"]
words.sort(); print(words)
words.sort(key=str.lower); print(words)
words.sort(key=len); print(words)
words.sort(key=lambda w: (-len(w), w)); print(words)
pairs = [(2, 'b'), (1, 'b'), (2, 'a'), (1, 'a')]
pairs.sort(key=lambda p: p[1]); print(pairs)
pairs.sort(key=lambda p: p[0]); print(pairs)
print(nums.sort() is None)
mixed = [3.5, 1, 2.25, True]
mixed.sort(); print(mixed)
try:
    [1, "a", 2].sort()
except TypeError as e:
    print("TypeError:", e)
big = list(range(100, 0, -7))
big.sort(); print(big[:5], big[-3:])
recs = [{'n': i % 3, 'i': i} for i in range(7)]
recs.sort(key=lambda r: r['n'], reverse=True)
print([(r['n'], r['i']) for r in recs])
