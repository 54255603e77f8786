r = range(10)
print(r, range(1, 5), range(0, 10, 2), range(5, 0, -1))
print(list(range(5)), list(range(2, 5)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(3, 3)))
print(r[0], r[-1], r[2:5], r[::-1], r[::2][1:], r[5:100], range(0, 20, 3)[2:-1])
print(5 in r, 10 in r, -1 in r, 3.0 in r, 6 in range(0, 10, 3), 9 in range(0, 10, 3))
print(r.index(4), range(0, 10, 2).count(4), range(0, 10, 2).count(5))
print(len(range(0, -10, -2)), list(range(0, -10, -2)), range(1, 10, 2)[-2])
print(range(5) == range(0, 5), range(0) == range(2, 2), range(0, 3, 2) == range(0, 4, 2))
big = range(10 ** 18)
print(len(big), big[-1], 10 ** 17 in big)
print(sum(range(101)), max(range(7)), min(range(3, 9)), list(reversed(range(4))))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    r[10]
except IndexError as e:
    print("IndexError:", e)
print(r.start, r.stop, r.step, range(3, 9, 2).stop)
