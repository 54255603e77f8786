out = []
for i in range(20):
    if i % 2 == 0:
        continue
    if i > 11:
        break
    out.append(i)
print(out)
i = 0
res = []
while i < 10:
    i += 1
    if i == 3:
        continue
    try:
        if i == 6:
            break
        res.append(i)
    finally:
        res.append(-i)
print(res)
for a in range(3):
    for b in range(3):
        if b == 2:
            break
        if a == 1:
            continue
        print(a, b)
