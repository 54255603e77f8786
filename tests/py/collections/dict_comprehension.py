print({x: x ** 2 for x in range(5)})
print({k: v for k, v in zip("abc", range(3)) if v != 1})
words = ["apple", "bob", "cat", "avocado", "banana"]
by_letter = {}
for w in words:
    by_letter.setdefault(w[0], []).append(w)
print(by_letter)
print({w[0]: len(w) for w in words})
inv = {v: k for k, v in {'a': 1, 'b': 2}.items()}
print(inv)
print({(i, j): i * j for i in range(2) for j in range(2)})
print({i: {j: i + j for j in range(2)} for i in range(2)})
counts = {}
for ch in "hello world":
    if ch != " ":
        counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
