l = [3, 1, 4]
l.append(1); print(l)
l.extend([5, 9]); print(l)
l.extend("ab"); print(l)
l.insert(0, 'first'); l.insert(100, 'last'); l.insert(-1, 'before-last'); print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(1); print(l)
print(l.index(1), l.index(5), l.count(1), l.count('zz'), l.index(4, 1))
l = [5, 2, 8, 1]
l.reverse(); print(l)
c = l.copy(); c.append(0); print(l, c)
l.clear(); print(l, len(l))
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].remove(2)
except ValueError as e:
    print("ValueError:", e)
try:
    [1, 2].index(3)
except ValueError as e:
    print("ValueError:", e)
try:
    [1].pop(5)
except IndexError as e:
    print("IndexError:", e)
print([1, 2] + [3], [0] * 3, [[]] * 2, 3 * [1, 2], [1, 2, 3][1], [1, 2] * 0)
