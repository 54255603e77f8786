// _heapq: the heap operations under CPython's heapq.py (which imports them from here when it
// can) and under minipy's own queue module. A heap is a plain list with heap[k] <= heap[2k+1]
// and heap[k] <= heap[2k+2]; only `<` is ever used to compare items, as on CPython.
//
// Comparing items runs Python code, which may change the list under us: after every comparison
// the size is checked again (CPython's "list changed size during iteration") and items are read
// afresh from the list, never from a pointer taken before the comparison.
#include <string>
#include <utility>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// Which way the heap is ordered: the public functions keep the smallest item at heap[0], the
/// private *_max ones (used by heapq.merge and nlargest) the largest.
enum class Order { kMin, kMax };

/// 1 when `a` belongs above `b` in the heap, 0 when not, -1 on error. Both are held for the
/// comparison: the list may drop its references while Python code runs.
int before(Value a, Value b, Order order) {
  Ref ha = Ref::new_ref(a), hb = Ref::new_ref(b);
  return order == Order::kMin ? compare_bool(ha.get(), hb.get(), CmpOp::Lt)
                              : compare_bool(hb.get(), ha.get(), CmpOp::Lt);
}

bool size_changed(ListObject* heap, size_t size) {
  if (heap->items.size() == size) return false;
  raise(&exc_RuntimeError, "list changed size during iteration");
  return true;
}

/// Moves heap[pos] towards heap[start] while it belongs above its parent.
bool sift_down(ListObject* heap, size_t start, size_t pos, Order order) {
  size_t size = heap->items.size();
  if (pos >= size) {
    raise(&exc_IndexError, "index out of range");
    return false;
  }
  while (pos > start) {
    size_t parent = (pos - 1) >> 1;
    int cmp = before(heap->items[pos], heap->items[parent], order);
    if (cmp < 0 || size_changed(heap, size)) return false;
    if (cmp == 0) break;
    std::swap(heap->items[pos], heap->items[parent]);
    pos = parent;
  }
  return true;
}

/// Moves the smaller child up until heap[pos] reaches a leaf, then sifts the item that was at
/// pos back down (fewer comparisons than stopping early; CPython's heapq does the same).
bool sift_up(ListObject* heap, size_t pos, Order order) {
  size_t end = heap->items.size();
  size_t start = pos;
  if (pos >= end) {
    raise(&exc_IndexError, "index out of range");
    return false;
  }
  size_t limit = end >> 1;
  while (pos < limit) {
    size_t child = 2 * pos + 1;
    if (child + 1 < end) {
      int cmp = before(heap->items[child], heap->items[child + 1], order);
      if (cmp < 0 || size_changed(heap, end)) return false;
      if (cmp == 0) child++;
    }
    std::swap(heap->items[child], heap->items[pos]);
    pos = child;
  }
  return sift_down(heap, start, pos, order);
}

/// The heap argument with CPython's (Argument Clinic's) checks and messages: `arity` is the
/// function's fixed number of positional-only arguments.
ListObject* heap_arg(const char* name, const Value* args, size_t nargs, TupleObject* kw, size_t arity) {
  if (kw != nullptr && kw->size > 0) {
    raise_fmt(&exc_TypeError, "{}() takes no keyword arguments", name);
    return nullptr;
  }
  if (nargs != arity) {
    if (arity == 1) {
      // A one-argument function (METH_O on CPython) is named with its module here.
      raise_fmt(&exc_TypeError, "_heapq.{}() takes exactly one argument ({} given)", name, nargs);
    } else {
      raise_fmt(&exc_TypeError, "{} expected {} arguments, got {}", name, arity, nargs);
    }
    return nullptr;
  }
  if (is_list(args[0])) return as_list(args[0]);
  raise_fmt(&exc_TypeError, "{}() argument{} must be list, not {}", name, arity == 1 ? "" : " 1",
            is_none(args[0]) ? std::string("None") : type_name(args[0]));
  return nullptr;
}

Ref heappush(Value, const Value* args, size_t nargs, TupleObject* kw) {
  ListObject* heap = heap_arg("heappush", args, nargs, kw, 2);
  if (heap == nullptr) return Ref();
  CriticalSection cs(heap);
  list_append(heap, args[1]);
  if (!sift_down(heap, 0, heap->items.size() - 1, Order::kMin)) return Ref();
  return none_ref();
}

Ref pop_impl(const char* name, const Value* args, size_t nargs, TupleObject* kw, Order order) {
  ListObject* heap = heap_arg(name, args, nargs, kw, 1);
  if (heap == nullptr) return Ref();
  CriticalSection cs(heap);
  if (heap->items.empty()) return raise(&exc_IndexError, "index out of range");
  Ref last = Ref::steal(heap->items.back());
  heap->items.pop_back();
  if (heap->items.empty()) return last;
  Ref top = Ref::steal(std::exchange(heap->items[0], last.release()));
  if (!sift_up(heap, 0, order)) return Ref();
  return top;
}

Ref replace_impl(const char* name, const Value* args, size_t nargs, TupleObject* kw, Order order) {
  ListObject* heap = heap_arg(name, args, nargs, kw, 2);
  if (heap == nullptr) return Ref();
  CriticalSection cs(heap);
  if (heap->items.empty()) return raise(&exc_IndexError, "index out of range");
  incref(args[1]);
  Ref top = Ref::steal(std::exchange(heap->items[0], args[1]));
  if (!sift_up(heap, 0, order)) return Ref();
  return top;
}

Ref heappop(Value, const Value* args, size_t nargs, TupleObject* kw) {
  return pop_impl("heappop", args, nargs, kw, Order::kMin);
}
Ref heappop_max(Value, const Value* args, size_t nargs, TupleObject* kw) {
  return pop_impl("_heappop_max", args, nargs, kw, Order::kMax);
}
Ref heapreplace(Value, const Value* args, size_t nargs, TupleObject* kw) {
  return replace_impl("heapreplace", args, nargs, kw, Order::kMin);
}
Ref heapreplace_max(Value, const Value* args, size_t nargs, TupleObject* kw) {
  return replace_impl("_heapreplace_max", args, nargs, kw, Order::kMax);
}

/// Push `item`, then pop the smallest: faster than the two calls, and `item` comes straight
/// back when it would be the new top.
Ref heappushpop(Value, const Value* args, size_t nargs, TupleObject* kw) {
  ListObject* heap = heap_arg("heappushpop", args, nargs, kw, 2);
  if (heap == nullptr) return Ref();
  CriticalSection cs(heap);
  if (heap->items.empty()) return Ref::new_ref(args[1]);
  int cmp = before(heap->items[0], args[1], Order::kMin);
  if (cmp < 0) return Ref();
  if (cmp == 0) return Ref::new_ref(args[1]);
  if (heap->items.empty()) return raise(&exc_IndexError, "index out of range");
  incref(args[1]);
  Ref top = Ref::steal(std::exchange(heap->items[0], args[1]));
  if (!sift_up(heap, 0, Order::kMin)) return Ref();
  return top;
}

Ref heapify_impl(const char* name, const Value* args, size_t nargs, TupleObject* kw, Order order) {
  ListObject* heap = heap_arg(name, args, nargs, kw, 1);
  if (heap == nullptr) return Ref();
  CriticalSection cs(heap);
  // Leaves are heaps already: sift every inner node, bottom up.
  for (size_t i = heap->items.size() / 2; i-- > 0;) {
    if (!sift_up(heap, i, order)) return Ref();
  }
  return none_ref();
}

Ref heapify(Value, const Value* args, size_t nargs, TupleObject* kw) {
  return heapify_impl("heapify", args, nargs, kw, Order::kMin);
}
Ref heapify_max(Value, const Value* args, size_t nargs, TupleObject* kw) {
  return heapify_impl("_heapify_max", args, nargs, kw, Order::kMax);
}

}  // namespace

bool init__heapq(Value module, DictObject* ns) {
  add_function(ns, module, "heappush", heappush);
  add_function(ns, module, "heappop", heappop);
  add_function(ns, module, "heappushpop", heappushpop);
  add_function(ns, module, "heapify", heapify);
  add_function(ns, module, "heapreplace", heapreplace);
  add_function(ns, module, "_heappop_max", heappop_max);
  add_function(ns, module, "_heapreplace_max", heapreplace_max);
  add_function(ns, module, "_heapify_max", heapify_max);
  return true;
}

}  // namespace minipy::lib
