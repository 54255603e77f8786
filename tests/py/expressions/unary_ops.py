x = 5
print(-x, +x, ~x, not x, - -x, -(-x))
print(-0, -0.0, +(-3), abs(-7), ~0)
print(-(2 ** 100), ~(2 ** 64))
print(-True, +False, ~False)
class N:
    def __neg__(self): return 'neg'
    def __pos__(self): return 'pos'
    def __invert__(self): return 'inv'
print(-N(), +N(), ~N())
