# Expression statements compiled in "single" mode (as the REPL runs them) call sys.displayhook;
# the interpreter must not keep a reference to the hook afterwards.
import sys
import weakref


class Hook:
    def __init__(self):
        self.seen = []

    def __call__(self, value):
        self.seen.append(value)


old = sys.displayhook
h = Hook()
sys.displayhook = h
for src in ["1 + 1", "None", "'text'"]:
    exec(compile(src, "<single>", "single"))
sys.displayhook = old
print("hook saw", h.seen)
r = weakref.ref(h)
del h
print("hook freed", r() is None)
