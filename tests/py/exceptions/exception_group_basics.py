# ExceptionGroup/BaseExceptionGroup (PEP 654): constructor rules and messages, str/repr,
# split/subgroup/derive with metadata copied; add_note/__notes__ (PEP 678).
def t(f):
    try:
        r = f()
        print("ok", type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: BaseExceptionGroup("m", [ValueError(1)]))
t(lambda: BaseExceptionGroup("m", [ValueError(1), KeyboardInterrupt()]))
t(lambda: ExceptionGroup("m", [KeyboardInterrupt()]))
t(lambda: ExceptionGroup("m", []))
t(lambda: ExceptionGroup("m", 5))
t(lambda: ExceptionGroup("m", [5]))
t(lambda: ExceptionGroup(5, [ValueError()]))
t(lambda: ExceptionGroup("m"))
t(lambda: ExceptionGroup("m", [ValueError()], 3))
t(lambda: ExceptionGroup("m", (ValueError(),)))
t(lambda: ExceptionGroup("m", {ValueError()}))
t(lambda: ExceptionGroup(message="m", exceptions=[ValueError()]))
class MyEG(ExceptionGroup): pass
t(lambda: MyEG("m", [KeyboardInterrupt()]))
class MyBEG(BaseExceptionGroup): pass
t(lambda: MyBEG("m", [ValueError()]))
eg = ExceptionGroup("msg", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])
print(str(eg), repr(eg), eg.args, eg.message, eg.exceptions)
print(str(ExceptionGroup("one", [ValueError()])))
print(ExceptionGroup.__mro__, BaseExceptionGroup.__mro__)
print(eg.subgroup(ValueError))
print(eg.subgroup(lambda e: isinstance(e, KeyError)))
print(eg.split((ValueError, KeyError)))
print(eg.split(OSError))
print(eg.subgroup(ExceptionGroup) is eg, eg.split(Exception)[0] is eg)
t(lambda: eg.split(5))
t(lambda: eg.subgroup())
d = eg.derive([ValueError(9)])
print(type(d), d, d.exceptions)
e = ValueError("x")
e.add_note("note 1")
e.add_note("note 2")
print(e.__notes__)
t(lambda: e.add_note(5))
e.__notes__ = 5
t(lambda: e.add_note("x"))
eg.__cause__ = TypeError("c"); eg.__notes__ = ["n"]
s = eg.subgroup(ValueError)
print(s.__cause__, s.__notes__, s.__notes__ is eg.__notes__)
print(ExceptionGroup[int], ExceptionGroup.__module__, BaseExceptionGroup.__module__)
print(eg.__dict__)
# split by predicate keeps the structure; leaves in order.
eg2 = ExceptionGroup("top", [ValueError("a"), ExceptionGroup("mid", [TypeError("b"), ValueError("c")]), KeyError("d")])
m, r = eg2.split(lambda e: isinstance(e, ValueError) or isinstance(e, ExceptionGroup) and e.message == "nothing")
print(repr(m), repr(r))
print(repr(eg2.subgroup(lambda e: e.message == "mid" if isinstance(e, BaseExceptionGroup) else False)))
# A derive() override decides the type of the parts.
class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message.upper(), excs)
mg = MyGroup("mine", [ValueError(1), TypeError(2)])
print(repr(mg.subgroup(ValueError)), type(mg.split(TypeError)[0]).__name__)
print(isinstance(mg, ExceptionGroup), issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
# Groups nest BaseExceptions only in BaseExceptionGroup.
bg = BaseExceptionGroup("b", [KeyboardInterrupt(), ValueError()])
print(type(bg).__name__, repr(bg.split(Exception)))
try:
    raise ExceptionGroup("raised", [ValueError(5)])
except Exception as caught:
    print("caught by except Exception:", caught, caught.exceptions)
# Notes live in __dict__ and show up in args-less exceptions too.
n = KeyError("k")
n.add_note("first")
print(n.__notes__, vars(n))
for f in (lambda: eg.split(), lambda: eg.split(1, 2), lambda: eg.derive(), lambda: eg.subgroup(1, 2)):
    t(f)
