// The lazy iterator types of the builtins module: enumerate, zip, map, filter, reversed and
// callable_iterator. Calling the type (enumerate(seq)) builds the iterator through its new_ slot;
// iteration pulls one item from the underlying iterators per __next__. An exhausted iterator
// drops its sources so later __next__ calls stay exhausted cheaply.
#include "stdlib/native/builtins_iter.h"

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
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

/// Rejects keyword arguments with CPython's message for these constructors.
bool no_keywords(const char* fname, TupleObject* kw) {
  if (kw && kw->size > 0) {
    raise_fmt(&exc_TypeError, "{}() takes no keyword arguments", fname);
    return false;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------- enumerate

struct EnumerateObject : Object {
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

static void enumerate_dealloc(Object* o) { delete static_cast<EnumerateObject*>(o); }
static void enumerate_traverse(Object* o, VisitFn visit, void* arg) {
  auto* e = static_cast<EnumerateObject*>(o);
  visit_value(e->it, visit, arg);
  visit_value(e->count, visit, arg);
}

// ---------------------------------------------------------------- zip

struct ZipObject : Object {
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

static void zip_dealloc(Object* o) { delete static_cast<ZipObject*>(o); }
static void zip_traverse(Object* o, VisitFn visit, void* arg) {
  for (const Ref& r : static_cast<ZipObject*>(o)->its) visit_value(r, visit, arg);
}

// ---------------------------------------------------------------- map

struct MapObject : Object {
  Ref func;
  std::vector<Ref> its;
  bool done = false;
};

static Ref map_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords("map", kw)) return Ref();
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

static void map_dealloc(Object* o) { delete static_cast<MapObject*>(o); }
static void map_traverse(Object* o, VisitFn visit, void* arg) {
  auto* m = static_cast<MapObject*>(o);
  visit_value(m->func, visit, arg);
  for (const Ref& r : m->its) visit_value(r, visit, arg);
}

// ---------------------------------------------------------------- filter

struct FilterObject : Object {
  Ref func;  // None = truthiness
  Ref it;
};

static Ref filter_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords("filter", kw)) return Ref();
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

static void filter_dealloc(Object* o) { delete static_cast<FilterObject*>(o); }
static void filter_traverse(Object* o, VisitFn visit, void* arg) {
  auto* f = static_cast<FilterObject*>(o);
  visit_value(f->func, visit, arg);
  visit_value(f->it, visit, arg);
}

// ---------------------------------------------------------------- reversed

/// reversed() over the sequence protocol: seq[len-1], ..., seq[0].
struct ReversedObject : Object {
  Ref seq;  // null once exhausted
  int64_t index = -1;
};

Ref reversed_new(Value seq) {
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
  auto* r = alloc_instance<ReversedObject>(&reversed_type);
  r->seq = Ref::new_ref(seq);
  r->index = n - 1;
  if (n == 0) r->seq.reset();
  return Ref::steal(Value(r));
}

static Ref reversed_new_slot(TypeObject*, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords("reversed", kw)) return Ref();
  if (nargs != 1) {
    return raise_fmt(&exc_TypeError, "reversed expected 1 argument, got {}", nargs);
  }
  return reversed_new(args[0]);
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

static Ref reversed_length_hint(Value self, const Value*, size_t, TupleObject*) {
  auto* r = static_cast<ReversedObject*>(self.obj());
  return Ref::small(r->seq ? r->index + 1 : 0);
}

/// __reduce__: (reversed, (seq,), index), or (reversed, ((),)) once exhausted (as CPython).
static Ref reversed_reduce(Value self, NativeArgs&) {
  auto* r = static_cast<ReversedObject*>(self.obj());
  Value type(&reversed_type);
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
  } specs[] = {
      {&enumerate_type, "enumerate", sizeof(EnumerateObject), enumerate_dealloc, enumerate_traverse,
       enumerate_next, enumerate_new_slot},
      {&zip_type, "zip", sizeof(ZipObject), zip_dealloc, zip_traverse, zip_next, zip_new_slot},
      {&map_type, "map", sizeof(MapObject), map_dealloc, map_traverse, map_next, map_new_slot},
      {&filter_type, "filter", sizeof(FilterObject), filter_dealloc, filter_traverse, filter_next,
       filter_new_slot},
      {&reversed_type, "reversed", sizeof(ReversedObject), reversed_dealloc, reversed_traverse,
       reversed_next, reversed_new_slot},
      {&callable_iter_type, "callable_iterator", sizeof(CallableIterObject), callable_iter_dealloc,
       callable_iter_traverse, callable_iter_next, nullptr},
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
    type_ready(s.t, &object_type);
    // type_ready may inherit object's new_; the iterator types without a constructor keep none.
    s.t->new_ = s.new_;
  }
  if (first) {
    enumerate_type.text_signature = "(iterable, start=0)";
    reversed_type.text_signature = "(sequence, /)";
    add_method(&reversed_type, "__length_hint__", reversed_length_hint);
    add_methods(&reversed_type, kReversedMethods);
  }
  for (Spec& s : specs) {
    if (s.new_) dict_set_cstr(b, s.name, Value(s.t));
  }
}

}  // namespace minipy::lib
