# Deep recursion inside native code (repr, str, comparison) is RecursionError, not a stack
# overflow; freeing deeply nested containers does not overflow the stack either (issue 12).
def attempt(label, f):
    try:
        f()
        print(label, "-> ok")
    except RecursionError as e:
        print(label, "->", type(e).__name__, e)


def nest(make, n):
    x = make(None)
    for _ in range(n):
        x = make(x)
    return x


deep_list = nest(lambda x: [x], 100000)
deep_list2 = nest(lambda x: [x], 100000)
deep_tuple = nest(lambda x: (x,), 100000)
deep_dict = nest(lambda x: {1: x}, 100000)
attempt("repr(list)", lambda: repr(deep_list))
attempt("str(list)", lambda: str(deep_list))
attempt("repr(dict)", lambda: repr(deep_dict))
attempt("repr(tuple)", lambda: repr(deep_tuple))
attempt("list == list", lambda: deep_list == deep_list2)
attempt("list < list", lambda: deep_list < deep_list2)
attempt("f-string", lambda: f"{deep_list}")
attempt("same list == itself", lambda: deep_list == deep_list)

fs = frozenset()
for _ in range(100000):
    fs = frozenset([fs])
print("nested frozensets hash:", hash(fs) == hash(fs))
print(repr([[[1]]]), hash(((1, 2), (3,))) == hash(((1, 2), (3,))))

# 300,000 levels, freed when the names go away (CPython's "trashcan").
big_list = nest(lambda x: [x], 300000)
big_tuple = nest(lambda x: (x,), 300000)
big_dict = nest(lambda x: {1: x}, 300000)
del big_list, big_tuple, big_dict, deep_list, deep_list2, deep_tuple, deep_dict, fs
print("the program goes on")
