class Base:
    def greet(self):
        return "base greet from " + type(self).__name__
    @classmethod
    def create(cls):
        return "created " + cls.__name__
class Mid(Base):
    def greet(self):
        return "mid+" + super().greet()
    @classmethod
    def create(cls):
        return "mid+" + super().create()
class Leaf(Mid):
    def greet(self):
        return "leaf+" + super(Mid, self).greet()
    def explicit(self):
        return super(Leaf, self).greet()
l = Leaf()
print(l.greet())
print(l.explicit())
print(Leaf.create(), Mid.create())
print(super(Leaf, l).greet())
class WithInit(dict):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.extra = True
w = WithInit(a=1)
print(w['a'], w.extra, len(w))
class Stack(list):
    def push(self, x):
        self.append(x)
    def __repr__(self):
        return "Stack(" + super().__repr__() + ")"
s = Stack()
s.push(1); s.push(2)
print(s, len(s), s[-1])
