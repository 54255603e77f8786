# Float arithmetic may write its result into an operand that only the value stack refers to
# (vm/eval.cpp, BINARY_OP). Every float that a name, a container or another expression still
# refers to must keep its value.
a = 1.5
b = 2.25
t = a + b
u = t * 2.0          # t is named: must not be overwritten
print(a, b, t, u)
print((a + b) * (a + b), (a + b) - (a - b), (a * b) / (b * a))
s = [a, b, a + b]
v = s[2] + s[0]      # list items are shared with the list
print(s, v)
x = 3.0
y = x * x + x        # the same object twice, then a temporary and a named one
print(x, y)
d = {"k": 0.5}
d["k"] += 0.25
w = d["k"] - 0.75
print(d, w)
k = 7
print(k + 0.5, 0.5 + k, (k * 1.0) / 2, 2 / (k + 0.0))
acc = 0.0
for i in range(5):
    acc = acc + i * 0.5   # acc's old value is also named until the store
print(acc)
def f(z):
    return z * 2.0 + 1.0
print(f(a), a)
ids = [id(a), id(b)]
c = (a + 0.0) + (b + 0.0)
print(c, ids == [id(a), id(b)], a, b)
