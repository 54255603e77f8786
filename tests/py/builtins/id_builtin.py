a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__, id(a) > 0)
x = None
print(id(x) == id(None), id(True) == id(True))
class O: pass
o = O()
ids = {id(o)}
print(id(o) in ids, id(O()) != id(o))
s = "interned"
print(id(s) == id(s))
