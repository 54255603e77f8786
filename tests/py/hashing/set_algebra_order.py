# The set algebra picks operands and iteration order as CPython does (which side is iterated,
# when a copy is made, when the table is resized), so results print in CPython's order. A
# deterministic generator drives a few hundred random cases.
x = 12345


def rnd(n):
    global x
    x = (x * 1103515245 + 12345) % 2147483648
    return x % n


for trial in range(150):
    size = rnd(40)
    span = [10, 100, 1000, 2**40, 2**62][rnd(5)]
    items = [rnd(span) - (span // 3 if rnd(2) else 0) for _ in range(size)]
    s = set(items)
    t = set(rnd(span) for _ in range(rnd(30)))
    out = [s, s | t, s & t, s - t, s ^ t, t - s, t ^ s]
    u = set(s)
    for v in items[::2]:
        u.discard(v)
    out.append(u)
    u.update(t)
    out.append(u)
    u.difference_update(items[1::3])
    out.append(u)
    u.symmetric_difference_update(t)
    out.append(u)
    if u:
        u.pop()
        out.append(u)
    u.intersection_update(s, t | s)
    out.append(u)
    out.append(frozenset(items) | t)
    out.append(s.union(items, t))
    out.append(s.intersection(t, items))
    out.append(s.difference(t, items[:3]))
    out.append(s.symmetric_difference(items[::3]))
    out.append({*items, *t})
    out.append(set(dict.fromkeys(items)))
    out.append(s.copy())
    z = set()
    for v in reversed(items):
        z.add(v)
    out.append(z)
    w = set(s)
    w |= t
    w &= set(items[::2]) | t
    w -= set(items[:5])
    w ^= {1, 2, 3}
    out.append(w)
    print(trial, out, hash(frozenset(s)) == hash(frozenset(z)), s.isdisjoint(t), s <= (s | t))
