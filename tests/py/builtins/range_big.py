# range over Python ints of any size (big ranges), as CPython; collections.abc names longrange_iterator.
r = range(1 << 100)
print(r, bool(r), r[5], r[-1], (1 << 99) in r, -1 in r, r.start, r.stop, r.step)
it = iter(range(1 << 1000))
print(type(it).__name__, next(it), next(it))
print(list(range(2**64, 2**64 + 3)), list(reversed(range(2**64, 2**64 + 7, 3))))
print(range(2**64, 2**65, 2**63) == range(2**64, 2**65 + 1, 2**63), hash(range(2**64, 2**65)) == hash(range(2**64, 2**65)))
print(range(10**30, 0, -10**29)[2:5], range(2**70).index(5), range(2**70).count(3))
try:
    len(range(2**64))
except OverflowError as e:
    print(e)
print(len(range(2**64, 2**64 + 10)), range(0, -2**70, -1)[3])
