def repeat(times, sep=" "):
    def deco(fn):
        def wrapper(*args, **kwargs):
            return sep.join(fn(*args, **kwargs) for _ in range(times))
        return wrapper
    return deco
@repeat(3)
def word(w):
    return w
@repeat(times=2, sep="-")
def word2(w):
    return w * 2
print(word("ho"), word2("ab"))
def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache))
def validate(**types):
    def deco(fn):
        def wrapper(**kw):
            for k, t in types.items():
                if not isinstance(kw[k], t):
                    return f"bad {k}"
            return fn(**kw)
        return wrapper
    return deco
@validate(x=int, y=str)
def use(x, y):
    return y * x
print(use(x=3, y="ab"), use(x="3", y="ab"))
class Tag:
    def __init__(self, name):
        self.name = name
    def __call__(self, fn):
        def wrapper(*a):
            return f"<{self.name}>{fn(*a)}</{self.name}>"
        return wrapper
@Tag("b")
@Tag("i")
def text(s):
    return s
print(text("bold italic"))
