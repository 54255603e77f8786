# Variable annotations: module and class bodies collect __annotations__ (evaluated); function bodies
# never evaluate them; attribute and subscript targets evaluate their subexpressions.
x: int = 5
y: list[int]
class C:
    a: int
    b: str = "x"
    def m(self):
        z: int = 3
        w: Undefined
        return z
print(__annotations__, C.__annotations__, C().m())
obj = C()
obj.attr: int = 7
d = {}
d["k"]: str = "v"
print(obj.attr, d)
for i in range(2):
    q: float = i
print(__annotations__)
