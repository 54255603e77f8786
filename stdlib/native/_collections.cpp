// _collections: the C half of CPython's collections package, our own code with CPython 3.11's
// semantics and messages: deque (with its forward and reverse iterators), defaultdict (a dict
// subtype calling default_factory from __missing__) and _count_elements (Counter's loop).
// OrderedDict comes from collections/__init__.py's pure-Python version.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <string>
#include <tuple>
#include <vector>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/size_check.h"

namespace minipy::lib {

using namespace rt;

namespace {

TypeObject deque_type, deque_iter_type, deque_reviter_type, defaultdict_type;

// ------------------------------------------------------------------ deque

struct DequeObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  std::deque<Value> items;     // owned references
  int64_t maxlen = -1;         // -1: unbounded
  uint64_t state = 0;          // bumped by every mutation (iterators detect changes)
};

DequeObject* dq(Value v) { return static_cast<DequeObject*>(v.obj()); }
bool is_deque(Value v) { return v.is_object() && is_subtype(v.obj()->type, &deque_type); }

/// The length, read under the deque's lock (free-threaded builds: another thread may be resizing
/// it; in the default build the lock is a no-op).
size_t size_of(DequeObject* d) {
  CriticalSection cs(d);
  return d->items.size();
}

/// Appends on the right (or left), dropping from the other end past maxlen; steals v.
void push(DequeObject* d, Value v, bool left) {
  Value dropped;
  {
    CriticalSection cs(d);
    if (d->maxlen == 0) {
      dropped = v;
    } else {
      if (left)
        d->items.push_front(v);
      else
        d->items.push_back(v);
      if (d->maxlen > 0 && static_cast<int64_t>(d->items.size()) > d->maxlen) {
        if (left) {
          dropped = d->items.back();
          d->items.pop_back();
        } else {
          dropped = d->items.front();
          d->items.pop_front();
        }
      }
    }
    d->state++;
  }
  decref(dropped);
}

void deque_clear_items(DequeObject* d) {
  std::deque<Value> old;
  {
    CriticalSection cs(d);
    old.swap(d->items);
    d->state++;
  }
  for (Value v : old) decref(v);
}

bool deque_extend_impl(DequeObject* d, Value iterable, bool left) {
  if (iterable == Value(d)) {
    // Extending with itself: iterate over a snapshot.
    Ref l = list_new();
    {
      CriticalSection cs(d);
      for (Value v : d->items) list_append(as_list(l.get()), v);
    }
    return deque_extend_impl(d, l.get(), left);
  }
  Ref it = get_iter(iterable);
  if (!it) return false;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) return !error_pending();
    push(d, x.release(), left);
  }
}

Ref deque_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<DequeObject>(type)));
}

bool deque_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("deque", args, nargs, kw, {"iterable", "maxlen"}, 0, a)) return false;
  DequeObject* d = dq(self);
  int64_t maxlen = -1;
  if (a[1] && !is_none(a[1])) {
    if (!index_int64(a[1], &maxlen)) return false;
    if (maxlen < 0) {
      raise(&exc_ValueError, "maxlen must be non-negative");
      return false;
    }
  }
  {
    CriticalSection cs(d);
    d->maxlen = maxlen;
  }
  deque_clear_items(d);  // __init__ on a used deque starts over
  if (a[0]) return deque_extend_impl(d, a[0], false);
  return true;
}

void deque_dealloc(Object* o) {
  auto* d = static_cast<DequeObject*>(o);
  std::deque<Value> items = std::move(d->items);
  for (Value v : items) decref(v);
  delete d;
}
void deque_traverse(Object* o, VisitFn visit, void* arg) {
  for (Value v : static_cast<DequeObject*>(o)->items) visit_value(v, visit, arg);
}
void deque_clear_slot(Object* o) { deque_clear_items(static_cast<DequeObject*>(o)); }

Ref m_append(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("append", nargs, kw, 1, 1)) return Ref();
  push(dq(self), Ref::new_ref(args[0]).release(), false);
  return none_ref();
}
Ref m_appendleft(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("appendleft", nargs, kw, 1, 1)) return Ref();
  push(dq(self), Ref::new_ref(args[0]).release(), true);
  return none_ref();
}
Ref pop_end(Value self, bool left) {
  DequeObject* d = dq(self);
  CriticalSection cs(d);
  if (d->items.empty()) return raise(&exc_IndexError, "pop from an empty deque");
  Value v;
  if (left) {
    v = d->items.front();
    d->items.pop_front();
  } else {
    v = d->items.back();
    d->items.pop_back();
  }
  d->state++;
  return Ref::steal(v);
}
Ref m_pop(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("pop", nargs, kw, 0, 0)) return Ref();
  return pop_end(self, false);
}
Ref m_popleft(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("popleft", nargs, kw, 0, 0)) return Ref();
  return pop_end(self, true);
}
Ref m_extend(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("extend", nargs, kw, 1, 1)) return Ref();
  return deque_extend_impl(dq(self), args[0], false) ? none_ref() : Ref();
}
Ref m_extendleft(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("extendleft", nargs, kw, 1, 1)) return Ref();
  return deque_extend_impl(dq(self), args[0], true) ? none_ref() : Ref();
}
Ref m_clear(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("clear", nargs, kw, 0, 0)) return Ref();
  deque_clear_items(dq(self));
  return none_ref();
}

/// A snapshot of the items (new references) for code that calls back into Python.
std::vector<Ref> snapshot(DequeObject* d) {
  std::vector<Ref> out;
  CriticalSection cs(d);
  out.reserve(d->items.size());
  for (Value v : d->items) out.push_back(Ref::new_ref(v));
  return out;
}

Ref deque_copy(Value self) {
  DequeObject* d = dq(self);
  if (type_of(self) == &deque_type) {
    Ref c = deque_new(&deque_type, nullptr, 0, nullptr);
    dq(c.get())->maxlen = d->maxlen;
    for (Ref& v : snapshot(d)) push(dq(c.get()), v.release(), false);
    return c;
  }
  // A subclass: type(d)(d, maxlen), as CPython does.
  Value args[2] = {self, None()};
  Ref ml;
  if (d->maxlen >= 0) {
    ml = int_from_int64(d->maxlen);
    args[1] = ml.get();
    return call(Value(type_of(self)), args, 2);
  }
  return call(Value(type_of(self)), args, 1);
}
Ref m_copy(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("copy", nargs, kw, 0, 0)) return Ref();
  return deque_copy(self);
}
/// Compares the items of d[start:stop] with x in order, as CPython's count, index, remove and
/// __contains__ do. Called with d's lock held, which stays held throughout (as the critical
/// sections of CPython 3.13t's deque methods), so another thread's append or pop waits instead of
/// showing up as a mutation; only a comparison that blocks (Python code that waits) lets the lock
/// go, and a change made meanwhile is caught by the mutation counter: `mutated` is raised then.
/// Returns the number of equal items (stopping at the first, stored in *first, when `first` is not
/// null), or -1 with an exception pending.
int64_t scan_equal(DequeObject* d, Value x, int64_t start, int64_t stop, int64_t* first,
                   TypeObject* mutated_type, const char* mutated) {
  uint64_t state = d->state;
  int64_t n = 0;
  for (int64_t i = start; i < stop; i++) {
    Ref v = Ref::new_ref(d->items[static_cast<size_t>(i)]);  // __eq__ may remove it
    int eq = equal(v.get(), x);
    if (eq < 0) return -1;
    if (d->state != state) {
      raise(mutated_type, mutated);
      return -1;
    }
    if (eq) {
      n++;
      if (first != nullptr) {
        *first = i;
        return n;
      }
    }
  }
  return n;
}
constexpr const char* kMutatedIter = "deque mutated during iteration";

Ref m_count(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("count", nargs, kw, 1, 1)) return Ref();
  DequeObject* d = dq(self);
  CriticalSection cs(d);
  int64_t n = scan_equal(d, args[0], 0, static_cast<int64_t>(d->items.size()), nullptr,
                         &exc_RuntimeError, kMutatedIter);
  return n < 0 ? Ref() : int_from_int64(n);
}
Ref m_index(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("index", nargs, kw, 1, 3)) return Ref();
  DequeObject* d = dq(self);
  int64_t start = 0, stop = INT64_MAX;
  if (nargs >= 2 && !index_int64(args[1], &start)) return Ref();
  if (nargs >= 3 && !index_int64(args[2], &stop)) return Ref();
  {
    CriticalSection cs(d);
    int64_t n = static_cast<int64_t>(d->items.size());
    if (start < 0) start = std::max<int64_t>(0, start + n);
    if (stop < 0) stop = std::max<int64_t>(0, stop + n);
    stop = std::min(stop, n);
    int64_t i = -1;
    int64_t found = scan_equal(d, args[0], start, stop, &i, &exc_RuntimeError, kMutatedIter);
    if (found < 0) return Ref();
    if (found > 0) return int_from_int64(i);
  }
  std::string r;
  if (!repr_text(args[0], &r)) return Ref();
  return raise_fmt(&exc_ValueError, "{} is not in deque", r);
}
Ref m_insert(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("insert", nargs, kw, 2, 2)) return Ref();
  DequeObject* d = dq(self);
  int64_t i;
  if (!index_int64(args[0], &i)) return Ref();
  CriticalSection cs(d);
  int64_t n = static_cast<int64_t>(d->items.size());
  if (d->maxlen >= 0 && n >= d->maxlen)
    return raise(&exc_IndexError, "deque already at its maximum size");
  if (i < 0) i = std::max<int64_t>(0, i + n);
  i = std::min(i, n);
  d->items.insert(d->items.begin() + i, Ref::new_ref(args[1]).release());
  d->state++;
  return none_ref();
}
Ref m_remove(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("remove", nargs, kw, 1, 1)) return Ref();
  DequeObject* d = dq(self);
  Value old;
  {
    CriticalSection cs(d);  // held again after the comparisons: the index is still valid
    int64_t i = -1;
    int64_t found = scan_equal(d, args[0], 0, static_cast<int64_t>(d->items.size()), &i,
                               &exc_IndexError, kMutatedIter);
    if (found < 0) return Ref();
    if (found > 0) {
      old = d->items[static_cast<size_t>(i)];
      d->items.erase(d->items.begin() + static_cast<std::ptrdiff_t>(i));
      d->state++;
    }
  }
  if (old) {
    decref(old);
    return none_ref();
  }
  std::string r;
  if (!repr_text(args[0], &r)) return Ref();
  return raise_fmt(&exc_ValueError, "{} is not in deque", r);
}
Ref m_reverse(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("reverse", nargs, kw, 0, 0)) return Ref();
  DequeObject* d = dq(self);
  CriticalSection cs(d);
  std::reverse(d->items.begin(), d->items.end());
  d->state++;
  return none_ref();
}
Ref m_rotate(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("rotate", nargs, kw, 0, 1)) return Ref();
  int64_t k = 1;
  if (nargs == 1 && !index_int64(args[0], &k)) return Ref();
  DequeObject* d = dq(self);
  CriticalSection cs(d);
  int64_t n = static_cast<int64_t>(d->items.size());
  if (n > 1) {
    k %= n;
    if (k < 0) k += n;
    std::rotate(d->items.begin(), d->items.begin() + (n - k), d->items.end());
  }
  d->state++;
  return none_ref();
}
Ref m_reduce(Value self, const Value*, size_t, TupleObject*) {
  DequeObject* d = dq(self);
  Ref state = none_ref();
  if (d->dict) state = Ref::new_ref(Value(d->dict));
  Ref it = get_iter(self);
  if (!it) return it;
  Ref args;
  if (d->maxlen < 0) {
    args = tuple_empty();
  } else {
    Ref ml = int_from_int64(d->maxlen);
    Ref empty = tuple_empty();
    args = tuple_of({empty.get(), ml.get()});
  }
  return tuple_of({Value(type_of(self)), args.get(), state.get(), it.get()});
}
Ref m_class_getitem(Value cls, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__class_getitem__", nargs, kw, 1, 1)) return Ref();
  return generic_alias_new(cls, args[0]);
}
Ref get_maxlen(Value self) {
  return dq(self)->maxlen < 0 ? none_ref() : int_from_int64(dq(self)->maxlen);
}

bool deque_len(Value v, int64_t* out) {
  *out = static_cast<int64_t>(size_of(dq(v)));
  return true;
}
/// The index argument as an integer (may run __index__, so called without the deque's lock).
bool index_arg(Value key, int64_t* i) {
  if (!is_int(key) && type_of(key)->nb_index == nullptr) {
    raise_fmt(&exc_TypeError, "sequence index must be integer, not '{}'", type_name(key));
    return false;
  }
  return index_int64(key, i);
}
/// Makes a negative index relative to the end and checks it. Called under the deque's lock.
bool norm_index_locked(DequeObject* d, int64_t* i) {
  int64_t n = static_cast<int64_t>(d->items.size());
  if (*i < 0) *i += n;
  if (*i < 0 || *i >= n) {
    raise(&exc_IndexError, "deque index out of range");
    return false;
  }
  return true;
}
Ref deque_getitem(Value v, Value key) {
  DequeObject* d = dq(v);
  int64_t i;
  if (!index_arg(key, &i)) return Ref();
  CriticalSection cs(d);
  if (!norm_index_locked(d, &i)) return Ref();
  return Ref::new_ref(d->items[static_cast<size_t>(i)]);
}
bool deque_setitem(Value v, Value key, Value value) {
  DequeObject* d = dq(v);
  int64_t i;
  if (!index_arg(key, &i)) return false;
  Value old;
  {
    CriticalSection cs(d);
    if (!norm_index_locked(d, &i)) return false;
    old = d->items[static_cast<size_t>(i)];
    if (value) {
      d->items[static_cast<size_t>(i)] = Ref::new_ref(value).release();
    } else {
      d->items.erase(d->items.begin() + i);
      d->state++;
    }
  }
  decref(old);
  return true;
}
int deque_contains(Value v, Value x) {
  DequeObject* d = dq(v);
  CriticalSection cs(d);
  int64_t i;
  int64_t found = scan_equal(d, x, 0, static_cast<int64_t>(d->items.size()), &i, &exc_RuntimeError,
                             kMutatedIter);
  return found < 0 ? -1 : found > 0;
}

Ref deque_repr(Value v) {
  DequeObject* d = dq(v);
  std::string name = type_of(v)->name;
  if (!repr_enter(d)) return str_new("[...]");
  std::string body = "[";
  bool first = true;
  for (Ref& item : snapshot(d)) {
    std::string r;
    if (!repr_text(item.get(), &r)) {
      repr_leave(d);
      return Ref();
    }
    if (!first) body += ", ";
    first = false;
    body += r;
  }
  body += "]";
  repr_leave(d);
  if (d->maxlen >= 0) return str_new(fmt::format("{}({}, maxlen={})", name, body, d->maxlen));
  return str_new(name + "(" + body + ")");
}

Ref deque_richcompare(Value a, Value b, CmpOp op) {
  if (!is_deque(a) || !is_deque(b)) return not_implemented_ref();
  std::vector<Ref> x = snapshot(dq(a)), y = snapshot(dq(b));
  size_t n = std::min(x.size(), y.size());
  size_t i = 0;
  for (; i < n; i++) {
    int eq = equal(x[i].get(), y[i].get());
    if (eq < 0) return Ref();
    if (!eq) break;
  }
  if (i == n) {
    int c = x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    return bool_ref(cmp_holds(c, op));
  }
  if (op == CmpOp::Eq) return bool_ref(false);
  if (op == CmpOp::Ne) return bool_ref(true);
  return compare(x[i].get(), y[i].get(), op);
}

Ref deque_add(Value a, Value b) {
  if (!is_deque(a)) return not_implemented_ref();
  if (!is_deque(b)) {
    return raise_fmt(&exc_TypeError, "can only concatenate deque (not \"{}\") to deque",
                     type_name(b));
  }
  Ref c = deque_copy(a);
  if (!c) return c;
  if (!deque_extend_impl(dq(c.get()), b, false)) return Ref();
  return c;
}
Ref deque_iadd(Value a, Value b) {
  if (!deque_extend_impl(dq(a), b, false)) return Ref();
  return Ref::new_ref(a);
}
bool repeat_in_place(DequeObject* d, Value count) {
  int64_t n;
  if (!index_size(count, &n)) return false;
  std::vector<Ref> items = snapshot(d);
  if (n <= 0 || items.empty()) {
    deque_clear_items(d);
    return true;
  }
  auto size = static_cast<int64_t>(items.size());
  if (size > INT64_MAX / n) {  // as CPython: the full repetition's length must be a Py_ssize_t
    raise_no_memory();
    return false;
  }
  // Bounded, the deque keeps the last maxlen items of the repetition, which end with a whole
  // copy: repeating just enough copies to fill maxlen past the first gives the same items
  // (CPython's deque_inplace_repeat), so the work is O(maxlen), not O(n).
  if (d->maxlen >= 0 && n * size > d->maxlen) {
    n = (d->maxlen + size - 1) / size + 1;
  } else if (n > 1) {
    // Unbounded: (n - 1) * size more items. A deque cannot reserve, so an impossible size would
    // push item by item until the allocator gives up (minutes for 2**31 copies under a memory
    // limit): the space is asked for once first, as list repetition's reserve does, and a
    // refusal is MemoryError at once. The probe is never touched: it costs no memory.
    int64_t extra;
    if (!size_mul(n - 1, size, &extra, sizeof(Value))) {
      raise_no_memory();
      return false;
    }
    void* volatile probe = std::malloc(static_cast<size_t>(extra) * sizeof(Value));
    if (probe == nullptr) {
      raise_no_memory();
      return false;
    }
    std::free(probe);
  }
  for (int64_t k = 1; k < n; k++) {
    for (Ref& v : items) push(d, v.dup().release(), false);
  }
  return true;
}
Ref deque_mul(Value a, Value b) {
  if (!is_deque(a)) std::swap(a, b);
  if (!is_deque(a) || !(is_int(b) || type_of(b)->nb_index)) return not_implemented_ref();
  Ref c = deque_copy(a);
  if (!c || !repeat_in_place(dq(c.get()), b)) return Ref();
  return c;
}
Ref deque_imul(Value a, Value b) {
  if (!(is_int(b) || type_of(b)->nb_index)) return not_implemented_ref();
  if (!repeat_in_place(dq(a), b)) return Ref();
  return Ref::new_ref(a);
}

// Iterators: refs to the deque, the next position and the deque's state when created.
struct DequeIterObject : Object {
  Ref deque;
  int64_t index = 0;  // items consumed
  int64_t remaining = 0;
  uint64_t state = 0;
};
Ref make_iter(Value v, TypeObject* t) {
  auto* it = alloc_instance<DequeIterObject>(t);
  it->deque = Ref::new_ref(v);
  CriticalSection cs(dq(v));
  it->remaining = static_cast<int64_t>(dq(v)->items.size());
  it->state = dq(v)->state;
  return Ref::steal(Value(it));
}
Ref deque_iter(Value v) { return make_iter(v, &deque_iter_type); }
Ref m_reversed(Value self, const Value*, size_t, TupleObject*) {
  return make_iter(self, &deque_reviter_type);
}
Ref dqiter_next_impl(Value v, bool reverse) {
  auto* it = static_cast<DequeIterObject*>(v.obj());
  DequeObject* d = dq(it->deque.get());
  CriticalSection2 cs(it, d);  // the iterator's position too: threads may share an iterator
  if (d->state != it->state) {
    it->remaining = 0;
    return raise(&exc_RuntimeError, "deque mutated during iteration");
  }
  if (it->remaining <= 0) return Ref();
  size_t n = d->items.size();
  size_t pos = reverse ? n - 1 - static_cast<size_t>(it->index) : static_cast<size_t>(it->index);
  it->index++;
  it->remaining--;
  return Ref::new_ref(d->items[pos]);
}
Ref dqiter_next(Value v) { return dqiter_next_impl(v, false); }
Ref dqreviter_next(Value v) { return dqiter_next_impl(v, true); }
Ref dqiter_length_hint(Value self, const Value*, size_t, TupleObject*) {
  int64_t remaining;
  {
    CriticalSection cs(self);
    remaining = static_cast<DequeIterObject*>(self.obj())->remaining;
  }
  return int_from_int64(remaining);
}
void dqiter_dealloc(Object* o) { delete static_cast<DequeIterObject*>(o); }
void dqiter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<DequeIterObject*>(o)->deque, visit, arg);
}
Ref self_iter(Value v) { return Ref::new_ref(v); }

// ------------------------------------------------------------------ defaultdict

struct DefaultDictObject : DictObject {
  Value factory;  // owned; None when absent
};
DefaultDictObject* dd(Value v) { return static_cast<DefaultDictObject*>(v.obj()); }

Ref dd_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  auto* d = alloc_instance<DefaultDictObject>(type);
  d->factory = None();
  return Ref::steal(Value(d));
}
bool dd_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value factory = None();
  if (nargs > 0) {
    factory = args[0];
    if (!is_none(factory) && !callable(factory)) {
      raise(&exc_TypeError, "first argument must be callable or None");
      return false;
    }
  }
  Value old = dd(self)->factory;
  dd(self)->factory = Ref::new_ref(factory).release();
  decref(old);
  // The rest initialises the dict (dict.__init__ semantics).
  return dict_type.init(self, nargs > 0 ? args + 1 : args, nargs > 0 ? nargs - 1 : 0, kw);
}
void dd_dealloc(Object* o) {
  auto* d = static_cast<DefaultDictObject*>(o);
  decref(d->factory);
  std::vector<DictEntry> entries = std::move(d->entries);
  for (DictEntry& e : entries) {
    decref(e.key);
    decref(e.value);
  }
  delete d;
}
void dd_traverse(Object* o, VisitFn visit, void* arg) {
  dict_type.traverse(o, visit, arg);
  visit_value(static_cast<DefaultDictObject*>(o)->factory, visit, arg);
}
void dd_clear(Object* o) {
  auto* d = static_cast<DefaultDictObject*>(o);
  Value f = d->factory;
  d->factory = None();
  decref(f);
  dict_type.clear(o);
}
Ref dd_missing(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__missing__", nargs, kw, 1, 1)) return Ref();
  Value f = dd(self)->factory;
  if (is_none(f)) return raise_with_value(&exc_KeyError, args[0]);
  Ref v = call0(f);
  if (!v) return v;
  if (!setitem(self, args[0], v.get())) return Ref();
  return v;
}
Ref dd_repr(Value self) {
  Ref base = dict_type.repr(self);
  if (!base) return base;
  std::string f = "...";
  if (repr_enter(self.obj())) {
    bool ok = repr_text(dd(self)->factory, &f);
    repr_leave(self.obj());
    if (!ok) return Ref();
  }
  std::string b;
  str_text(base.get(), &b);
  return str_new(type_of(self)->name + "(" + f + ", " + b + ")");
}
Ref dd_copy_impl(Value self) {
  Value args[2] = {dd(self)->factory, self};
  return call(Value(type_of(self)), args, 2);
}
Ref dd_copy(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("copy", nargs, kw, 0, 0)) return Ref();
  return dd_copy_impl(self);
}
Ref dd_reduce(Value self, const Value*, size_t, TupleObject*) {
  Value f = dd(self)->factory;
  Ref args = is_none(f) ? tuple_empty() : tuple_of({f});
  Ref items = call_method(self, intern("items"), nullptr, 0);
  if (!items) return items;
  Ref it = get_iter(items.get());
  if (!it) return it;
  return tuple_of({Value(type_of(self)), args.get(), None(), None(), it.get()});
}
Ref dd_or(Value a, Value b) {
  bool left = isinstance(a, &defaultdict_type);
  Value self = left ? a : b, other = left ? b : a;
  if (!is_dict(other)) return not_implemented_ref();
  Ref r = dd_copy_impl(self);
  if (!r) return r;
  if (left) {
    if (!dict_update(as_dict(r.get()), other)) return Ref();
    return r;
  }
  // other | self: other's items first, then self's.
  Value args[2] = {dd(self)->factory, other};
  Ref n = call(Value(type_of(self)), args, 2);
  if (!n || !dict_update(as_dict(n.get()), self)) return Ref();
  return n;
}
Ref get_factory(Value self) { return Ref::new_ref(dd(self)->factory); }
bool set_factory(Value self, Value v) {
  Value old = dd(self)->factory;
  dd(self)->factory = Ref::new_ref(v ? v : None()).release();
  decref(old);
  return true;
}

// ------------------------------------------------------------------ _count_elements

Ref count_elements(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("_count_elements", nargs, kw, 2, 2)) return Ref();
  Value mapping = args[0];
  Ref it = get_iter(args[1]);
  if (!it) return it;
  Ref one = Ref::small(1), zero = Ref::small(0);
  bool exact = type_of(mapping) == &dict_type;
  Ref get = exact ? Ref() : getattr(mapping, "get");
  if (!exact && !get) return Ref();
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) break;
    Ref cur;
    if (exact) {
      Value c = dict_get(as_dict(mapping), x.get());
      if (!c && error_pending()) return Ref();
      cur = c ? Ref::new_ref(c) : zero.dup();
    } else {
      Value ga[2] = {x.get(), zero.get()};
      cur = call(get.get(), ga, 2);
      if (!cur) return cur;
    }
    Ref n = binary_op(cur.get(), one.get(), NumOp::Add);
    if (!n) return n;
    if (exact ? !dict_set(as_dict(mapping), x.get(), n.get()) : !setitem(mapping, x.get(), n.get()))
      return Ref();
  }
  if (error_pending()) return Ref();
  return none_ref();
}

void ready_types() {
  deque_type.name = "deque";
  deque_type.module = "collections";
  deque_type.flags = kTypeBaseType;
  deque_type.basic_size = sizeof(DequeObject);
  deque_type.subclass_dict_offset = offsetof(DequeObject, dict);
  deque_type.dealloc = deque_dealloc;
  deque_type.traverse = deque_traverse;
  deque_type.clear = deque_clear_slot;
  deque_type.new_ = deque_new;
  deque_type.init = deque_init;
  deque_type.repr = deque_repr;
  deque_type.richcompare = deque_richcompare;
  deque_type.len = deque_len;
  deque_type.getitem = deque_getitem;
  deque_type.setitem = deque_setitem;
  deque_type.contains = deque_contains;
  deque_type.iter = deque_iter;
  deque_type.nb[static_cast<int>(NumOp::Add)] = deque_add;
  deque_type.nb[static_cast<int>(NumOp::Mul)] = deque_mul;
  deque_type.nb_inplace[static_cast<int>(NumOp::Add)] = deque_iadd;
  deque_type.nb_inplace[static_cast<int>(NumOp::Mul)] = deque_imul;
  deque_type.flags |= kTypeWeakrefable;
  deque_type.flags |= kTypeSequence;  // pattern matching (PEP 634)
  type_ready(&deque_type, &object_type);
  struct {
    const char* name;
    NativeFn fn;
  } methods[] = {{"append", m_append},
                 {"appendleft", m_appendleft},
                 {"pop", m_pop},
                 {"popleft", m_popleft},
                 {"extend", m_extend},
                 {"extendleft", m_extendleft},
                 {"clear", m_clear},
                 {"copy", m_copy},
                 {"__copy__", m_copy},
                 {"count", m_count},
                 {"index", m_index},
                 {"insert", m_insert},
                 {"remove", m_remove},
                 {"reverse", m_reverse},
                 {"rotate", m_rotate},
                 {"__reduce__", m_reduce},
                 {"__reversed__", m_reversed}};
  for (auto& m : methods) add_method(&deque_type, m.name, m.fn);
  add_method(&deque_type, "__class_getitem__", m_class_getitem, kNativeClassMethod);
  add_getset(&deque_type, "maxlen", get_maxlen);
  add_attr(&deque_type, "__hash__", None());

  struct IterType {
    TypeObject* t;
    const char* name;
    UnaryFn next;
  };
  for (const IterType& i :
       {IterType{&deque_iter_type, "_deque_iterator", dqiter_next},
        IterType{&deque_reviter_type, "_deque_reverse_iterator", dqreviter_next}}) {
    TypeObject* t = i.t;
    const char* name = i.name;
    UnaryFn next = i.next;
    t->name = name;
    t->module = "_collections";
    t->basic_size = sizeof(DequeIterObject);
    t->dealloc = dqiter_dealloc;
    t->traverse = dqiter_traverse;
    t->iter = self_iter;
    t->iternext = next;
    type_ready(t, &object_type);
    add_method(t, "__length_hint__", dqiter_length_hint);
  }

  defaultdict_type.name = "defaultdict";
  defaultdict_type.module = "collections";
  defaultdict_type.flags = kTypeBaseType;
  defaultdict_type.basic_size = sizeof(DefaultDictObject);
  defaultdict_type.subclass_dict_offset = dict_type.subclass_dict_offset;
  defaultdict_type.new_ = dd_new;
  defaultdict_type.init = dd_init;
  type_ready(&defaultdict_type, &dict_type);
  // After type_ready (which inherits dict's slots): this layout's own slots.
  defaultdict_type.dealloc = dd_dealloc;
  defaultdict_type.traverse = dd_traverse;
  defaultdict_type.clear = dd_clear;
  defaultdict_type.repr = dd_repr;
  defaultdict_type.nb[static_cast<int>(NumOp::Or)] = dd_or;
  // Wrappers for the slots set just now (type_ready made dict's): defaultdict.__repr__ must be
  // its own object (pprint dispatches on it).
  slot_wrappers_note_type(&defaultdict_type);
  add_method(&defaultdict_type, "__missing__", dd_missing);
  add_method(&defaultdict_type, "copy", dd_copy);
  add_method(&defaultdict_type, "__copy__", dd_copy);
  add_method(&defaultdict_type, "__reduce__", dd_reduce);
  add_getset(&defaultdict_type, "default_factory", get_factory, set_factory);
}

}  // namespace

bool init__collections(Value module, DictObject* ns) {
  if (deque_type.dict == nullptr) ready_types();
  dict_set_cstr(ns, "deque", Value(&deque_type));
  dict_set_cstr(ns, "_deque_iterator", Value(&deque_iter_type));
  dict_set_cstr(ns, "_deque_reverse_iterator", Value(&deque_reviter_type));
  dict_set_cstr(ns, "defaultdict", Value(&defaultdict_type));
  add_function(ns, module, "_count_elements", count_elements);
  return true;
}

}  // namespace minipy::lib
