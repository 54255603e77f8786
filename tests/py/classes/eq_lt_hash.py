class V:
    def __init__(self, n): self.n = n
    def __eq__(self, o):
        return isinstance(o, V) and self.n == o.n
    def __lt__(self, o): return self.n < o.n
    def __hash__(self): return hash(self.n)
    def __repr__(self): return f"V({self.n})"
a, b, c = V(1), V(1), V(2)
print(a == b, a != b, a is b, a == c, a < c, c > a, a == 1)
print(sorted([V(3), V(1), V(2)]), max([V(3), V(5)]), min(V(4), V(0)))
print(len({a, b, c}), {a: 'x'}[b])
try:
    print(a <= c)
except TypeError as e:
    print("TypeError:", e)
class NoHash:
    def __eq__(self, o): return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)
print(NoHash.__hash__)
class Plain: pass
p = Plain()
print(p == p, p == Plain(), p != Plain(), hash(p) == hash(p))
class Total:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __le__(self, o): return self.n <= o.n
    def __ge__(self, o): return self.n >= o.n
print(Total(1) <= Total(2), Total(1) >= Total(2), Total(2) == Total(2))
class Rev:
    def __eq__(self, o):
        print("Rev.__eq__ called")
        return "rev-eq"
print(1 == Rev(), Rev() == 1)
