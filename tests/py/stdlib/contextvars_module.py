# contextvars over the native _contextvars: variables, tokens, contexts, run/copy, threads.
import contextvars, threading
v = contextvars.ContextVar("v", default=0)
w = contextvars.ContextVar("w")
print(v.name, v.get(), v.get(5), w.get("dflt"), type(v).__name__, type(v).__module__)
try:
    w.get()
except LookupError as e:
    print("LookupError", e.args[0] is w)
t = v.set(1)
print(v.get(), t.var is v, t.old_value is contextvars.Token.MISSING, repr(contextvars.Token.MISSING))
t2 = v.set(2)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
v.reset(t)
print(v.get())
for bad in [lambda: v.reset(t), lambda: w.reset(v.set(3)), lambda: contextvars.ContextVar(1),
            lambda: contextvars.Context(1), lambda: v.reset("x")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, str(e).split(" at 0x")[0])
ctx = contextvars.copy_context()
print(len(ctx), v in ctx, ctx[v], ctx.get(w), ctx.get(w, "d"), sorted(x.name for x in ctx))
def work(a, b=0):
    v.set(a + b)
    w.set("inside")
    return v.get(), w.get()
print(ctx.run(work, 10, b=5), v.get(), w.get("none"), ctx[v], ctx[w])
print(sorted((k.name, val) for k, val in ctx.items()), sorted(ctx.values(), key=str), [k.name for k in ctx.keys()])
c2 = ctx.copy()
c2.run(v.set, 99)
print(ctx[v], c2[v], list(iter(contextvars.Context())))
try:
    ctx[object()]
except TypeError as e:
    print("TypeError", str(e).split(" at 0x")[0])
def nested():
    return ctx.run(lambda: 1)
try:
    ctx.run(nested)
except RuntimeError as e:
    print("RuntimeError", str(e).split(" object at")[0])
seen = []
def in_thread():
    seen.append(v.get())
    v.set(7)
    seen.append(v.get())
v.set(42)
th = threading.Thread(target=in_thread)
th.start(); th.join()
print(seen, v.get())
print(contextvars.ContextVar[int], hash(v) == hash(v), v == v, v != w)
try:
    class Sub(contextvars.ContextVar):
        pass
except TypeError as e:
    print("TypeError", e)
