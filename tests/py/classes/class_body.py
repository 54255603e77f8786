print("before class")
class Config:
    print("executing class body")
    debug = False
    levels = [n * 10 for n in range(3)]
    if debug:
        mode = "debug"
    else:
        mode = "release"
    def helper(x):
        return x + 1
    computed = helper(41)
    del helper
print("after class")
print(Config.levels, Config.mode, Config.computed, hasattr(Config, 'helper'))
class Outer:
    class Inner:
        value = "inner"
    def make(self):
        return self.Inner()
print(Outer.Inner.value, Outer().make().value, Outer.Inner.__qualname__)
def factory(n):
    class Made:
        size = n
        def __repr__(self):
            return f"Made({self.size})"
    return Made
print(factory(1)(), factory(2)(), factory(1) is factory(1))
