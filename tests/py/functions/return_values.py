def none_implicit():
    pass
def none_explicit():
    return
def multiple():
    return 1, "two", [3]
def early(n):
    for i in range(n):
        if i == 2:
            return "early", i
    return "late", n
print(none_implicit(), none_explicit())
r = multiple()
print(r, type(r).__name__)
a, b, c = multiple()
print(a, b, c)
print(early(5), early(1))
def gen_or_not(flag):
    if flag:
        return [1, 2]
    return {}
print(gen_or_not(True), gen_or_not(False))
def nested_return():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(nested_return())
