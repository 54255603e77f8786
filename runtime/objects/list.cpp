// list: construction, indexing and slice assignment, comparison, repr, iteration, and the list
// methods. Every mutation is a single step under the GIL, so list.append is atomic as in CPython;
// every mutation and every read of more than one word (the vector's begin/end/capacity) is also
// inside a CriticalSection on the list, which is what keeps them atomic in free-threaded builds.
#include "runtime/objects/list.h"

#include <algorithm>
#include <cstddef>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/size_check.h"

namespace minipy::rt {

TypeObject list_type;
TypeObject list_iter_type;
TypeObject list_reverse_iter_type;

Ref sequence_richcompare(const Value* a, size_t na, const Value* b, size_t nb, CmpOp op);

Ref list_new(size_t reserve) {
  auto* l = alloc_instance<ListObject>(&list_type);
  if (reserve) l->items.reserve(reserve);
  return Ref::steal(Value(l));
}

Ref list_from(const Value* items, size_t n) {
  Ref r = list_new(n);
  ListObject* l = as_list(r.get());
  for (size_t i = 0; i < n; i++) {
    incref(items[i]);
    l->items.push_back(items[i]);
  }
  return r;
}

void list_append(ListObject* l, Value v) {
  incref(v);
  CriticalSection cs(l);
  l->items.push_back(v);
}

void list_append_steal(ListObject* l, Value v) {
  CriticalSection cs(l);
  l->items.push_back(v);
}

bool list_extend(ListObject* l, Value iterable) {
  if (is_list(iterable) || is_tuple(iterable)) {
    const Value* src;
    size_t n;
    if (is_list(iterable)) {
      CriticalSection2 cs(l, iterable.obj());
      // Copy first: l.extend(l) must not iterate a growing vector.
      std::vector<Value> copy = as_list(iterable)->items;
      for (Value v : copy) incref(v);
      l->items.insert(l->items.end(), copy.begin(), copy.end());
      return true;
    }
    src = as_tuple(iterable)->items();
    n = as_tuple(iterable)->size;
    CriticalSection cs(l);
    for (size_t i = 0; i < n; i++) list_append(l, src[i]);
    return true;
  }
  Ref it = get_iter(iterable);
  if (!it) return false;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) return !error_pending();
    list_append_steal(l, x.release());
  }
}

Ref list_from_iterable(Value iterable) {
  Ref r = list_new();
  if (!list_extend(as_list(r.get()), iterable)) return Ref();
  return r;
}

static void list_dealloc(Object* o) {
  auto* l = static_cast<ListObject*>(o);
  std::vector<Value> items = std::move(l->items);
  for (Value v : items) decref(v);
  delete l;
}

static void list_clear(Object* o) {
  std::vector<Value> items = std::move(static_cast<ListObject*>(o)->items);
  static_cast<ListObject*>(o)->items.clear();
  for (Value v : items) decref(v);
}

static void list_traverse(Object* o, VisitFn visit, void* arg) {
  // Last to first, as CPython's list_traverse (gc.get_referents shows the order).
  const std::vector<Value>& items = static_cast<ListObject*>(o)->items;
  for (size_t i = items.size(); i-- > 0;) visit_value(items[i], visit, arg);
}

static Ref list_repr(Value v) {
  ListObject* l = as_list(v);
  if (l->items.empty()) return str_new("[]");
  ReprGuard repr_guard(v.obj());
  if (!repr_guard.entered()) return str_new("[...]");
  CriticalSection cs(v);
  if (!enter_recursive_call(" while getting the repr of an object")) return Ref();
  std::string out = "[";
  for (size_t i = 0; i < l->items.size(); i++) {
    if (i) out += ", ";
    Value item = l->items[i];
    Ref keep = Ref::new_ref(item);
    std::string s;
    if (!repr_text(item, &s)) {
      leave_recursive_call();
      return Ref();
    }
    out += s;
  }
  leave_recursive_call();
  out += "]";
  return str_new(std::move(out));
}

static Ref list_richcompare(Value a, Value b, CmpOp op) {
  if (!is_list(b)) return not_implemented_ref();
  std::vector<Value> x, y;
  {
    CriticalSection2 cs(a, b);
    x = as_list(a)->items;
    y = as_list(b)->items;
    for (Value v : x) incref(v);
    for (Value v : y) incref(v);
  }
  Ref r = sequence_richcompare(x.data(), x.size(), y.data(), y.size(), op);
  for (Value v : x) decref(v);
  for (Value v : y) decref(v);
  return r;
}

static bool list_len(Value v, int64_t* out) {
  CriticalSection cs(v);
  *out = static_cast<int64_t>(as_list(v)->items.size());
  return true;
}

static Ref list_getitem(Value v, Value key) {
  ListObject* l = as_list(v);
  CriticalSection cs(l);
  if (key.is_small()) {
    int64_t i = key.small();
    int64_t n = static_cast<int64_t>(l->items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return raise(&exc_IndexError, "list index out of range");
    return Ref::new_ref(l->items[i]);
  }
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), static_cast<int64_t>(l->items.size()),
                       &start, &stop, &step, &n)) {
      return Ref();
    }
    Ref r = list_new(n > 0 ? n : 0);
    for (int64_t i = 0, j = start; i < n; i++, j += step)
      list_append(as_list(r.get()), l->items[j]);
    return r;
  }
  if (is_int(key) || type_of(key)->nb_index != nullptr) {
    int64_t i;
    if (!index_int64(key, &i)) {
      if (exception_matches(&exc_OverflowError)) {
        clear_exception();
        return raise(&exc_IndexError, "cannot fit 'int' into an index-sized integer");
      }
      return Ref();
    }
    Ref k = Ref::small(i);
    return list_getitem(v, k.get());
  }
  return raise_fmt(&exc_TypeError, "list indices must be integers or slices, not {}",
                   type_name(key));
}

static bool list_ass_slice(ListObject* l, SliceObject* s, Value v) {
  int64_t start, stop, step, n;
  if (!slice_indices(s, static_cast<int64_t>(l->items.size()), &start, &stop, &step, &n))
    return false;
  if (!v) {  // deletion
    if (n <= 0) return true;
    std::vector<Value> removed;
    if (step == 1) {
      removed.assign(l->items.begin() + start, l->items.begin() + start + n);
      l->items.erase(l->items.begin() + start, l->items.begin() + start + n);
    } else {
      std::vector<Value> kept;
      std::vector<bool> drop(l->items.size(), false);
      for (int64_t i = 0, j = start; i < n; i++, j += step) drop[j] = true;
      for (size_t i = 0; i < l->items.size(); i++)
        (drop[i] ? removed : kept).push_back(l->items[i]);
      l->items = std::move(kept);
    }
    for (Value x : removed) decref(x);
    return true;
  }
  Ref seq = (Value(l) == v) ? list_from(l->items.data(), l->items.size()) : list_from_iterable(v);
  if (!seq) {
    if (exception_matches(&exc_TypeError)) {
      clear_exception();
      raise(&exc_TypeError,
            step == 1 ? "can only assign an iterable" : "must assign iterable to extended slice");
    }
    return false;
  }
  std::vector<Value>& src = as_list(seq.get())->items;
  if (step == 1) {
    if (n < 0) n = 0;
    std::vector<Value> removed(l->items.begin() + start, l->items.begin() + start + n);
    for (Value x : src) incref(x);
    l->items.erase(l->items.begin() + start, l->items.begin() + start + n);
    l->items.insert(l->items.begin() + start, src.begin(), src.end());
    for (Value x : removed) decref(x);
    return true;
  }
  if (static_cast<int64_t>(src.size()) != n) {
    raise_fmt(&exc_ValueError, "attempt to assign sequence of size {} to extended slice of size {}",
              src.size(), n);
    return false;
  }
  for (int64_t i = 0, j = start; i < n; i++, j += step) {
    incref(src[i]);
    Value old = l->items[j];
    l->items[j] = src[i];
    decref(old);
  }
  return true;
}

static bool list_setitem(Value v, Value key, Value value) {
  ListObject* l = as_list(v);
  CriticalSection cs(l);
  if (type_of(key) == &slice_type)
    return list_ass_slice(l, static_cast<SliceObject*>(key.obj()), value);
  if (!is_int(key) && type_of(key)->nb_index == nullptr) {
    raise_fmt(&exc_TypeError, "list indices must be integers or slices, not {}", type_name(key));
    return false;
  }
  int64_t i;
  if (!index_int64(key, &i)) return false;
  int64_t n = static_cast<int64_t>(l->items.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    raise(&exc_IndexError,
          value ? "list assignment index out of range" : "list assignment index out of range");
    return false;
  }
  Value old = l->items[i];
  if (value) {
    incref(value);
    l->items[i] = value;
  } else {
    l->items.erase(l->items.begin() + i);
  }
  decref(old);
  return true;
}

static int list_contains(Value v, Value item) {
  ListObject* l = as_list(v);
  CriticalSection cs(l);
  for (size_t i = 0; i < l->items.size(); i++) {
    Ref x = Ref::new_ref(l->items[i]);
    int eq = equal(x.get(), item);
    if (eq != 0) return eq;
  }
  return 0;
}

static Ref list_add(Value a, Value b) {
  // Mixed operands: NotImplemented, so b.__radd__ gets its turn; binary_op reports the error.
  if (!is_list(a) || !is_list(b)) return not_implemented_ref();
  ListObject* x = as_list(a);
  ListObject* y = as_list(b);
  CriticalSection2 cs(x, y);
  int64_t n;
  if (!size_add(x->items.size(), y->items.size(), &n, sizeof(Value))) return raise_no_memory();
  Ref r = list_new(n);
  for (Value v : x->items) list_append(as_list(r.get()), v);
  for (Value v : y->items) list_append(as_list(r.get()), v);
  return r;
}

static Ref list_iadd(Value a, Value b) {
  if (!list_extend(as_list(a), b)) return Ref();
  return Ref::new_ref(a);
}

static Ref list_mul(Value a, Value b) {
  Value s = a, n = b;
  if (!is_list(s)) std::swap(s, n);
  if (!is_list(s)) return not_implemented_ref();
  if (!is_int(n) && type_of(n)->nb_index == nullptr) return not_implemented_ref();  // see list_add
  int64_t count;
  if (!index_size(n, &count)) return Ref();
  ListObject* l = as_list(s);
  if (count <= 0) return list_new();
  CriticalSection cs(l);
  int64_t total;
  if (!size_mul(l->items.size(), count, &total, sizeof(Value))) return raise_no_memory();
  Ref r = list_new(total);  // reserves: an impossible size is std::bad_alloc, so MemoryError
  for (int64_t c = 0; c < count; c++) {
    for (Value v : l->items) list_append(as_list(r.get()), v);
  }
  return r;
}

static Ref list_imul(Value a, Value b) {
  Ref r = list_mul(a, b);
  if (!r || r.get() == NotImplemented()) return r;
  ListObject* l = as_list(a);
  std::vector<Value> old;
  {
    CriticalSection cs(l);
    old = std::move(l->items);
    l->items = std::move(as_list(r.get())->items);
    as_list(r.get())->items.clear();
  }
  for (Value v : old) decref(v);
  return Ref::new_ref(a);
}

static Ref list_iter(Value v) {
  auto* it = alloc_instance<SeqIterObject>(&list_iter_type);
  it->seq = Ref::new_ref(v);
  it->index = 0;
  return Ref::steal(Value(it));
}

static Ref list_iter_next(Value v) {
  auto* it = static_cast<SeqIterObject*>(v.obj());
  // An exhausted iterator drops its list into `done`, which is destroyed after the sections end:
  // the iterator may hold the last reference, and unlocking a freed list would write freed memory.
  Ref done;
  CriticalSection its(it);  // threads may share one iterator: its index and seq change here
  if (!it->seq) return Ref();
  ListObject* l = as_list(it->seq.get());
  CriticalSection cs(l);
  if (it->index >= static_cast<int64_t>(l->items.size())) {
    done = std::move(it->seq);
    return Ref();
  }
  return Ref::new_ref(l->items[it->index++]);
}

static Ref list_rev_iter_next(Value v) {
  auto* it = static_cast<SeqIterObject*>(v.obj());
  Ref done;  // released after the sections end (list_iter_next says why)
  CriticalSection its(it);
  if (!it->seq) return Ref();
  ListObject* l = as_list(it->seq.get());
  CriticalSection cs(l);
  if (it->index < 0 || it->index >= static_cast<int64_t>(l->items.size())) {
    done = std::move(it->seq);
    return Ref();
  }
  return Ref::new_ref(l->items[it->index--]);
}

// Pickling and length hints of the two list iterators, as CPython's listobject.c: the index
// is clamped to the list's current bounds when set back.

static Ref list_iter_length_hint(Value self, NativeArgs&) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  CriticalSection its(it);
  if (!it->seq) return Ref::small(0);
  int64_t n = static_cast<int64_t>(as_list(it->seq.get())->items.size()) - it->index;
  return Ref::small(n > 0 ? n : 0);
}
static Ref list_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  CriticalSection its(it);
  if (!it->seq) {
    Ref empty = list_new();
    return iter_reduce_exhausted(empty.get());
  }
  return iter_reduce_indexed(it->seq.get(), it->index);
}
static Ref list_iter_setstate(Value self, NativeArgs& a) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  int64_t index;
  if (!iter_state_index(a[0], &index)) return Ref();
  CriticalSection its(it);
  if (it->seq) {
    int64_t n = static_cast<int64_t>(as_list(it->seq.get())->items.size());
    it->index = index < 0 ? 0 : index > n ? n : index;
  }
  return none_ref();
}
static Ref list_rev_iter_length_hint(Value self, NativeArgs&) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  CriticalSection its(it);
  int64_t n = it->index + 1;
  if (!it->seq || static_cast<int64_t>(as_list(it->seq.get())->items.size()) < n) n = 0;
  return Ref::small(n);
}
static Ref list_rev_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  CriticalSection its(it);
  if (!it->seq) {
    Ref empty = list_new();
    return iter_reduce_exhausted(empty.get());
  }
  return iter_reduce_indexed(it->seq.get(), it->index, "reversed");
}
static Ref list_rev_iter_setstate(Value self, NativeArgs& a) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  int64_t index;
  if (!iter_state_index(a[0], &index)) return Ref();
  CriticalSection its(it);
  if (it->seq) {
    int64_t last = static_cast<int64_t>(as_list(it->seq.get())->items.size()) - 1;
    it->index = index < -1 ? -1 : index > last ? last : index;
  }
  return none_ref();
}

static const NativeDef kListIterMethods[] = {
    {"__length_hint__($self, /)", list_iter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__($self, /)", list_iter_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", list_iter_setstate, 0,
     "Set state information for unpickling."},
};
static const NativeDef kListRevIterMethods[] = {
    {"__length_hint__($self, /)", list_rev_iter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__($self, /)", list_rev_iter_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", list_rev_iter_setstate, 0,
     "Set state information for unpickling."},
};

static bool list_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_nargs("list", nargs, kwnames, 0, 1)) return false;
  ListObject* l = as_list(self);
  std::vector<Value> old;
  {
    CriticalSection cs(l);
    old = std::move(l->items);
    l->items.clear();
  }
  for (Value v : old) decref(v);
  if (nargs == 1) return list_extend(l, args[0]);
  return true;
}

static Ref list_new_slot(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<ListObject>(type)));
}

// ---------------------------------------------------------------- methods

#define LIST_METHOD(name) \
  static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

LIST_METHOD(m_append) {
  if (!check_nargs("append", nargs, kw, 1, 1)) return Ref();
  list_append(as_list(self), args[0]);
  return none_ref();
}

LIST_METHOD(m_extend) {
  if (!check_nargs("extend", nargs, kw, 1, 1)) return Ref();
  if (!list_extend(as_list(self), args[0])) return Ref();
  return none_ref();
}

LIST_METHOD(m_insert) {
  if (!check_nargs("insert", nargs, kw, 2, 2)) return Ref();
  CriticalSection cs(self);
  int64_t i;
  if (!index_int64(args[0], &i)) return Ref();
  ListObject* l = as_list(self);
  auto n = static_cast<int64_t>(l->items.size());
  if (i < 0) i = std::max<int64_t>(0, i + n);
  if (i > n) i = n;
  incref(args[1]);
  l->items.insert(l->items.begin() + i, args[1]);
  return none_ref();
}

LIST_METHOD(m_pop) {
  if (!check_nargs("pop", nargs, kw, 0, 1)) return Ref();
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  if (l->items.empty()) return raise(&exc_IndexError, "pop from empty list");
  int64_t i = -1;
  if (nargs == 1 && !index_int64(args[0], &i)) return Ref();
  auto n = static_cast<int64_t>(l->items.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) return raise(&exc_IndexError, "pop index out of range");
  Value v = l->items[i];
  l->items.erase(l->items.begin() + i);
  return Ref::steal(v);
}

LIST_METHOD(m_remove) {
  if (!check_nargs("remove", nargs, kw, 1, 1)) return Ref();
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  for (size_t i = 0; i < l->items.size(); i++) {
    Ref x = Ref::new_ref(l->items[i]);
    int eq = equal(x.get(), args[0]);
    if (eq < 0) return Ref();
    if (eq) {
      if (i < l->items.size() && l->items[i] == x.get()) {
        l->items.erase(l->items.begin() + i);
        decref(x.get());
      }
      return none_ref();
    }
  }
  return raise(&exc_ValueError, "list.remove(x): x not in list");
}

LIST_METHOD(m_index) {
  if (!check_nargs("index", nargs, kw, 1, 3)) return Ref();
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  auto n = static_cast<int64_t>(l->items.size());
  int64_t start = 0, stop = n;
  if (nargs > 1 && !index_int64(args[1], &start)) return Ref();
  if (nargs > 2 && !index_int64(args[2], &stop)) return Ref();
  if (start < 0) start = std::max<int64_t>(0, start + n);
  if (stop < 0) stop = std::max<int64_t>(0, stop + n);
  for (int64_t i = start; i < stop && i < static_cast<int64_t>(l->items.size()); i++) {
    Ref x = Ref::new_ref(l->items[i]);
    int eq = equal(x.get(), args[0]);
    if (eq < 0) return Ref();
    if (eq) return Ref::small(i);
  }
  std::string r;
  if (!repr_text(args[0], &r)) return Ref();
  return raise_fmt(&exc_ValueError, "{} is not in list", r);
}

LIST_METHOD(m_count) {
  if (!check_nargs("count", nargs, kw, 1, 1)) return Ref();
  CriticalSection cs(self);
  ListObject* l = as_list(self);
  int64_t c = 0;
  for (size_t i = 0; i < l->items.size(); i++) {
    Ref x = Ref::new_ref(l->items[i]);
    int eq = equal(x.get(), args[0]);
    if (eq < 0) return Ref();
    c += eq;
  }
  return Ref::small(c);
}

LIST_METHOD(m_reverse) {
  if (!check_nargs("reverse", nargs, kw, 0, 0)) return Ref();
  CriticalSection cs(self);
  std::reverse(as_list(self)->items.begin(), as_list(self)->items.end());
  return none_ref();
}

LIST_METHOD(m_clear) {
  if (!check_nargs("clear", nargs, kw, 0, 0)) return Ref();
  std::vector<Value> old;
  {
    CriticalSection cs(self);
    old = std::move(as_list(self)->items);
    as_list(self)->items.clear();
  }
  for (Value v : old) decref(v);
  return none_ref();
}

LIST_METHOD(m_copy) {
  if (!check_nargs("copy", nargs, kw, 0, 0)) return Ref();
  CriticalSection cs(self);
  return list_from(as_list(self)->items.data(), as_list(self)->items.size());
}

bool list_sort(ListObject* l, Value key, bool reverse) {
  CriticalSection cs(l);
  // Sort a private copy so a key or comparison that mutates the list cannot break the sort.
  std::vector<Value> items = std::move(l->items);
  l->items.clear();
  std::vector<std::pair<Ref, Value>> decorated;
  decorated.reserve(items.size());
  bool ok = true;
  for (Value v : items) {
    if (key && !is_none(key) && ok) {
      Ref k = call1(key, v);
      if (!k) ok = false;
      decorated.emplace_back(std::move(k), v);
    } else {
      decorated.emplace_back(Ref::new_ref(v), v);
    }
  }
  if (ok) {
    bool failed = false;
    auto less = [&](const std::pair<Ref, Value>& a, const std::pair<Ref, Value>& b) {
      if (failed) return false;
      Value x = a.first.get(), y = b.first.get();
      if (x.is_small() && y.is_small()) return x.small() < y.small();
      int r = compare_bool(x, y, CmpOp::Lt);
      if (r < 0) {
        failed = true;
        return false;
      }
      return r == 1;
    };
    // reverse=True keeps equal elements in their original order: reverse, sort ascending,
    // reverse again (as CPython's listsort does).
    if (reverse) std::reverse(decorated.begin(), decorated.end());
    std::stable_sort(decorated.begin(), decorated.end(), less);
    if (reverse) std::reverse(decorated.begin(), decorated.end());
    ok = !failed;
  }
  std::vector<Value> sorted;
  sorted.reserve(decorated.size());
  for (auto& d : decorated) sorted.push_back(d.second);
  std::vector<Value> intruders = std::move(l->items);
  l->items = std::move(sorted);
  for (Value v : intruders) decref(v);
  return ok;
}

LIST_METHOD(m_sort) {
  Value a[2] = {};
  if (nargs > 0) return raise(&exc_TypeError, "sort() takes no positional arguments");
  if (!parse_args("sort", args, nargs, kw, {"*", "key", "reverse"}, 0, a)) return Ref();
  int rev = a[1] ? truthy(a[1]) : 0;
  if (rev < 0) return Ref();
  if (!list_sort(as_list(self), a[0], rev)) return Ref();
  return none_ref();
}

LIST_METHOD(m_reversed) {
  CriticalSection cs(self);
  auto* it = alloc_instance<SeqIterObject>(&list_reverse_iter_type);
  it->seq = Ref::new_ref(self);
  it->index = static_cast<int64_t>(as_list(self)->items.size()) - 1;
  return Ref::steal(Value(it));
}

static void seq_iter_dealloc(Object* o) { delete static_cast<SeqIterObject*>(o); }
static Ref self_iter(Value v) { return Ref::new_ref(v); }

void list_type_init() {
  list_type.name = "list";
  list_type.text_signature = "(iterable=(), /)";
  list_type.flags = kTypeBaseType | kTypeListSubclass;
  list_type.basic_size = sizeof(ListObject);
  list_type.subclass_dict_offset = offsetof(ListObject, dict);
  list_type.dealloc = list_dealloc;
  list_type.traverse = list_traverse;
  list_type.clear = list_clear;
  list_type.repr = list_repr;
  list_type.richcompare = list_richcompare;
  list_type.len = list_len;
  list_type.getitem = list_getitem;
  list_type.setitem = list_setitem;
  list_type.contains = list_contains;
  list_type.iter = list_iter;
  list_type.init = list_init;
  list_type.new_ = list_new_slot;
  list_type.nb[static_cast<int>(NumOp::Add)] = list_add;
  list_type.nb[static_cast<int>(NumOp::Mul)] = list_mul;
  list_type.nb_inplace[static_cast<int>(NumOp::Add)] = list_iadd;
  list_type.nb_inplace[static_cast<int>(NumOp::Mul)] = list_imul;
  list_type.flags |= kTypeSequence | kTypeMatchSelf;  // pattern matching (PEP 634)
  type_ready(&list_type, &object_type);
  list_type.hash = nullptr;
  add_method(&list_type, "append", m_append);
  add_method(&list_type, "extend", m_extend);
  add_method(&list_type, "insert", m_insert);
  add_method(&list_type, "pop", m_pop);
  add_method(&list_type, "remove", m_remove);
  add_method(&list_type, "index", m_index);
  add_method(&list_type, "count", m_count);
  add_method(&list_type, "reverse", m_reverse);
  add_method(&list_type, "clear", m_clear);
  add_method(&list_type, "copy", m_copy);
  add_method(&list_type, "sort", m_sort);
  add_method(&list_type, "__reversed__", m_reversed);
  add_attr(&list_type, "__hash__", None());

  list_iter_type.name = "list_iterator";
  list_iter_type.basic_size = sizeof(SeqIterObject);
  list_iter_type.dealloc = seq_iter_dealloc;
  list_iter_type.traverse = seq_iter_traverse;
  list_iter_type.iter = self_iter;
  list_iter_type.iternext = list_iter_next;
  type_ready(&list_iter_type, &object_type);
  add_methods(&list_iter_type, kListIterMethods);
  list_reverse_iter_type.name = "list_reverseiterator";
  list_reverse_iter_type.basic_size = sizeof(SeqIterObject);
  list_reverse_iter_type.dealloc = seq_iter_dealloc;
  list_reverse_iter_type.traverse = seq_iter_traverse;
  list_reverse_iter_type.iter = self_iter;
  list_reverse_iter_type.iternext = list_rev_iter_next;
  type_ready(&list_reverse_iter_type, &object_type);
  add_methods(&list_reverse_iter_type, kListRevIterMethods);
}

}  // namespace minipy::rt
