class Single:
    _instance = None
    def __new__(cls, *args):
        if cls._instance is None:
            print("creating instance")
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self, v):
        print("init with", v)
        self.v = v
a = Single(1)
b = Single(2)
print(a is b, a.v)
class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
u = Upper("hello")
print(u, type(u).__name__, u + "!", isinstance(u, str), len(u))
class Pos(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
print(Pos(-5), Pos(-5) + 1, type(Pos(3)).__name__)
class NoInit:
    pass
try:
    NoInit(1)
except TypeError as e:
    print("TypeError:", e)
class Ret:
    def __init__(self):
        return None
print(type(Ret()).__name__)
