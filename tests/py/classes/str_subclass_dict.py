# Instances of str subclasses have a __dict__ (enum's StrEnum members set _value_ on them).
class S(str):
    pass
s = str.__new__(S, "x")
s._value_ = 1
print(s._value_, s, s.upper(), s == "x", hash(s) == hash("x"), vars(s))
class T(S):
    __slots__ = ()
t = T("y")
t.a = 2
print(t.a, t + "z", type(t + "z").__name__)
