# sys.setprofile's C events: 'c_call' and 'c_return' around a builtin function called from
# Python code, 'c_exception' when it raises; a method descriptor called with its receiver
# (list.append via a method call, str.join(sep, ...)) is reported as the bound builtin; types
# (int('x')) and Python functions give no C events; f(*args, **kw) reports as well; no events
# while the profile function runs; a profile function that raises in 'c_call' stops the call.
import sys

events = []


def prof(frame, event, arg):
    if event.startswith("c_"):
        events.append((event, frame.f_code.co_name, arg.__name__, type(arg).__name__,
                       repr(getattr(arg, "__self__", None))[:20]))
    else:
        events.append((event, frame.f_code.co_name))


def py(x):
    return x


def f():
    len([1])
    lst = []
    lst.append(1)
    list.append(lst, 2)
    ", ".join(["a", "b"])
    str.join("-", ["a"])
    try:
        int("x")
    except ValueError:
        pass
    try:
        divmod(1, 0)
    except ZeroDivisionError:
        pass
    try:
        [].pop()
    except IndexError:
        pass
    py(3)
    max(*[1, 2], key=None)
    sorted([3, 1], **{"reverse": True})
    getattr(lst, "append")(3)
    return lst


sys.setprofile(prof)
f()
sys.setprofile(None)
for e in events:
    print(e)

print("--- raising profile function")


def bad(frame, event, arg):
    if event == "c_call" and arg is abs:
        raise RuntimeError("no abs")


def g():
    return abs(-1)


sys.setprofile(bad)
try:
    g()
except RuntimeError as e:
    print("RuntimeError", e)
print(sys.getprofile())
