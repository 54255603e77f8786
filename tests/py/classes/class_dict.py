class P:
    kind = 'point'
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm1(self):
        return abs(self.x) + abs(self.y)
p = P(3, -4)
print(p.__dict__)
p.z = 0
print(p.__dict__, vars(p) is p.__dict__)
print('norm1' in P.__dict__, 'kind' in P.__dict__, 'x' in P.__dict__)
print(P.__dict__['kind'], P.__dict__['norm1'](p))
for k in ('x', 'y', 'z'):
    setattr(p, k, getattr(p, k) * 10)
print(p.__dict__)
p.__dict__.clear()
print(p.__dict__, hasattr(p, 'x'), p.kind)
class Slots:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = 1
s = Slots()
print(s.a, hasattr(s, '__dict__'))
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError:", e)
