def gen():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
g = gen()
print(next(g))
g.close()
print("closed")
g.close()
try:
    next(g)
except StopIteration:
    print("exhausted after close")
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught", e)
            yield "recovered"
c = catcher()
print(next(c))
print(c.throw(ValueError("bad")))
print(next(c))
try:
    c.throw(KeyError("unhandled"))
except KeyError as e:
    print("propagated", repr(e))
def never_started():
    print("never runs")
    yield
n = never_started()
n.close()
print("closed unstarted")
def gen_exit():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
ge = gen_exit()
next(ge)
ge.close()
