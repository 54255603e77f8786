class O:
    cls_attr = "class"
o = O()
setattr(o, 'x', 10)
print(getattr(o, 'x'), o.x, hasattr(o, 'x'), hasattr(o, 'y'), getattr(o, 'y', 'dflt'))
print(getattr(o, 'cls_attr'), hasattr(O, 'cls_attr'), hasattr(o, '__class__'))
delattr(o, 'x')
print(hasattr(o, 'x'))
try:
    getattr(o, 'x')
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(o, 'nope')
except AttributeError as e:
    print("AttributeError:", e)
setattr(O, 'added', lambda self: "method added")
print(o.added())
print(getattr("abc", "upper")(), getattr([], "append").__name__)
name = "dynamic"
setattr(o, name, 1)
print(vars(o))
try:
    getattr(o, 5)
except TypeError as e:
    print("TypeError:", e)
try:
    setattr(1, 'x', 2)
except AttributeError as e:
    print("AttributeError:", e)
