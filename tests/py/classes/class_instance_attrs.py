class C:
    shared = []
    count = 0
    def __init__(self, name):
        self.name = name
        C.count += 1
    def add(self, x):
        self.shared.append(x)
a, b = C("a"), C("b")
a.add(1); b.add(2)
print(a.shared, b.shared, C.shared is a.shared, C.count)
a.count = 100
print(a.count, b.count, C.count)
del a.count
print(a.count)
C.new_attr = "added later"
print(a.new_attr, b.new_attr)
print(sorted(a.__dict__), sorted(k for k in C.__dict__ if not k.startswith('__')))
a.__dict__['injected'] = 5
print(a.injected)
print(vars(b))
def method(self): return "patched " + self.name
C.method = method
print(a.method(), C.method(b))
bound = a.add
print(bound.__self__ is a, bound.__func__ is C.add)
try:
    C.name
except AttributeError as e:
    print("AttributeError:", e)
