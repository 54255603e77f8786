a = 1; b = 2; c = a + b
print(a, b, c)
if c == 3: print("one-line if"); print("second stmt")
for i in range(2): print("loop", i)
while a < 3: a += 1
print(a)
def f(): return "one-line def"
print(f())
class C: x = 5
print(C.x)
x = 1 if a else 2; print(x)
print(1,); print((1,))
