"""Binary min-heap operations on plain lists (heap[k] <= heap[2*k+1] and heap[2*k+2])."""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge', 'nlargest', 'nsmallest',
           'heappushpop']


def _sift_up(heap, start, pos):
    # Move heap[pos] towards the root (index `start`) while it is smaller than its parent.
    item = heap[pos]
    while pos > start:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if item < parent:
            heap[pos] = parent
            pos = parent_pos
        else:
            break
    heap[pos] = item


def _sift_down(heap, pos):
    # Move heap[pos] towards the leaves while a child is smaller.
    end = len(heap)
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and heap[right] < heap[child]:
            child = right
        if heap[child] < item:
            heap[pos] = heap[child]
            pos = child
            child = 2 * pos + 1
        else:
            break
    heap[pos] = item


def heappush(heap, item):
    """Push item onto heap, keeping the heap invariant."""
    heap.append(item)
    _sift_up(heap, 0, len(heap) - 1)


def heappop(heap):
    """Pop and return the smallest item of the heap."""
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _sift_down(heap, 0)
        return smallest
    return last


def heapreplace(heap, item):
    """Pop the smallest item, then push item (the heap must not be empty)."""
    if not heap:
        raise IndexError("index out of range")
    smallest = heap[0]
    heap[0] = item
    _sift_down(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Push item, then pop the smallest item: faster than heappush followed by heappop."""
    if heap and heap[0] < item:
        smallest = heap[0]
        heap[0] = item
        _sift_down(heap, 0)
        return smallest
    return item


def heapify(x):
    """Turn list x into a heap, in place, in linear time."""
    i = len(x) // 2 - 1
    while i >= 0:
        _sift_down(x, i)
        i -= 1


def nsmallest(n, iterable, key=None):
    """The n smallest elements of iterable, in order (sorted(iterable, key=key)[:n])."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest elements of iterable, largest first."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]


def merge(*iterables, key=None, reverse=False):
    """Merge sorted iterables into one sorted iterator."""
    heap = []
    order = 0
    for it in iterables:
        it = iter(it)
        for value in it:
            k = value if key is None else key(value)
            heap.append([_Rev(k) if reverse else k, order, value, it])
            order += 1
            break
    heapify(heap)
    while heap:
        entry = heap[0]
        yield entry[2]
        it = entry[3]
        advanced = False
        for value in it:
            k = value if key is None else key(value)
            entry[0] = _Rev(k) if reverse else k
            entry[2] = value
            _sift_down(heap, 0)
            advanced = True
            break
        if not advanced:
            heappop(heap)


class _Rev:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return other.v < self.v

    def __eq__(self, other):
        return self.v == other.v
