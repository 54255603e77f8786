# Submodule of pkg_helper (not a test).
print("pkg_helper.helper_mod executing, __name__ =", __name__)
VALUE = 42
def double(x):
    return x * 2
class Widget:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"Widget({self.n})"
