class Proxy:
    def __init__(self, target):
        self._target = target
        self.own = "own attribute"
    def __getattr__(self, name):
        print("__getattr__", name)
        if name.startswith("virtual_"):
            return name[8:].upper()
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
print(p.own)
print(p.virtual_thing)
p.append(0)
print(p._target, p.count(1))
try:
    p.nothing_here
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, 'virtual_x'), getattr(p, 'missing_attr', 'default'))
class Recorder:
    def __init__(self):
        object.__setattr__(self, 'log', [])
    def __setattr__(self, name, value):
        self.log.append(name)
        object.__setattr__(self, name, value)
    def __getattribute__(self, name):
        if name == 'secret':
            return 'intercepted'
        return object.__getattribute__(self, name)
r = Recorder()
r.a = 1
r.b = 2
print(r.log, r.a, r.secret)
class Dyn:
    def __delattr__(self, name):
        print("deleting", name)
        object.__delattr__(self, name)
d = Dyn()
d.z = 1
del d.z
print(hasattr(d, 'z'))
