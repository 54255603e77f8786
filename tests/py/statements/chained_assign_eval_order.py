log = []
def L(tag, value):
    log.append(tag)
    return value
d = {}
d[L('key', 'k')] = L('value', 1)
print(log); log.clear()
a = L('first', [0, 0])
a[L('idx', 0)] = a[L('idx2', 1)] = L('rhs', 7)
print(a, log); log.clear()
x = L('lhs', 1) + L('rhs', 2) * L('rhs2', 3)
print(x, log); log.clear()
print(L('arg1', 1), L('arg2', 2), log); log.clear()
f = L('func', print)
f(L('a', 'x'), L('b', 'y'))
print(log); log.clear()
dd = {L('k1', 1): L('v1', 'a'), L('k2', 2): L('v2', 'b')}
print(log)
