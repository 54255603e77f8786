# except* (PEP 654): splitting a group over the clauses, wrapping naked exceptions, what
# propagates afterwards, `as` bindings, sys.exc_info(), and the TypeErrors for bad clause types.
import sys


def leaves(e):
    if isinstance(e, BaseExceptionGroup):
        return [x for sub in e.exceptions for x in leaves(sub)]
    return [e]


def run(exc, label):
    print("--", label)
    try:
        try:
            raise exc
        except* ValueError as ve:
            print("ValueError clause:", repr(ve), type(ve).__name__)
            print("exc_info is the match:", sys.exc_info()[1] is ve)
        except* (TypeError, KeyError) as te:
            print("Type/KeyError clause:", repr(te))
    except BaseException as rest:
        print("propagated:", type(rest).__name__, repr(rest), [repr(x) for x in leaves(rest)])
    else:
        print("nothing propagated")


run(ValueError("naked"), "a naked exception is wrapped")
run(ExceptionGroup("eg", [ValueError(1), TypeError(2)]), "both clauses run")
run(ExceptionGroup("eg", [ValueError(1), OSError(3)]), "unmatched rest propagates")
run(ExceptionGroup("eg", [ExceptionGroup("inner", [ValueError(1), OSError(2)]), KeyError(3)]), "nested")
run(OSError("naked, unmatched"), "a naked unmatched exception propagates as itself")
run(BaseExceptionGroup("beg", [KeyboardInterrupt(), ValueError(1)]), "base exceptions")

# Raising inside a clause: the new exception joins what propagates (in a new group).
print("-- raise in a clause")
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), OSError(3)])
    except* ValueError:
        raise KeyError("from clause")
    except* TypeError:
        raise
except ExceptionGroup as g:
    print(repr(g), [repr(x) for x in leaves(g)])
    print("context of the new one:", repr(g.exceptions[0].__context__))

# Bare raise of the whole match re-raises as part of the original.
print("-- reraise everything")
orig = ExceptionGroup("orig", [ValueError(1), ValueError(2)])
try:
    try:
        raise orig
    except* ValueError:
        raise
except ExceptionGroup as g:
    print(g is orig, repr(g))

# The `as` name is unbound after the clause; else runs when nothing was raised.
try:
    pass
except* ValueError as unused:
    pass
else:
    print("else ran")
try:
    raise ExceptionGroup("x", [ValueError()])
except* ValueError as bound:
    pass
print("bound" in dir())

# Clause type errors.
for bad in [ExceptionGroup, (ValueError, BaseExceptionGroup), int, "x"]:
    try:
        try:
            raise ValueError(1)
        except* bad:
            pass
    except TypeError as e:
        print("TypeError:", e)

# Syntax errors.
for src in ["try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
            "try:\n    pass\nexcept TypeError:\n    pass\nexcept* ValueError:\n    pass\n",
            "try:\n    pass\nexcept*:\n    pass\n",
            "for x in y:\n  try:\n    pass\n  except* ValueError:\n    break\n",
            "for x in y:\n  try:\n    pass\n  except* ValueError:\n    continue\n",
            "def f():\n  try:\n    pass\n  except* ValueError:\n    return 1\n",
            "def f():\n  try:\n    pass\n  except* ValueError:\n    return\n",
            "for x in y:\n  try:\n    pass\n  except* ValueError:\n    for z in w: break\n",
            "def f():\n  try:\n    pass\n  except* ValueError:\n    def g(): return 1\n",
            "try:\n    pass\nexcept *ValueError:\n    pass\n"]:
    try:
        compile(src, "<s>", "exec")
        print("compiled")
    except SyntaxError as e:
        print(f"SyntaxError: {e.msg} @ {e.lineno}:{e.offset}-{e.end_lineno}:{e.end_offset}")
