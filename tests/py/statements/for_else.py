def find(seq, target):
    for i, v in enumerate(seq):
        if v == target:
            print("found", target, "at", i)
            break
    else:
        print(target, "not found")
find([4, 5, 6], 5)
find([4, 5, 6], 7)
find([], 1)
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if j > i:
            break
        print(i, j)
    else:
        print("inner else", i)
for ch in "abc":
    pass
print("loop var survives:", ch)
for x in []:
    pass
else:
    print("else with empty")
primes = []
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        primes.append(n)
print(primes)
