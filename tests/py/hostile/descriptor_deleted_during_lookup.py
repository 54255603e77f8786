# A key's __eq__ that deletes the class attribute while an instance attribute lookup searches the
# instance __dict__ (CPython's test_vicious_descriptor_nonsense): the lookup holds the class
# attribute, so it finishes with it, and the next lookup finds neither. Once through the generic
# path, once through the eval loop's attribute cache (warmed first).
import gc


def make():
    class Evil:
        def __hash__(self):
            return hash("attr")

        def __eq__(self, other):
            try:
                del C.attr
            except AttributeError:
                pass
            return False

    class Descr:
        def __get__(self, ob, type=None):
            return 1

    class C:
        attr = Descr()

    return Evil, C


Evil, C = make()
c = C()
c.__dict__[Evil()] = 0
print(getattr(c, "attr"))
gc.collect()
print(hasattr(c, "attr"))

Evil, C = make()
c = C()
for i in range(2):  # the same LOAD_ATTR site: its cache entry is filled in the first round
    print(c.attr)
    if i == 0:
        c.__dict__[Evil()] = 0
gc.collect()
print(hasattr(c, "attr"))
