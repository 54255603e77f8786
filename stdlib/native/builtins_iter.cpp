// The lazy iterator types of the builtins module: enumerate, zip, map, filter, reversed and
// callable_iterator. Calling the type (enumerate(seq)) builds the iterator through its new_ slot;
// iteration pulls one item from the underlying iterators per __next__. An exhausted iterator
// drops its sources so later __next__ calls stay exhausted cheaply.
#include "stdlib/native/builtins_iter.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

TypeObject enumerate_type, zip_type, map_type, filter_type, reversed_type, callable_iter_type;

namespace {

Ref self_iter(Value v) { return Ref::new_ref(v); }
bool no_init(Value, const Value*, size_t, TupleObject*) { return true; }


}  // namespace

// ---------------------------------------------------------------- enumerate

struct EnumerateObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  Ref it;     // null once exhausted
  Ref count;  // the next index (an int)
};

static Ref enumerate_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value iterable, start;
  size_t nkw = kw ? kw->size : 0;
  if (nargs > 2 || nargs + nkw > 2) {
    return raise_fmt(&exc_TypeError, "enumerate() takes at most 2 arguments ({} given)", nargs + nkw);
  }
  if (nargs >= 1) iterable = args[0];
  if (nargs >= 2) start = args[1];
  for (size_t i = 0; i < nkw; i++) {
    std::string_view k = as_str(kw->at(i))->view();
    Value v = args[nargs + i];
    if (k == "iterable" && !iterable) iterable = v;
    else if (k == "start" && !start) start = v;
    else return raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for enumerate()", k);
  }
  if (!iterable) return raise(&exc_TypeError, "enumerate() missing required argument 'iterable'");
  Ref count;
  if (start) {
    count = number_index(start);
    if (!count) return count;
  } else {
    count = Ref::small(0);
  }
  Ref it = get_iter(iterable);
  if (!it) return it;
  auto* e = alloc_instance<EnumerateObject>(type);
  e->it = std::move(it);
  e->count = std::move(count);
  return Ref::steal(Value(e));
}

static Ref enumerate_next(Value self) {
  auto* e = static_cast<EnumerateObject*>(self.obj());
  if (!e->it) return Ref();
  Ref item = iter_next(e->it.get());
  if (!item) {
    if (!error_pending()) e->it.reset();
    return item;
  }
  Ref idx = e->count.dup();
  Ref next = (idx.get().is_small() && idx.get().small() < Value::kMaxSmall)
                 ? Ref::small(idx.get().small() + 1)
                 : binary_op(idx.get(), Value::from_small(1), NumOp::Add);
  if (!next) return next;
  e->count = std::move(next);
  return tuple_of({idx.get(), item.get()});
}

/// (type, (iterator, next index)); an exhausted one gives an empty tuple for the iterator.
static Ref enumerate_reduce(Value self, NativeArgs&) {
  auto* e = static_cast<EnumerateObject*>(self.obj());
  Ref src = e->it ? e->it.dup() : tuple_new(0);
  Ref args = tuple_of({src.get(), e->count.get()});
  return tuple_of({Value(type_of(self)), args.get()});
}

static void enumerate_dealloc(Object* o) { delete static_cast<EnumerateObject*>(o); }
static void enumerate_traverse(Object* o, VisitFn visit, void* arg) {
  auto* e = static_cast<EnumerateObject*>(o);
  visit_value(e->it, visit, arg);
  visit_value(e->count, visit, arg);
}

// ---------------------------------------------------------------- zip

struct ZipObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  std::vector<Ref> its;  // emptied once exhausted
  bool strict = false;
  bool done = false;
};

static Ref zip_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  bool strict = false;
  for (size_t i = 0; kw && i < kw->size; i++) {
    std::string_view k = as_str(kw->at(i))->view();
    if (k != "strict") return raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for zip()", k);
    int t = truthy(args[nargs + i]);
    if (t < 0) return Ref();
    strict = t != 0;
  }
  std::vector<Ref> its;
  its.reserve(nargs);
  for (size_t i = 0; i < nargs; i++) {
    Ref it = get_iter(args[i]);
    if (!it) return it;
    its.push_back(std::move(it));
  }
  auto* z = alloc_instance<ZipObject>(type);
  z->its = std::move(its);
  z->strict = strict;
  return Ref::steal(Value(z));
}

static Ref zip_next(Value self) {
  auto* z = static_cast<ZipObject*>(self.obj());
  size_t n = z->its.size();
  if (z->done || n == 0) return Ref();
  Ref result = tuple_new(n);
  auto* t = as_tuple(result.get());
  for (size_t i = 0; i < n; i++) t->items()[i] = Value();
  for (size_t i = 0; i < n; i++) {
    Ref item = iter_next(z->its[i].get());
    if (!item) {
      if (error_pending()) return Ref();
      // Exhausted: with strict=True the others must be exhausted at the same step.
      if (z->strict) {
        if (i > 0) {
          z->done = true;
          if (i == 1) return raise(&exc_ValueError, "zip() argument 2 is shorter than argument 1");
          return raise_fmt(&exc_ValueError, "zip() argument {} is shorter than arguments 1-{}", i + 1, i);
        }
        for (size_t j = 1; j < n; j++) {
          Ref extra = iter_next(z->its[j].get());
          if (extra) {
            z->done = true;
            if (j == 1) return raise(&exc_ValueError, "zip() argument 2 is longer than argument 1");
            return raise_fmt(&exc_ValueError, "zip() argument {} is longer than arguments 1-{}", j + 1, j);
          }
          if (error_pending()) return Ref();
        }
      }
      z->done = true;
      z->its.clear();
      // The tuple's filled slots are released by its dealloc.
      return Ref();
    }
    tuple_set_steal(t, i, item.release());
  }
  return result;
}

/// (type, iterators) or, with strict=True, (type, iterators, True) and __setstate__ takes the
/// flag back, as CPython's zip_reduce.
static Ref zip_reduce(Value self, NativeArgs&) {
  auto* z = static_cast<ZipObject*>(self.obj());
  Ref its = tuple_new(z->its.size());
  for (size_t i = 0; i < z->its.size(); i++) {
    tuple_set_steal(as_tuple(its.get()), i, z->its[i].dup().release());
  }
  if (z->strict) return tuple_of({Value(type_of(self)), its.get(), True()});
  return tuple_of({Value(type_of(self)), its.get()});
}
static Ref zip_setstate(Value self, NativeArgs& a) {
  int t = truthy(a[0]);
  if (t < 0) return Ref();
  static_cast<ZipObject*>(self.obj())->strict = t != 0;
  return none_ref();
}

static void zip_dealloc(Object* o) { delete static_cast<ZipObject*>(o); }
static void zip_traverse(Object* o, VisitFn visit, void* arg) {
  for (const Ref& r : static_cast<ZipObject*>(o)->its) visit_value(r, visit, arg);
}

// ---------------------------------------------------------------- map

struct MapObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  Ref func;
  std::vector<Ref> its;
  bool done = false;
};

static Ref map_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords_unless_init(type, &map_type, "map", kw)) return Ref();
  if (nargs < 2) return raise(&exc_TypeError, "map() must have at least two arguments.");
  std::vector<Ref> its;
  for (size_t i = 1; i < nargs; i++) {
    Ref it = get_iter(args[i]);
    if (!it) return it;
    its.push_back(std::move(it));
  }
  auto* m = alloc_instance<MapObject>(type);
  m->func = Ref::new_ref(args[0]);
  m->its = std::move(its);
  return Ref::steal(Value(m));
}

static Ref map_next(Value self) {
  auto* m = static_cast<MapObject*>(self.obj());
  if (m->done) return Ref();
  size_t n = m->its.size();
  std::vector<Ref> items;
  items.reserve(n);
  std::vector<Value> argv(n);
  for (size_t i = 0; i < n; i++) {
    Ref item = iter_next(m->its[i].get());
    if (!item) {
      if (!error_pending()) m->done = true;
      return Ref();
    }
    argv[i] = item.get();
    items.push_back(std::move(item));
  }
  return call(m->func.get(), argv.data(), n);
}

/// (type, (func, *iterators)).
static Ref map_reduce(Value self, NativeArgs&) {
  auto* m = static_cast<MapObject*>(self.obj());
  Ref args = tuple_new(m->its.size() + 1);
  tuple_set_steal(as_tuple(args.get()), 0, m->func.dup().release());
  for (size_t i = 0; i < m->its.size(); i++) {
    tuple_set_steal(as_tuple(args.get()), i + 1, m->its[i].dup().release());
  }
  return tuple_of({Value(type_of(self)), args.get()});
}

static void map_dealloc(Object* o) { delete static_cast<MapObject*>(o); }
static void map_traverse(Object* o, VisitFn visit, void* arg) {
  auto* m = static_cast<MapObject*>(o);
  visit_value(m->func, visit, arg);
  for (const Ref& r : m->its) visit_value(r, visit, arg);
}

// ---------------------------------------------------------------- filter

struct FilterObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  Ref func;  // None = truthiness
  Ref it;
};

static Ref filter_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords_unless_init(type, &filter_type, "filter", kw)) return Ref();
  if (nargs != 2) return raise_fmt(&exc_TypeError, "filter expected 2 arguments, got {}", nargs);
  Ref it = get_iter(args[1]);
  if (!it) return it;
  auto* f = alloc_instance<FilterObject>(type);
  f->func = Ref::new_ref(args[0]);
  f->it = std::move(it);
  return Ref::steal(Value(f));
}

static Ref filter_next(Value self) {
  auto* f = static_cast<FilterObject*>(self.obj());
  if (!f->it) return Ref();
  bool plain = is_none(f->func.get()) || f->func.get() == Value(&bool_type);
  for (;;) {
    Ref item = iter_next(f->it.get());
    if (!item) {
      if (!error_pending()) f->it.reset();
      return item;
    }
    int ok;
    if (plain) {
      ok = truthy(item.get());
    } else {
      Ref r = call1(f->func.get(), item.get());
      if (!r) return r;
      ok = truthy(r.get());
    }
    if (ok < 0) return Ref();
    if (ok) return item;
  }
}

/// (type, (func, iterator)); an exhausted one gives an empty tuple for the iterator.
static Ref filter_reduce(Value self, NativeArgs&) {
  auto* f = static_cast<FilterObject*>(self.obj());
  Ref src = f->it ? f->it.dup() : tuple_new(0);
  Ref args = tuple_of({f->func.get(), src.get()});
  return tuple_of({Value(type_of(self)), args.get()});
}

static void filter_dealloc(Object* o) { delete static_cast<FilterObject*>(o); }
static void filter_traverse(Object* o, VisitFn visit, void* arg) {
  auto* f = static_cast<FilterObject*>(o);
  visit_value(f->func, visit, arg);
  visit_value(f->it, visit, arg);
}

// ---------------------------------------------------------------- reversed

/// reversed() over the sequence protocol: seq[len-1], ..., seq[0].
struct ReversedObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  Ref seq;  // null once exhausted
  int64_t index = -1;
};

Ref reversed_new(Value seq) { return reversed_new_of(&reversed_type, seq); }

Ref reversed_new_of(TypeObject* type, Value seq) {
  static StrObject* reversed_name = intern("__reversed__");
  TypeObject* t = type_of(seq);
  Value meth = type_lookup(t, reversed_name);
  if (meth && is_none(meth)) return raise_fmt(&exc_TypeError, "'{}' object is not reversible", t->name);
  if (meth) {
    bool found = false;
    return call_special(seq, reversed_name, nullptr, 0, &found);
  }
  // Sequence protocol: __len__ and __getitem__, and not a mapping.
  if (t->len == nullptr || t->getitem == nullptr || is_dict(seq)) {
    return raise_fmt(&exc_TypeError, "'{}' object is not reversible", t->name);
  }
  int64_t n;
  if (!length(seq, &n)) return Ref();
  auto* r = alloc_instance<ReversedObject>(type);
  r->seq = Ref::new_ref(seq);
  r->index = n - 1;
  if (n == 0) r->seq.reset();
  return Ref::steal(Value(r));
}

static Ref reversed_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords_unless_init(type, &reversed_type, "reversed", kw)) return Ref();
  if (nargs != 1) {
    return raise_fmt(&exc_TypeError, "reversed expected 1 argument, got {}", nargs);
  }
  return reversed_new_of(type, args[0]);
}

static Ref reversed_next(Value self) {
  auto* r = static_cast<ReversedObject*>(self.obj());
  if (!r->seq || r->index < 0) {
    r->seq.reset();
    return Ref();
  }
  Ref idx = Ref::small(r->index);
  Ref item = getitem(r->seq.get(), idx.get());
  if (!item) {
    if (exception_matches(&exc_IndexError) || exception_matches(&exc_StopIteration)) {
      clear_exception();
      r->seq.reset();
    }
    return item;
  }
  if (--r->index < 0) r->seq.reset();
  return item;
}

/// What is left, as CPython's reversed_len: the sequence's current length bounds it (and a
/// failing __len__ propagates).
static Ref reversed_length_hint(Value self, const Value*, size_t, TupleObject*) {
  auto* r = static_cast<ReversedObject*>(self.obj());
  if (!r->seq) return Ref::small(0);
  int64_t n;
  if (!length(r->seq.get(), &n)) return Ref();
  return Ref::small(n < r->index + 1 ? 0 : r->index + 1);
}

/// __reduce__: (reversed, (seq,), index), or (reversed, ((),)) once exhausted (as CPython).
static Ref reversed_reduce(Value self, NativeArgs&) {
  auto* r = static_cast<ReversedObject*>(self.obj());
  Value type(type_of(self));
  if (!r->seq) {
    Ref empty = tuple_new(0);
    Ref args = tuple_of({empty.get()});
    return tuple_of({type, args.get()});
  }
  Ref args = tuple_of({r->seq.get()});
  Ref index = int_from_int64(r->index);
  return tuple_of({type, args.get(), index.get()});
}

/// __setstate__(index): the next index to read, clamped to [-1, len(seq) - 1].
static Ref reversed_setstate(Value self, NativeArgs& a) {
  auto* r = static_cast<ReversedObject*>(self.obj());
  int64_t index;
  if (!index_size(a[0], &index)) return Ref();
  if (r->seq) {
    int64_t n;
    if (!length(r->seq.get(), &n)) return Ref();
    r->index = std::clamp<int64_t>(index, -1, n - 1);
  }
  return none_ref();
}

static const NativeDef kEnumerateMethods[] = {
    {"__reduce__($self, /)", enumerate_reduce, 0, "Return state information for pickling."},
};
static const NativeDef kZipMethods[] = {
    {"__reduce__($self, /)", zip_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", zip_setstate, 0, "Set state information for unpickling."},
};
static const NativeDef kMapMethods[] = {
    {"__reduce__($self, /)", map_reduce, 0, "Return state information for pickling."},
};
static const NativeDef kFilterMethods[] = {
    {"__reduce__($self, /)", filter_reduce, 0, "Return state information for pickling."},
};
static const NativeDef kReversedMethods[] = {
    {"__reduce__($self, /)", reversed_reduce},
    {"__setstate__($self, state, /)", reversed_setstate},
};

static void reversed_dealloc(Object* o) { delete static_cast<ReversedObject*>(o); }
static void reversed_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<ReversedObject*>(o)->seq, visit, arg);
}

// ---------------------------------------------------------------- callable_iterator

struct CallableIterObject : Object {
  Ref func;  // null once the sentinel was seen
  Ref sentinel;
};

Ref callable_iter_new(Value callable, Value sentinel) {
  auto* c = alloc_instance<CallableIterObject>(&callable_iter_type);
  c->func = Ref::new_ref(callable);
  c->sentinel = Ref::new_ref(sentinel);
  return Ref::steal(Value(c));
}

static Ref callable_iter_next(Value self) {
  auto* c = static_cast<CallableIterObject*>(self.obj());
  if (!c->func) return Ref();
  Ref r = call0(c->func.get());
  if (!r) {
    if (exception_matches(&exc_StopIteration)) {
      clear_exception();
      c->func.reset();
    }
    return r;
  }
  int eq = equal(r.get(), c->sentinel.get());
  if (eq < 0) return Ref();
  if (eq) {
    c->func.reset();
    return Ref();
  }
  return r;
}

/// (iter, (callable, sentinel)), or (iter, ((),)) once the sentinel was seen.
static Ref callable_iter_reduce(Value self, NativeArgs&) {
  auto* c = static_cast<CallableIterObject*>(self.obj());
  if (!c->func) {
    Ref empty = tuple_new(0);
    return iter_reduce_exhausted(empty.get());
  }
  Ref args = tuple_of({c->func.get(), c->sentinel.get()});
  return iter_reduce_args(args.get());
}

static const NativeDef kCallableIterMethods[] = {
    {"__reduce__($self, /)", callable_iter_reduce, 0, "Return state information for pickling."},
};

static void callable_iter_dealloc(Object* o) { delete static_cast<CallableIterObject*>(o); }
static void callable_iter_traverse(Object* o, VisitFn visit, void* arg) {
  auto* c = static_cast<CallableIterObject*>(o);
  visit_value(c->func, visit, arg);
  visit_value(c->sentinel, visit, arg);
}

// ---------------------------------------------------------------- init

void builtins_iter_init(DictObject* b) {
  struct Spec {
    TypeObject* t;
    const char* name;
    size_t size;
    DeallocFn dealloc;
    TraverseFn traverse;
    UnaryFn next;
    NewFn new_;
    size_t dict_offset;
  } specs[] = {
      {&enumerate_type, "enumerate", sizeof(EnumerateObject), enumerate_dealloc, enumerate_traverse,
       enumerate_next, enumerate_new_slot, offsetof(EnumerateObject, dict)},
      {&zip_type, "zip", sizeof(ZipObject), zip_dealloc, zip_traverse, zip_next, zip_new_slot,
       offsetof(ZipObject, dict)},
      {&map_type, "map", sizeof(MapObject), map_dealloc, map_traverse, map_next, map_new_slot,
       offsetof(MapObject, dict)},
      {&filter_type, "filter", sizeof(FilterObject), filter_dealloc, filter_traverse, filter_next,
       filter_new_slot, offsetof(FilterObject, dict)},
      {&reversed_type, "reversed", sizeof(ReversedObject), reversed_dealloc, reversed_traverse,
       reversed_next, reversed_new_slot, offsetof(ReversedObject, dict)},
      {&callable_iter_type, "callable_iterator", sizeof(CallableIterObject), callable_iter_dealloc,
       callable_iter_traverse, callable_iter_next, nullptr, 0},
  };
  bool first = enumerate_type.mro.empty();
  for (Spec& s : specs) {
    if (!first) break;  // already readied (a second interpreter start)
    s.t->name = s.name;
    s.t->basic_size = s.size;
    s.t->dealloc = s.dealloc;
    s.t->traverse = s.traverse;
    s.t->iter = self_iter;
    s.t->iternext = s.next;
    s.t->new_ = s.new_;
    s.t->init = no_init;
    if (s.new_ != nullptr) {  // CPython lets enumerate, zip, map, filter and reversed be subclassed
      s.t->flags |= kTypeBaseType;
      s.t->subclass_dict_offset = s.dict_offset;
    }
    type_ready(s.t, &object_type);
    // type_ready may inherit object's new_; the iterator types without a constructor keep none.
    s.t->new_ = s.new_;
  }
  if (first) {
    enumerate_type.text_signature = "(iterable, start=0)";
    add_class_getitem(&enumerate_type);
    reversed_type.text_signature = "(sequence, /)";
    add_method(&reversed_type, "__length_hint__", reversed_length_hint);
    add_methods(&reversed_type, kReversedMethods);
    add_methods(&enumerate_type, kEnumerateMethods);
    add_methods(&zip_type, kZipMethods);
    add_methods(&map_type, kMapMethods);
    add_methods(&filter_type, kFilterMethods);
    add_methods(&callable_iter_type, kCallableIterMethods);
  }
  for (Spec& s : specs) {
    if (s.new_) dict_set_cstr(b, s.name, Value(s.t));
  }
}

}  // namespace minipy::lib
