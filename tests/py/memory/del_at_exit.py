# At exit, what the script left in its globals is finalized as on CPython: __del__ runs for
# plain objects, objects in cycles and objects named with a leading underscore, in order.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


first = Noisy("first")
_private = Noisy("_private")
cyclic = Noisy("cyclic")
cyclic.me = cyclic
listed = [Noisy("in a list")]
print("end of script")
