# sub/subn without a match, and split/findall with an anchored pattern, on a long subject: the
# subject comes back as is (CPython returns the same object), and nothing scans past position 0.
import re
import time

s = "x" * 10**6
for p in (r"\Ay", r"^y", "y"):
    r = re.sub(p, "", s)
    print(p, r is s, len(r))
    r, n = re.subn(p, "", s)
    print(p, r is s, n)
    print(p, re.split(p, s) == [s], re.findall(p, s))

b = b"x" * 1000
print(re.sub(b"y", b"", b) is b)
print(re.sub("y", "", "abc"), re.sub("b", "", "abc"))


class S(str):
    pass


r = re.sub("y", "", S("abc"))
print(type(r).__name__, r)

# CPython's test_re bound: anchored searches of a 10**7 subject take well under 0.1 s.
big = "x" * 10**7
t = time.perf_counter()
for p in (r"\Ay", r"^y"):
    assert re.search(p, big) is None
    assert re.sub(p, "", big) is big
print(time.perf_counter() - t < 0.1)
