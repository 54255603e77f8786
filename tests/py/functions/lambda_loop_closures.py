fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
fs = []
for i in range(3):
    fs.append(lambda i=i: i)
print([f() for f in fs])
def maker(i):
    return lambda: i
fs = [maker(i) for i in range(3)]
print([f() for f in fs])
gs = [(lambda j: (lambda: j * j))(j) for j in range(4)]
print([g() for g in gs])
handlers = {}
for name in ("a", "b"):
    handlers[name] = lambda n=name: "handled " + n
print(handlers["a"](), handlers["b"]())
