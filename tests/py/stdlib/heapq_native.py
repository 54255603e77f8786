# _heapq (native) under CPython's heapq: results, CPython's messages, and a comparison that
# mutates the heap (RuntimeError, never a crash).
import heapq, _heapq, random

print(heapq.heappush is _heapq.heappush)
rng = random.Random(5)
data = [rng.randrange(1000) for _ in range(200)]
h = []
for x in data:
    heapq.heappush(h, x)
print([heapq.heappop(h) for _ in range(len(h))] == sorted(data))
h = data[:]
heapq.heapify(h)
print(h[0] == min(data), heapq.heapreplace(h, 5000) == min(data), heapq.heappushpop(h, -1))
print(heapq.nlargest(3, data) == sorted(data)[-3:][::-1], heapq.nsmallest(3, data) == sorted(data)[:3])
print(list(heapq.merge([1, 4, 7], [2, 5], [3, 6, 9])), list(heapq.merge([3, 1], [4, 2], reverse=True)))
m = [1, 9, 3, 7]
heapq._heapify_max(m)
print(m[0], heapq._heappop_max(m), heapq._heapreplace_max(m, 0), m)
for f, args in [(heapq.heappop, ([],)), (heapq.heapreplace, ([], 1)), (heapq.heappush, ((), 1)),
                (heapq.heapify, (None,)), (heapq.heappush, ([],)), (heapq.heappop, ([], 1))]:
    try:
        f(*args)
    except (IndexError, TypeError) as e:
        print(type(e).__name__ + ":", e)


class Evil:
    def __init__(self, heap):
        self.heap = heap

    def __lt__(self, other):
        self.heap.clear()
        return True

    __gt__ = __lt__


h = [1, 2, 3]
h.append(Evil(h))
try:
    heapq.heapify(h) or heapq.heappush(h, Evil(h))
except RuntimeError as e:
    print("RuntimeError:", e)
print(heapq.heappushpop([], 3), heapq.heappushpop([1], 0))
