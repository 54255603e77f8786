class Thing:
    cls_var = 1
    def __init__(self):
        self.a = 1
        self.b = 2
    def method(self): pass
    @staticmethod
    def smeth(): pass
    def _private(self): pass
t = Thing()
print(callable(Thing), callable(t), callable(t.method), callable(len), callable(1), callable(lambda: 0), callable("s"))
print(vars(t), sorted(vars(Thing).keys() - {'__module__', '__dict__', '__weakref__', '__doc__', '__init__'}))
print([n for n in dir(t) if not n.startswith('__')])
print([n for n in dir(Thing) if not n.startswith('__')])
class Child(Thing):
    extra = True
print([n for n in dir(Child()) if not n.startswith('__')])
print('append' in dir([]), 'upper' in dir(""), 'keys' in dir({}))
try:
    vars(1)
except TypeError as e:
    print("TypeError:", e)
