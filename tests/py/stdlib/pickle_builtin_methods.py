# __reduce__ of builtin functions, bound builtin methods, method-wrappers and the method/wrapper
# descriptors, as CPython's: a module function pickles as its name, the others as
# getattr(receiver or class, name); so map(str.upper, ...) and [].append pickle.
import pickle

print(len.__reduce__(), pickle.loads(pickle.dumps(len)) is len)
for f in (str.upper, int.__add__, dict.fromkeys):
    fn, (owner, name) = f.__reduce__()
    print(type(f).__name__, fn is getattr, owner, name)
for f in ([1].append, (5).__add__, iter([]).__next__):
    fn, (receiver, name) = f.__reduce__()
    print(type(f).__name__, fn is getattr, type(receiver).__name__, name)
m = map(str.upper, "abc")
next(m)
print(list(pickle.loads(pickle.dumps(m))))
lst = [1]
app, again = pickle.loads(pickle.dumps((lst.append, lst)))
app(2)
print(again)
print(pickle.loads(pickle.dumps((7).__add__))(1), pickle.loads(pickle.dumps(int.__add__))(2, 3))
