def echo():
    received = None
    while True:
        received = yield received
        if received == 'stop':
            return 'stopped'
        received = received * 2
g = echo()
print(g.send(None))
print(g.send(5))
print(g.send('ab'))
try:
    g.send('stop')
except StopIteration as e:
    print("StopIteration value:", e.value)
def averager():
    total, count, avg = 0, 0, None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
next(a)
for v in (10, 20, 60):
    print(a.send(v))
g2 = echo()
try:
    g2.send(1)
except TypeError as e:
    print("TypeError:", e)
def delegating():
    r = yield from echo()
    yield 'delegate saw ' + r
d = delegating()
next(d)
print(d.send(21))
print(d.send('stop'))
