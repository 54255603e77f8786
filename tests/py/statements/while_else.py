n = 0
while n < 3:
    print("n =", n)
    n += 1
else:
    print("while finished normally")
n = 0
while True:
    n += 1
    if n == 4:
        break
else:
    print("not printed")
print("broke at", n)
while False:
    pass
else:
    print("else runs even if body never does")
k = 10
while k:
    k -= 3
    if k < 0:
        print("negative", k)
        break
    if k % 2:
        continue
    print("even", k)
