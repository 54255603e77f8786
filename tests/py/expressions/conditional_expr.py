for n in (-1, 0, 1):
    print('neg' if n < 0 else 'zero' if n == 0 else 'pos')
x = 3
y = (x * 2) if x > 2 else (x / 2)
print(y)
print([i if i % 2 else -i for i in range(6)])
f = lambda v: 'big' if v > 100 else 'small'
print(f(1000), f(1))
print(1 if [] else 2, 'a' if 'b' else 'c')
calls = []
def m(v):
    calls.append(v)
    return v
print(m('t') if m(True) else m('f'), calls)
