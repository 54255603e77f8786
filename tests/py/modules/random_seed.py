import random
random.seed(12345)
a = [random.random() for _ in range(5)]
b = [random.randint(1, 100) for _ in range(5)]
random.seed(12345)
a2 = [random.random() for _ in range(5)]
b2 = [random.randint(1, 100) for _ in range(5)]
print(a == a2, b == b2)
print(all(0 <= x < 1 for x in a), all(1 <= x <= 100 for x in b))
r1 = random.Random(7)
r2 = random.Random(7)
print([r1.random() for _ in range(3)] == [r2.random() for _ in range(3)])
items = list(range(10))
random.seed(1)
random.shuffle(items)
print(sorted(items) == list(range(10)), len(items))
random.seed(1)
again = list(range(10))
random.shuffle(again)
print(items == again)
print(random.choice("abc") in "abc", 0 <= random.randrange(10) < 10, 2.0 <= random.uniform(2, 3) <= 3.0)
s = random.sample(range(100), 5)
print(len(s), len(set(s)), all(0 <= v < 100 for v in s))
