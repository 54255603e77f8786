print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 0, '' or 'default')
print([] and 'x', [0] and 'y', 0 or '' or None, 'a' or 1 / 0)
calls = []
def t(v):
    calls.append(v)
    return v
r = t(0) and t(1)
print(r, calls)
calls.clear()
r = t(1) or t(2)
print(r, calls)
calls.clear()
r = t(0) or t('') or t('last')
print(r, calls)
calls.clear()
r = t(1) and t(2) and t(0) and t(3)
print(r, calls)
print(not 1 or 2, not (1 or 2), 1 and not 0)
print(True and 'yes' or 'no', False and 'yes' or 'no')
x = 5
print(x > 3 and x < 10 or x == 0)
