def ret_in_finally():
    try:
        return "try"
    finally:
        return "finally"
print(ret_in_finally())
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed the exception"
print(swallow())
def break_in_finally():
    for i in range(5):
        try:
            if i == 2:
                raise KeyError(i)
        finally:
            if i == 2:
                break
    return i
print(break_in_finally())
def continue_in_finally():
    out = []
    for i in range(4):
        try:
            out.append(i)
            if i % 2:
                continue
            out.append('even')
        finally:
            out.append('f')
    return out
print(continue_in_finally())
def value_captured():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("x set to", x)
print(value_captured())
def finally_order():
    log = []
    for i in range(2):
        try:
            try:
                log.append(f"body{i}")
                if i:
                    return log
            finally:
                log.append(f"inner{i}")
        finally:
            log.append(f"outer{i}")
    return log
print(finally_order())
