# memoryview over array.array (the buffer slot): formats and item sizes, writes through,
# slice assignment from an array of the same format, comparisons with arrays, toreadonly,
# suboffsets, and the array's export count (resizing while viewed is a BufferError).
import array

for tc in 'bBhHiIlLqQfd':
    m = memoryview(array.array(tc, [1, 2]))
    print(tc, m.format, m.itemsize, m.nbytes, m.tolist(), m.readonly, m.suboffsets)
a = array.array('i', [1, 2, 3])
m = memoryview(a)
m[0:2] = array.array('i', [7, 8])
print(a, m == array.array('i', [7, 8, 3]), m == array.array('i', [7, 8, 4]))
try:
    m[0:1] = array.array('h', [1])
except Exception as e:
    print(type(e).__name__, e)
r = m.toreadonly()
print(r.readonly, r.tolist(), r.obj is a)
try:
    r[0] = 1
except Exception as e:
    print(type(e).__name__, e)
m.release()
try:
    a.append(4)
except Exception as e:
    print(type(e).__name__, e)
r.release()
a.append(4)
print(a)
try:
    m.toreadonly()
except Exception as e:
    print(type(e).__name__, e)
u = memoryview(array.array('u', 'ab'))
print(u.format, u.itemsize)
try:
    u.tolist()
except Exception as e:
    print(type(e).__name__, e)
