x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x **= 3; print(x)
x %= 7; print(x)
x <<= 4; print(x)
x >>= 2; print(x)
x |= 0b1000; print(x)
x &= 0b1110; print(x)
x ^= 0b0101; print(x)
f = 1.5
f /= 2; print(f)
s = "ab"
s += "cd"; s *= 2; print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(lst, alias, lst is alias)
t = (1,)
talias = t
t += (2,)
print(t, talias, t is talias)
d = {'n': 1}
d['n'] += 41
print(d)
class C:
    v = 1
c = C()
c.v += 1
print(c.v, C.v)
lst[0] *= 100
lst[1:] += [9]
print(lst)
