// tuple: construction, hashing (CPython's xxHash-based combine), comparison, indexing, slicing,
// concatenation, repetition, iteration, count/index.
#include "runtime/objects/tuple.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "runtime/errors.h"
#include "runtime/free_list.h"
#include "runtime/gc/collector.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/size_check.h"

namespace minipy::rt {

TypeObject tuple_type;
TypeObject tuple_iter_type;

static TupleObject* g_empty_tuple;

namespace {
// Freed exact tuples of 1..kTupleFreeSizes items are kept for reuse, one list per size
// (CPython's tuple free lists, runtime/free_list.h): short tuples are made and dropped all the
// time (multiple return values, pairs from zip/enumerate/items, dict keys). 2000 of each size,
// as CPython 3.11's PyTuple_MAXFREELIST: a program that drops a tree or a list of thousands of
// pairs at once (bench/memory/binary_trees) gets them back from here instead of malloc (with
// 200, 42% of binary_trees' tuples at depth 13 came from malloc; a malloc/free pair costs ~250
// instructions against ~10 for a pop/push).
constexpr size_t kTupleFreeSizes = 20;
constexpr int kTupleFreeMax = 2000;
void free_tuple_memory(void* mem) { std::free(mem); }
thread_local FreeList<void, kTupleFreeMax, free_tuple_memory> t_tuple_free[kTupleFreeSizes + 1];
}  // namespace

// The header is the object header and the size, nothing else (see tuple.h): a pair must stay a
// 40-byte allocation in the default build.
static_assert(sizeof(TupleObject) == sizeof(Object) + sizeof(size_t));

static TupleObject* alloc_tuple(TypeObject* type, size_t n) {
  if (n > static_cast<size_t>(kMaxSsize / sizeof(Value)) - sizeof(TupleObject) - kTuplePrefix)
    throw std::bad_alloc();
  void* mem = nullptr;
  if (n - 1 < kTupleFreeSizes && type == &tuple_type) {  // n in 1..kTupleFreeSizes
    mem = t_tuple_free[n].pop();
  }
  // Heap subclass instances (namedtuples, user classes) have the __dict__ prefix; static
  // subclasses (struct sequences) are plain tuples with their type changed.
  size_t prefix = (type->flags & kTypeHeap) ? kTuplePrefix : 0;
  if (mem == nullptr) mem = std::malloc(prefix + sizeof(TupleObject) + n * sizeof(Value));
  if (mem == nullptr) throw std::bad_alloc();
  if (prefix != 0) {
    std::memset(mem, 0, prefix);
    mem = static_cast<char*>(mem) + prefix;
  }
  auto* t = static_cast<TupleObject*>(mem);
  t->type = type;
  init_refcount(t);
  gc_bits_store(t, 0);
  t->size = n;
  for (size_t i = 0; i < n; i++) t->items()[i] = Value();
  if (type->flags & kTypeHeap) incref(type);
  gc_track(t);
  return t;
}

Ref tuple_new(size_t n) {
  if (n == 0) return tuple_empty();
  return Ref::steal(Value(alloc_tuple(&tuple_type, n)));
}

Ref tuple_empty() {
  if (g_empty_tuple == nullptr) {
    g_empty_tuple = alloc_tuple(&tuple_type, 0);
    make_immortal(g_empty_tuple);
    gc_untrack(g_empty_tuple);  // nothing in it: never part of a cycle (as CPython's ())
  }
  return Ref::steal(Value(g_empty_tuple));
}

Ref tuple_from(const Value* items, size_t n) {
  if (n == 0) return tuple_empty();
  TupleObject* t = alloc_tuple(&tuple_type, n);
  for (size_t i = 0; i < n; i++) {
    incref(items[i]);
    t->items()[i] = items[i];
  }
  return Ref::steal(Value(t));
}

Ref tuple_of(std::initializer_list<Value> items) { return tuple_from(items.begin(), items.size()); }

static void tuple_dealloc(Object* o) {
  auto* t = static_cast<TupleObject*>(o);
  for (size_t i = 0; i < t->size; i++) decref(t->items()[i]);
  size_t n = t->size;
  if (n - 1 < kTupleFreeSizes && t->type == &tuple_type) {
    t_tuple_free[n].push(t);
    return;
  }
  // dealloc_object has dropped the prefix's __dict__ already.
  std::free(reinterpret_cast<char*>(t) - ((t->type->flags & kTypeHeap) ? kTuplePrefix : 0));
}

bool tuple_may_untrack(const TupleObject* t) {
  if (t->type != &tuple_type) return false;  // subclasses have a __dict__ or can change
  for (size_t i = 0; i < t->size; i++) {
    Value v = t->at(i);
    if (!v) return false;  // still being filled (tuple_new's null slots)
    if (!v.is_object()) continue;
    const Object* o = v.obj();
    if (!type_is_gc(o->type)) continue;
    if (o->type == &tuple_type && !gc_is_tracked(o)) continue;
    return false;  // a container: even if untracked now, it may be tracked again
  }
  return true;
}

static void tuple_traverse(Object* o, VisitFn visit, void* arg) {
  auto* t = static_cast<TupleObject*>(o);
  for (size_t i = 0; i < t->size; i++) {
    if (t->items()[i].is_object()) visit(t->items()[i].obj(), arg);
  }
}

// The collector's clear slot. CPython's tuple has none: from Python code every cycle through a
// tuple passes through a mutable container whose clear breaks it. Native code can make a tuple
// that holds itself (marshal's back-references: (1, (...))), and nothing broke that cycle: the
// collector found it unreachable every time but could not free it (LeakSanitizer reported it at
// exit). The items become None, so the tuple stays well-formed for whatever still sees it
// while the garbage is freed.
static void tuple_clear(Object* o) {
  auto* t = static_cast<TupleObject*>(o);
  for (size_t i = 0; i < t->size; i++) {
    Value old = t->items()[i];
    t->items()[i] = None();
    decref(old);
  }
}

static Ref tuple_repr(Value v) {
  TupleObject* t = as_tuple(v);
  if (t->size == 0) return str_new("()");
  // Only native code (marshal data with back-references) can make a tuple contain itself.
  ReprGuard repr_guard(v.obj());
  if (!repr_guard.entered()) return str_new("(...)");
  if (!enter_recursive_call(" while getting the repr of an object")) return Ref();
  std::string out = "(";
  for (size_t i = 0; i < t->size; i++) {
    if (i) out += ", ";
    std::string s;
    if (!repr_text(t->at(i), &s)) {
      leave_recursive_call();
      return Ref();
    }
    out += s;
  }
  leave_recursive_call();
  if (t->size == 1) out += ",";
  out += ")";
  return str_new(std::move(out));
}

static bool tuple_hash(Value v, int64_t* out) {
  TupleObject* t = as_tuple(v);
  constexpr uint64_t kP1 = 11400714785074694791ull, kP2 = 14029467366897019727ull,
                     kP5 = 2870177450012600261ull;
  uint64_t acc = kP5;
  // Hashing recurses into the items: deep nesting is RecursionError, not a stack overflow
  // (CPython 3.11 itself crashes on a million nested tuples).
  if (!enter_recursive_call(" while hashing")) return false;
  for (size_t i = 0; i < t->size; i++) {
    int64_t h;
    if (!hash(t->at(i), &h)) {
      leave_recursive_call();
      return false;
    }
    acc += static_cast<uint64_t>(h) * kP2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kP1;
  }
  leave_recursive_call();
  acc += t->size ^ (kP5 ^ 3527539ull);
  auto r = static_cast<int64_t>(acc);
  if (r == -1) r = 1546275796;
  *out = r;
  return true;
}

/// Lexicographic comparison shared by tuple and list.
Ref sequence_richcompare(const Value* a, size_t na, const Value* b, size_t nb, CmpOp op) {
  size_t i = 0;
  for (; i < na && i < nb; i++) {
    int eq = equal(a[i], b[i]);
    if (eq < 0) return Ref();
    if (!eq) break;
  }
  if (i >= na || i >= nb) {
    size_t x = na, y = nb;
    switch (op) {
      case CmpOp::Lt:
        return bool_ref(x < y);
      case CmpOp::Le:
        return bool_ref(x <= y);
      case CmpOp::Eq:
        return bool_ref(x == y);
      case CmpOp::Ne:
        return bool_ref(x != y);
      case CmpOp::Gt:
        return bool_ref(x > y);
      case CmpOp::Ge:
        return bool_ref(x >= y);
    }
  }
  if (op == CmpOp::Eq) return bool_ref(false);
  if (op == CmpOp::Ne) return bool_ref(true);
  return compare(a[i], b[i], op);
}

static Ref tuple_richcompare(Value a, Value b, CmpOp op) {
  if (!is_tuple(b)) return not_implemented_ref();
  TupleObject* x = as_tuple(a);
  TupleObject* y = as_tuple(b);
  return sequence_richcompare(x->items(), x->size, y->items(), y->size, op);
}

static bool tuple_len(Value v, int64_t* out) {
  *out = static_cast<int64_t>(as_tuple(v)->size);
  return true;
}

static Ref tuple_getitem(Value v, Value key) {
  TupleObject* t = as_tuple(v);
  if (key.is_small()) {
    int64_t i = key.small();
    if (i < 0) i += static_cast<int64_t>(t->size);
    if (i < 0 || i >= static_cast<int64_t>(t->size))
      return raise(&exc_IndexError, "tuple index out of range");
    return Ref::new_ref(t->at(i));
  }
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), static_cast<int64_t>(t->size), &start,
                       &stop, &step, &n)) {
      return Ref();
    }
    if (n == static_cast<int64_t>(t->size) && step == 1 && type_of(v) == &tuple_type)
      return Ref::new_ref(v);
    Ref r = tuple_new(static_cast<size_t>(std::max<int64_t>(n, 0)));
    for (int64_t i = 0, j = start; i < n; i++, j += step) {
      incref(t->at(j));
      tuple_set_steal(as_tuple(r.get()), i, t->at(j));
    }
    return r;
  }
  if (type_of(key)->nb_index != nullptr) {
    int64_t i;
    if (!index_int64(key, &i)) return Ref();
    Ref k = Ref::small(i);
    return tuple_getitem(v, k.get());
  }
  return raise_fmt(&exc_TypeError, "tuple indices must be integers or slices, not {}",
                   type_name(key));
}

static int tuple_contains(Value v, Value item) {
  TupleObject* t = as_tuple(v);
  for (size_t i = 0; i < t->size; i++) {
    int eq = equal(t->at(i), item);
    if (eq != 0) return eq;
  }
  return 0;
}

static Ref tuple_add(Value a, Value b) {
  // Mixed operands: NotImplemented, so b.__radd__ gets its turn; binary_op reports the error.
  if (!is_tuple(a) || !is_tuple(b)) return not_implemented_ref();
  TupleObject* x = as_tuple(a);
  TupleObject* y = as_tuple(b);
  int64_t n;
  if (!size_add(x->size, y->size, &n, sizeof(Value))) return raise_no_memory();
  Ref r = tuple_new(n);
  for (size_t i = 0; i < x->size; i++) {
    incref(x->at(i));
    tuple_set_steal(as_tuple(r.get()), i, x->at(i));
  }
  for (size_t i = 0; i < y->size; i++) {
    incref(y->at(i));
    tuple_set_steal(as_tuple(r.get()), x->size + i, y->at(i));
  }
  return r;
}

static Ref tuple_mul(Value a, Value b) {
  Value s = a, n = b;
  if (!is_tuple(s)) std::swap(s, n);
  if (!is_tuple(s)) return not_implemented_ref();
  if (!is_int(n) && type_of(n)->nb_index == nullptr) return not_implemented_ref();  // see tuple_add
  int64_t count;
  if (!index_size(n, &count)) return Ref();
  TupleObject* t = as_tuple(s);
  if (count <= 0 || t->size == 0) return tuple_empty();
  if (count == 1 && type_of(s) == &tuple_type) return Ref::new_ref(s);
  int64_t total;
  if (!size_mul(t->size, count, &total, sizeof(Value))) return raise_no_memory();
  Ref r = tuple_new(total);
  for (int64_t c = 0; c < count; c++) {
    for (size_t i = 0; i < t->size; i++) {
      incref(t->at(i));
      tuple_set_steal(as_tuple(r.get()), c * t->size + i, t->at(i));
    }
  }
  return r;
}

static Ref tuple_iter(Value v) {
  auto* it = alloc_instance<SeqIterObject>(&tuple_iter_type);
  it->seq = Ref::new_ref(v);
  it->index = 0;
  return Ref::steal(Value(it));
}

static Ref tuple_iter_next(Value v) {
  auto* it = static_cast<SeqIterObject*>(v.obj());
  if (!it->seq) return Ref();
  TupleObject* t = as_tuple(it->seq.get());
  if (it->index >= static_cast<int64_t>(t->size)) {
    it->seq.reset();
    return Ref();
  }
  return Ref::new_ref(t->at(it->index++));
}

// Pickling and the length hint of tuple_iterator, as CPython's tupleobject.c.
static Ref tuple_iter_length_hint(Value self, NativeArgs&) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  if (!it->seq) return Ref::small(0);
  int64_t n = static_cast<int64_t>(as_tuple(it->seq.get())->size) - it->index;
  return Ref::small(n > 0 ? n : 0);
}
static Ref tuple_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  if (!it->seq) {
    Ref empty = tuple_new(0);
    return iter_reduce_exhausted(empty.get());
  }
  return iter_reduce_indexed(it->seq.get(), it->index);
}
static Ref tuple_iter_setstate(Value self, NativeArgs& a) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  int64_t index;
  if (!iter_state_index(a[0], &index)) return Ref();
  if (it->seq) {
    int64_t n = static_cast<int64_t>(as_tuple(it->seq.get())->size);
    it->index = index < 0 ? 0 : index > n ? n : index;
  }
  return none_ref();
}
static const NativeDef kTupleIterMethods[] = {
    {"__length_hint__($self, /)", tuple_iter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__($self, /)", tuple_iter_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", tuple_iter_setstate, 0,
     "Set state information for unpickling."},
};

static Ref tuple_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_nargs("tuple", nargs, kwnames, 0, 1)) return Ref();
  Ref r;
  if (nargs == 0) {
    r = tuple_empty();
  } else if (type_of(args[0]) == &tuple_type) {
    r = Ref::new_ref(args[0]);
  } else {
    Ref l = list_from_iterable(args[0]);
    if (!l) return l;
    ListObject* lo = as_list(l.get());
    r = tuple_from(lo->items.data(), lo->items.size());
  }
  if (type == &tuple_type) return r;
  TupleObject* src = as_tuple(r.get());
  TupleObject* t = alloc_tuple(type, src->size);
  for (size_t i = 0; i < src->size; i++) {
    incref(src->at(i));
    t->items()[i] = src->at(i);
  }
  return Ref::steal(Value(t));
}

static Ref tuple_count(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("count", nargs, kw, 1, 1)) return Ref();
  TupleObject* t = as_tuple(self);
  int64_t n = 0;
  for (size_t i = 0; i < t->size; i++) {
    int eq = equal(t->at(i), args[0]);
    if (eq < 0) return Ref();
    n += eq;
  }
  return Ref::small(n);
}

static Ref tuple_index(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("index", nargs, kw, 1, 3)) return Ref();
  TupleObject* t = as_tuple(self);
  int64_t start = 0, stop = static_cast<int64_t>(t->size);
  if (nargs > 1 && !index_int64(args[1], &start)) return Ref();
  if (nargs > 2 && !index_int64(args[2], &stop)) return Ref();
  int64_t n = static_cast<int64_t>(t->size);
  if (start < 0) start = std::max<int64_t>(0, start + n);
  if (stop < 0) stop = std::max<int64_t>(0, stop + n);
  for (int64_t i = start; i < std::min(stop, n); i++) {
    int eq = equal(t->at(i), args[0]);
    if (eq < 0) return Ref();
    if (eq) return Ref::small(i);
  }
  return raise(&exc_ValueError, "tuple.index(x): x not in tuple");
}

static void seq_iter_dealloc(Object* o) { delete static_cast<SeqIterObject*>(o); }
static Ref self_iter(Value v) { return Ref::new_ref(v); }

void tuple_type_init() {
  tuple_type.name = "tuple";
  tuple_type.text_signature = "(iterable=(), /)";
  tuple_type.flags = kTypeBaseType | kTypeTupleSubclass;
  tuple_type.basic_size = sizeof(TupleObject);
  tuple_type.subclass_dict_offset = -static_cast<ptrdiff_t>(kTuplePrefix);
  tuple_type.dealloc = tuple_dealloc;
  tuple_type.traverse = tuple_traverse;
  tuple_type.clear = tuple_clear;
  tuple_type.repr = tuple_repr;
  tuple_type.hash = tuple_hash;
  tuple_type.richcompare = tuple_richcompare;
  tuple_type.len = tuple_len;
  tuple_type.getitem = tuple_getitem;
  tuple_type.contains = tuple_contains;
  tuple_type.iter = tuple_iter;
  tuple_type.new_ = tuple_new_slot;
  tuple_type.nb[static_cast<int>(NumOp::Add)] = tuple_add;
  tuple_type.nb[static_cast<int>(NumOp::Mul)] = tuple_mul;
  tuple_type.flags |= kTypeSequence | kTypeMatchSelf;  // pattern matching (PEP 634)
  type_ready(&tuple_type, &object_type);
  add_method(&tuple_type, "count", tuple_count);
  add_method(&tuple_type, "index", tuple_index);

  tuple_iter_type.name = "tuple_iterator";
  tuple_iter_type.basic_size = sizeof(SeqIterObject);
  tuple_iter_type.dealloc = seq_iter_dealloc;
  tuple_iter_type.traverse = seq_iter_traverse;
  tuple_iter_type.iter = self_iter;
  tuple_iter_type.iternext = tuple_iter_next;
  type_ready(&tuple_iter_type, &object_type);
  add_methods(&tuple_iter_type, kTupleIterMethods);
}

}  // namespace minipy::rt
