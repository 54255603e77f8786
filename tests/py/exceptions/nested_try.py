def level3():
    raise IndexError("deep")
def level2():
    try:
        level3()
    except KeyError:
        print("level2 does not catch IndexError")
def level1():
    try:
        level2()
    except IndexError as e:
        print("level1 caught", e)
        return "handled"
print(level1())
try:
    try:
        raise ValueError("a")
    except ValueError:
        try:
            raise TypeError("b")
        except TypeError as e:
            print("inner handler", e)
        print("back in outer handler")
        raise
except ValueError as e:
    print("re-raised outer", e)
for i in range(3):
    try:
        if i == 1:
            raise ZeroDivisionError
        print("ok", i)
    except ZeroDivisionError:
        print("caught in loop", i)
        continue
    finally:
        print("finally", i)
