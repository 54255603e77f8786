result = []
for i in range(3):
    for j in range(i):
        for k in range(j):
            result.append((i, j, k))
print(result)
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
for row in matrix:
    print(' '.join(str(v).rjust(2) for v in row))
total = 0
n = 0
while n < 5:
    m = 0
    while m < n:
        total += m
        m += 1
    n += 1
print(total)
found = None
for a in range(1, 20):
    for b in range(a, 20):
        c2 = a * a + b * b
        c = int(c2 ** 0.5)
        if c * c == c2 and c < 20:
            found = (a, b, c)
            break
    if found:
        break
print(found)
