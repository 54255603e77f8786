tests = [
    (KeyError, LookupError), (IndexError, LookupError), (ZeroDivisionError, ArithmeticError),
    (OverflowError, ArithmeticError), (FileNotFoundError, OSError), (UnboundLocalError, NameError),
    (RecursionError, RuntimeError), (NotImplementedError, RuntimeError), (StopIteration, Exception),
    (KeyboardInterrupt, Exception), (SystemExit, BaseException), (GeneratorExit, Exception),
    (ModuleNotFoundError, ImportError), (IndentationError, SyntaxError), (TabError, IndentationError),
    (UnicodeDecodeError, ValueError), (AssertionError, Exception), (TimeoutError, OSError),
]
for sub, sup in tests:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
def catch(exc):
    try:
        raise exc
    except LookupError as e:
        return "LookupError caught " + type(e).__name__
    except ArithmeticError as e:
        return "ArithmeticError caught " + type(e).__name__
    except Exception as e:
        return "Exception caught " + type(e).__name__
for exc in (KeyError('k'), IndexError(), ZeroDivisionError(), ValueError(), OverflowError()):
    print(catch(exc))
try:
    raise SystemExit(0)
except Exception:
    print("not caught by Exception")
except BaseException as e:
    print("BaseException caught", type(e).__name__, e.code)
print([c.__name__ for c in KeyError.__mro__])
