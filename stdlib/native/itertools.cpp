// itertools: CPython's Modules/itertoolsmodule.c semantics, our own code. Every iterator here
// shares one object layout (ItObject: owned references plus integer state), so that one
// dealloc/traverse/clear serves all of them; each type differs only in its constructor and
// iternext. Used by CPython's collections, reprlib, functools and most of the library.
// Pickling (__reduce__/__setstate__, deprecated by CPython 3.12 but there in 3.11) is in
// itertools_reduce.cpp; the layout both files share is in itertools.h.
#include "stdlib/native/itertools.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace itertools {

TypeObject count_type, cycle_type, repeat_type, accumulate_type, chain_type, compress_type,
    dropwhile_type, takewhile_type, filterfalse_type, starmap_type, groupby_type, grouper_type,
    islice_type, pairwise_type, tee_type, teedata_type, zip_longest_type, product_type,
    combinations_type, cwr_type, permutations_type;

ItObject* alloc_it(TypeObject* t, size_t nrefs) {
  auto* o = alloc_instance<ItObject>(t);
  o->refs.assign(nrefs, Value());
  return o;
}

void set_ref(ItObject* o, size_t i, Ref v) {
  Value old;
  {
    CriticalSection cs(o);
    old = o->refs[i];
    o->refs[i] = v.release();
  }
  decref(old);
}

}  // namespace itertools

using namespace itertools;

namespace {

void it_dealloc(Object* obj) {
  auto* o = static_cast<ItObject*>(obj);
  std::vector<Value> refs = std::move(o->refs);
  for (Value v : refs) decref(v);
  delete o;
}
void it_traverse(Object* obj, VisitFn visit, void* arg) {
  for (Value v : static_cast<ItObject*>(obj)->refs) visit_value(v, visit, arg);
}
void it_clear(Object* obj) {
  auto* o = static_cast<ItObject*>(obj);
  std::vector<Value> refs;
  {
    CriticalSection cs(o);
    refs = o->refs;
    for (Value& v : o->refs) v = Value();
  }
  for (Value v : refs) decref(v);
}
Ref self_iter(Value self) { return Ref::new_ref(self); }

/// The type's name for repr (a subclass's own name, as CPython's _PyType_Name).
std::string tname(Value self) { return type_of(self)->name; }

/// Argument Clinic's positional check: "cycle expected 1 argument, got 0".
bool check_positional(const char* name, size_t nargs, size_t min, size_t max) {
  if (nargs >= min && nargs <= max) return true;
  size_t n = nargs < min ? min : max;
  const char* qual = min == max ? "" : nargs < min ? "at least " : "at most ";
  raise_fmt(&exc_TypeError, "{} expected {}{} argument{}, got {}", name, qual, n, n == 1 ? "" : "s",
            nargs);
  return false;
}

bool no_kwargs(const char* name, TupleObject* kw) {
  if (kw && kw->size > 0) {
    raise_fmt(&exc_TypeError, "{}() takes no keyword arguments", name);
    return false;
  }
  return true;
}

/// A tuple of the items of `iterable` (exact tuples are shared).
Ref to_tuple(Value iterable) {
  if (type_of(iterable) == &tuple_type) return Ref::new_ref(iterable);
  Ref it = get_iter(iterable);
  if (!it) return it;
  Ref l = list_new();
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) break;
    list_append_steal(as_list(l.get()), x.release());
  }
  if (error_pending()) return Ref();
  ListObject* lo = as_list(l.get());
  return tuple_from(lo->items.data(), lo->items.size());
}

Ref tuple_of_indices(Value pool, const std::vector<int64_t>& idx, size_t n) {
  Ref t = tuple_new(n);
  TupleObject* p = as_tuple(pool);
  for (size_t i = 0; i < n; i++) {
    Value v = p->at(static_cast<size_t>(idx[i]));
    incref(v);
    tuple_set_steal(as_tuple(t.get()), i, v);
  }
  return t;
}

// ------------------------------------------------------------------ count(start=0, step=1)
// refs: [current, step]

bool is_number(Value v) {
  if (is_int(v) || is_float(v)) return true;
  TypeObject* t = type_of(v);
  for (const char* n : {"__index__", "__int__", "__float__", "__complex__"})
    if (type_lookup(t, n)) return true;
  return false;
}

Ref count_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("count", args, nargs, kw, {"start", "step"}, 0, a)) return Ref();
  Value start = a[0] ? a[0] : Ref::small(0).get();
  Value step = a[1] ? a[1] : Ref::small(1).get();
  if (!is_number(start) || !is_number(step)) return raise(&exc_TypeError, "a number is required");
  ItObject* o = alloc_it(type, 2);
  o->refs[0] = Ref::new_ref(start).release();
  o->refs[1] = Ref::new_ref(step).release();
  return as_ref(o);
}
Ref count_next(Value self) {
  ItObject* o = it_of(self);
  Ref cur = Ref::new_ref(ref_at(o, 0));
  Ref next = binary_op(cur.get(), ref_at(o, 1), NumOp::Add);
  if (!next) return next;
  set_ref(o, 0, std::move(next));
  return cur;
}
Ref count_repr(Value self) {
  ItObject* o = it_of(self);
  std::string c, s;
  if (!repr_text(ref_at(o, 0), &c)) return Ref();
  Value step = ref_at(o, 1);
  int64_t one = 0;
  if (is_int_exact(step) && int_to_int64(step, &one) && one == 1)
    return str_new(tname(self) + "(" + c + ")");
  clear_exception();
  if (!repr_text(step, &s)) return Ref();
  return str_new(tname(self) + "(" + c + ", " + s + ")");
}

// ------------------------------------------------------------------ cycle(iterable)
// refs: [iterator (null once exhausted), saved list]; a: index into saved while replaying;
// b: "first pass" (set by __setstate__ when saved already holds what the iterator will give)

Ref cycle_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords_unless_init(type, &cycle_type, "cycle", kw) ||
      !check_positional("cycle", nargs, 1, 1))
    return Ref();
  Ref it = get_iter(args[0]);
  if (!it) return it;
  ItObject* o = alloc_it(type, 2);
  o->refs[0] = it.release();
  o->refs[1] = list_new().release();
  return as_ref(o);
}
Ref cycle_next(Value self) {
  ItObject* o = it_of(self);
  ListObject* saved = as_list(ref_at(o, 1));
  if (Value it = ref_at(o, 0)) {
    Ref item = iter_next(it);
    if (item) {
      if (o->b) return item;
      CriticalSection cs(saved);
      list_append(saved, item.get());
      return item;
    }
    if (error_pending()) return Ref();
    set_ref(o, 0, Ref());
    o->a = 0;
  }
  CriticalSection cs(saved);
  if (saved->items.empty()) return Ref();
  if (o->a >= static_cast<int64_t>(saved->items.size())) o->a = 0;
  Value v = saved->items[static_cast<size_t>(o->a++)];
  return Ref::new_ref(v);
}

// ------------------------------------------------------------------ repeat(object[, times])
// refs: [object]; a: remaining count, -1 = forever

Ref repeat_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("repeat", args, nargs, kw, {"object", "times"}, 1, a)) return Ref();
  int64_t times = -1;
  if (a[1]) {
    if (!index_int64(a[1], &times)) return Ref();
    if (times < 0) times = 0;
  }
  ItObject* o = alloc_it(type, 1);
  o->refs[0] = Ref::new_ref(a[0]).release();
  o->a = times;
  return as_ref(o);
}
Ref repeat_next(Value self) {
  ItObject* o = it_of(self);
  if (o->a == 0) return Ref();
  if (o->a > 0) o->a--;
  return Ref::new_ref(ref_at(o, 0));
}
Ref repeat_repr(Value self) {
  ItObject* o = it_of(self);
  std::string r;
  if (!repr_text(ref_at(o, 0), &r)) return Ref();
  if (o->a < 0) return str_new(tname(self) + "(" + r + ")");
  return str_new(fmt::format("{}({}, {})", tname(self), r, o->a));
}
Ref repeat_length_hint(Value self, const Value*, size_t, TupleObject*) {
  ItObject* o = it_of(self);
  if (o->a < 0) return raise(&exc_TypeError, "len() of unsized object");
  return int_from_int64(o->a);
}

// ------------------------------------------------------------------ accumulate
// refs: [iterator, func or null, total or null, initial or null]

Ref accumulate_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3];
  if (!parse_args("accumulate", args, nargs, kw, {"iterable", "func", "*", "initial"}, 1, a))
    return Ref();
  Ref it = get_iter(a[0]);
  if (!it) return it;
  ItObject* o = alloc_it(type, 4);
  o->refs[0] = it.release();
  if (a[1] && !is_none(a[1])) o->refs[1] = Ref::new_ref(a[1]).release();
  if (a[2] && !is_none(a[2])) o->refs[3] = Ref::new_ref(a[2]).release();
  return as_ref(o);
}
Ref accumulate_next(Value self) {
  ItObject* o = it_of(self);
  if (Value init = ref_at(o, 3)) {
    Ref total = Ref::new_ref(init);
    set_ref(o, 2, total.dup());
    set_ref(o, 3, Ref());
    return total;
  }
  Ref item = iter_next(ref_at(o, 0));
  if (!item) return item;
  Ref total;
  if (!ref_at(o, 2)) {
    total = std::move(item);
  } else if (Value f = ref_at(o, 1)) {
    total = call2(f, ref_at(o, 2), item.get());
  } else {
    total = binary_op(ref_at(o, 2), item.get(), NumOp::Add);
  }
  if (!total) return total;
  set_ref(o, 2, total.dup());
  return total;
}

// ------------------------------------------------------------------ chain(*iterables)
// refs: [source iterator (null when done), active iterator (null between iterables)]

Ref chain_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords_unless_init(type, &chain_type, "chain", kw)) return Ref();
  Ref t = tuple_from(args, nargs);
  Ref src = get_iter(t.get());
  if (!src) return src;
  ItObject* o = alloc_it(type, 2);
  o->refs[0] = src.release();
  return as_ref(o);
}
Ref chain_from_iterable(Value cls, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("chain.from_iterable", nargs, kw, 1, 1)) return Ref();
  Ref src = get_iter(args[0]);
  if (!src) return src;
  ItObject* o = alloc_it(static_cast<TypeObject*>(cls.obj()), 2);
  o->refs[0] = src.release();
  return as_ref(o);
}
Ref chain_next(Value self) {
  ItObject* o = it_of(self);
  for (;;) {
    if (!ref_at(o, 1)) {
      Value src = ref_at(o, 0);
      if (!src) return Ref();
      Ref next_iterable = iter_next(src);
      if (!next_iterable) {
        if (error_pending()) return Ref();
        set_ref(o, 0, Ref());
        return Ref();
      }
      Ref active = get_iter(next_iterable.get());
      if (!active) return active;
      set_ref(o, 1, std::move(active));
    }
    Ref item = iter_next(ref_at(o, 1));
    if (item || error_pending()) return item;
    set_ref(o, 1, Ref());
  }
}

// ------------------------------------------------------------------ compress(data, selectors)
// refs: [data iterator, selectors iterator]

Ref compress_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("compress", args, nargs, kw, {"data", "selectors"}, 2, a)) return Ref();
  Ref d = get_iter(a[0]);
  if (!d) return d;
  Ref s = get_iter(a[1]);
  if (!s) return s;
  ItObject* o = alloc_it(type, 2);
  o->refs[0] = d.release();
  o->refs[1] = s.release();
  return as_ref(o);
}
Ref compress_next(Value self) {
  ItObject* o = it_of(self);
  for (;;) {
    Ref d = iter_next(ref_at(o, 0));
    if (!d) return d;
    Ref s = iter_next(ref_at(o, 1));
    if (!s) return s;
    int t = truthy(s.get());
    if (t < 0) return Ref();
    if (t) return d;
  }
}

// ------------------------------------------------------------------ predicate iterators
// dropwhile/takewhile/filterfalse/starmap(func, iterable): refs [func, iterator]; a: state flag

Ref pred_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  TypeObject* base = type;  // the itertools type under a Python subclass
  while (base->flags & kTypeHeap) base = base->base;
  const char* name = base->name.c_str();
  if (!no_keywords_unless_init(type, base, name, kw) || !check_positional(name, nargs, 2, 2))
    return Ref();
  Ref it = get_iter(args[1]);
  if (!it) return it;
  ItObject* o = alloc_it(type, 2);
  o->refs[0] = Ref::new_ref(args[0]).release();
  o->refs[1] = it.release();
  return as_ref(o);
}
/// 1 / 0 for the predicate's verdict on item, -1 on error.
int pred_true(Value func, Value item) {
  Ref r = call1(func, item);
  if (!r) return -1;
  return truthy(r.get());
}
Ref dropwhile_next(Value self) {
  ItObject* o = it_of(self);
  for (;;) {
    Ref item = iter_next(ref_at(o, 1));
    if (!item) return item;
    if (o->a) return item;
    int t = pred_true(ref_at(o, 0), item.get());
    if (t < 0) return Ref();
    if (!t) {
      o->a = 1;
      return item;
    }
  }
}
Ref takewhile_next(Value self) {
  ItObject* o = it_of(self);
  if (o->a) return Ref();
  Ref item = iter_next(ref_at(o, 1));
  if (!item) return item;
  int t = pred_true(ref_at(o, 0), item.get());
  if (t < 0) return Ref();
  if (t) return item;
  o->a = 1;
  return Ref();
}
Ref filterfalse_next(Value self) {
  ItObject* o = it_of(self);
  for (;;) {
    Ref item = iter_next(ref_at(o, 1));
    if (!item) return item;
    Value f = ref_at(o, 0);
    int t = is_none(f) ? truthy(item.get()) : pred_true(f, item.get());
    if (t < 0) return Ref();
    if (!t) return item;
  }
}
Ref starmap_next(Value self) {
  ItObject* o = it_of(self);
  Ref item = iter_next(ref_at(o, 1));
  if (!item) return item;
  Ref args = type_of(item.get()) == &tuple_type ? std::move(item) : to_tuple(item.get());
  if (!args) return args;
  return call_tuple_dict(ref_at(o, 0), args.get(), Value());
}

// ------------------------------------------------------------------ groupby(iterable, key=None)
// groupby refs: [iterator, keyfunc or null, tgtkey, currkey, currvalue]; a: serial number of
// the current grouper (a grouper is valid only while it is the newest).
// _grouper refs: [parent groupby, tgtkey]; a: its serial number.

Ref groupby_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("groupby", args, nargs, kw, {"iterable", "key"}, 1, a)) return Ref();
  Ref it = get_iter(a[0]);
  if (!it) return it;
  ItObject* o = alloc_it(type, 5);
  o->refs[0] = it.release();
  if (a[1] && !is_none(a[1])) o->refs[1] = Ref::new_ref(a[1]).release();
  return as_ref(o);
}
/// Reads the next value and its key into currvalue/currkey; false at the end or on error.
bool groupby_step(ItObject* g) {
  Ref v = iter_next(ref_at(g, 0));
  if (!v) return false;
  Ref k = ref_at(g, 1) ? call1(ref_at(g, 1), v.get()) : v.dup();
  if (!k) return false;
  set_ref(g, 4, std::move(v));
  set_ref(g, 3, std::move(k));
  return true;
}
Ref groupby_next(Value self) {
  ItObject* g = it_of(self);
  g->a++;  // invalidates the previous grouper
  for (;;) {
    if (!ref_at(g, 3)) {
      // nothing read yet
    } else if (!ref_at(g, 2)) {
      break;
    } else {
      int eq = equal(ref_at(g, 2), ref_at(g, 3));
      if (eq < 0) return Ref();
      if (!eq) break;
    }
    if (!groupby_step(g)) return Ref();
  }
  set_ref(g, 2, Ref::new_ref(ref_at(g, 3)));
  ItObject* grouper = alloc_it(&grouper_type, 2);
  grouper->refs[0] = Ref::new_ref(self).release();
  grouper->refs[1] = Ref::new_ref(ref_at(g, 2)).release();
  grouper->a = g->a;
  Ref gr = as_ref(grouper);
  Value items[2] = {ref_at(g, 3), gr.get()};
  return tuple_from(items, 2);
}
Ref grouper_next(Value self) {
  ItObject* gr = it_of(self);
  ItObject* g = it_of(ref_at(gr, 0));
  if (g->a != gr->a) return Ref();
  if (!ref_at(g, 4)) {
    if (!groupby_step(g)) return Ref();
  }
  int eq = equal(ref_at(gr, 1), ref_at(g, 3));
  if (eq <= 0) return Ref();
  Ref r = Ref::new_ref(ref_at(g, 4));
  set_ref(g, 4, Ref());
  set_ref(g, 3, Ref());
  return r;
}
Ref grouper_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_kwargs("_grouper", kw) || !check_positional("_grouper", nargs, 2, 2)) return Ref();
  if (type_of(args[0]) != &groupby_type) {
    return raise_fmt(&exc_TypeError, "_grouper() argument 1 must be itertools.groupby, not {}",
                     type_name(args[0]));
  }
  ItObject* gr = alloc_it(type, 2);
  gr->refs[0] = Ref::new_ref(args[0]).release();
  gr->refs[1] = Ref::new_ref(args[1]).release();
  gr->a = it_of(args[0])->a;
  return as_ref(gr);
}

// ------------------------------------------------------------------ islice
// refs: [iterator or null]; a: next index to yield, b: stop (-1 = None), c: step; ints[0]: count
// read

bool islice_arg(Value v, int64_t* out, const char* msg) {
  if (is_none(v)) return true;
  if (!index_int64(v, out) || *out < 0) {
    clear_exception();
    raise(&exc_ValueError, msg);
    return false;
  }
  return true;
}
Ref islice_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords_unless_init(type, &islice_type, "islice", kw) ||
      !check_positional("islice", nargs, 2, 4))
    return Ref();
  int64_t start = 0, stop = -1, step = 1;
  if (nargs == 2) {
    if (!islice_arg(
            args[1], &stop,
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."))
      return Ref();
  } else {
    if (!islice_arg(args[1], &start,
                    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.") ||
        !islice_arg(
            args[2], &stop,
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."))
      return Ref();
    if (nargs == 4 && !is_none(args[3])) {
      if (!index_int64(args[3], &step) || step < 1) {
        clear_exception();
        return raise(&exc_ValueError, "Step for islice() must be a positive integer or None.");
      }
    }
  }
  Ref it = get_iter(args[0]);
  if (!it) return it;
  ItObject* o = alloc_it(type, 1);
  o->refs[0] = it.release();
  o->a = start;
  o->b = stop;
  o->c = step;
  o->ints.assign(1, 0);
  return as_ref(o);
}
Ref islice_next(Value self) {
  ItObject* o = it_of(self);
  Value it = ref_at(o, 0);
  if (!it) return Ref();
  int64_t& cnt = o->ints[0];
  while (cnt < o->a) {
    Ref skip = iter_next(it);
    if (!skip) goto empty;
    cnt++;
  }
  if (o->b != -1 && cnt >= o->b) goto empty;
  {
    Ref item = iter_next(it);
    if (!item) goto empty;
    // Unsigned steps, as CPython's (size_t) casts: a count or next index near 2**63 wraps
    // (and is caught below) instead of overflowing.
    cnt = static_cast<int64_t>(static_cast<uint64_t>(cnt) + 1);
    int64_t old = o->a;
    o->a = static_cast<int64_t>(static_cast<uint64_t>(o->a) + static_cast<uint64_t>(o->c));
    if (o->a < old || (o->b != -1 && o->a > o->b)) o->a = o->b;
    return item;
  }
empty:
  if (!error_pending()) set_ref(o, 0, Ref());
  return Ref();
}

// ------------------------------------------------------------------ pairwise(iterable)
// refs: [iterator or null, previous item or null]

Ref pairwise_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_keywords_unless_init(type, &pairwise_type, "pairwise", kw) ||
      !check_positional("pairwise", nargs, 1, 1))
    return Ref();
  Ref it = get_iter(args[0]);
  if (!it) return it;
  ItObject* o = alloc_it(type, 2);
  o->refs[0] = it.release();
  return as_ref(o);
}
Ref pairwise_next(Value self) {
  ItObject* o = it_of(self);
  Value it = ref_at(o, 0);
  if (!it) return Ref();
  if (!ref_at(o, 1)) {
    Ref first = iter_next(it);
    if (!first) {
      if (!error_pending()) set_ref(o, 0, Ref());
      return first;
    }
    set_ref(o, 1, std::move(first));
  }
  Ref next = iter_next(it);
  if (!next) {
    if (!error_pending()) {
      set_ref(o, 0, Ref());
      set_ref(o, 1, Ref());
    }
    return next;
  }
  Value items[2] = {ref_at(o, 1), next.get()};
  Ref pair = tuple_from(items, 2);
  set_ref(o, 1, std::move(next));
  return pair;
}

// ------------------------------------------------------------------ tee
// _tee_dataobject refs: [iterator, next link or null, values...]; a: values read (<= kTeeLink);
// b: 1 while its iterator's __next__ runs
// _tee refs: [data object]; a: index into it

}  // namespace

Ref itertools::teedata_make(Value it) {
  ItObject* d = alloc_it(&teedata_type, 2);
  d->refs[0] = Ref::new_ref(it).release();
  return as_ref(d);
}

namespace {

Ref tee_from_iterator(TypeObject* type, Value it) {
  ItObject* t = alloc_it(type, 1);
  t->refs[0] = teedata_make(it).release();
  return as_ref(t);
}
Ref tee_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_kwargs("_tee", kw) || !check_positional("_tee", nargs, 1, 1)) return Ref();
  Ref it = get_iter(args[0]);
  if (!it) return it;
  if (type_of(it.get()) == &tee_type) return call_method(it.get(), intern("__copy__"), nullptr, 0);
  return tee_from_iterator(type, it.get());
}
Ref tee_next(Value self) {
  ItObject* t = it_of(self);
  ItObject* d = it_of(ref_at(t, 0));
  if (t->a >= kTeeLink) {
    if (!ref_at(d, 1)) set_ref(d, 1, teedata_make(ref_at(d, 0)));
    set_ref(t, 0, Ref::new_ref(ref_at(d, 1)));
    t->a = 0;
    d = it_of(ref_at(t, 0));
  }
  if (t->a < d->a) return Ref::new_ref(d->refs[2 + static_cast<size_t>(t->a++)]);
  // d->b: the data object is inside its iterator's __next__. A second tee of the same data
  // (another thread while the GIL is dropped, or the __next__ itself) must not call it again:
  // CPython raises, and waiting for the first call could deadlock (test_tee_concurrent).
  if (d->b) return raise(&exc_RuntimeError, "cannot re-enter the tee iterator");
  d->b = 1;
  Ref v = iter_next(ref_at(d, 0));
  d->b = 0;
  if (!v) return v;
  {
    CriticalSection cs(d);
    d->refs.push_back(v.dup().release());
    d->a++;
  }
  t->a++;
  return v;
}
Ref tee_copy(Value self, const Value*, size_t, TupleObject*) {
  ItObject* t = it_of(self);
  ItObject* c = alloc_it(&tee_type, 1);
  c->refs[0] = Ref::new_ref(ref_at(t, 0)).release();
  c->a = t->a;
  return as_ref(c);
}
Ref itertools_tee(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!no_kwargs("tee", kw) || !check_positional("tee", nargs, 1, 2)) return Ref();
  int64_t n = 2;
  if (nargs == 2 && !index_int64(args[1], &n)) return Ref();
  if (n < 0) return raise(&exc_ValueError, "n must be >= 0");
  Ref result = tuple_new(static_cast<size_t>(n));
  if (n == 0) return result;
  Ref it = get_iter(args[0]);
  if (!it) return it;
  Ref first;
  if (type_lookup(type_of(it.get()), "__copy__")) {
    first = std::move(it);
  } else {
    first = tee_from_iterator(&tee_type, it.get());
  }
  tuple_set_steal(as_tuple(result.get()), 0, first.dup().release());
  for (int64_t i = 1; i < n; i++) {
    Ref c = call_method(first.get(), intern("__copy__"), nullptr, 0);
    if (!c) {
      // The tuple is private: fill the rest so that its dealloc sees only valid slots.
      for (int64_t j = i; j < n; j++)
        tuple_set_steal(as_tuple(result.get()), static_cast<size_t>(j), None());
      return Ref();
    }
    tuple_set_steal(as_tuple(result.get()), static_cast<size_t>(i), c.release());
  }
  return result;
}

// ------------------------------------------------------------------ zip_longest
// refs: [fillvalue, iterators... (None once exhausted)]; a: active count

Ref zip_longest_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value fill = None();
  size_t npos = nargs;
  if (kw) {
    for (size_t i = 0; i < kw->size; i++) {
      std::string k;
      str_text(kw->at(i), &k);
      if (k != "fillvalue") {
        return raise(&exc_TypeError, "zip_longest() got an unexpected keyword argument");
      }
      fill = args[nargs + i];
    }
  }
  ItObject* o = alloc_it(type, 1);
  Ref holder = as_ref(o);
  o->refs[0] = Ref::new_ref(fill).release();
  for (size_t i = 0; i < npos; i++) {
    Ref it = get_iter(args[i]);
    if (!it) return it;
    o->refs.push_back(it.release());
  }
  o->a = static_cast<int64_t>(npos);
  return holder;
}
Ref zip_longest_next(Value self) {
  ItObject* o = it_of(self);
  size_t n = o->refs.size() - 1;
  if (n == 0 || o->a == 0) return Ref();
  Ref result = tuple_new(n);
  for (size_t i = 0; i < n; i++) {
    Value it = ref_at(o, i + 1);
    Ref item;
    if (!is_none(it)) {
      item = iter_next(it);
      if (!item) {
        if (error_pending() || --o->a == 0) {
          for (size_t j = i; j < n; j++) tuple_set_steal(as_tuple(result.get()), j, None());
          o->a = 0;
          return Ref();
        }
        set_ref(o, i + 1, none_ref());
      }
    }
    if (!item) item = Ref::new_ref(ref_at(o, 0));
    tuple_set_steal(as_tuple(result.get()), i, item.release());
  }
  return result;
}

// ------------------------------------------------------------------ combinatorics
// product refs: [pools... (tuples)]; ints: indices; a: 1 once exhausted, b: 1 after the first
// combinations/cwr/permutations refs: [pool tuple]; ints: indices (+ cycles for permutations);
// a: exhausted, b: started, c: r

Ref product_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  int64_t repeat = 1;
  if (kw) {
    for (size_t i = 0; i < kw->size; i++) {
      std::string k;
      str_text(kw->at(i), &k);
      if (k != "repeat")
        return raise_fmt(&exc_TypeError, "product() got an unexpected keyword argument '{}'", k);
      if (!index_int64(args[nargs + i], &repeat)) return Ref();
    }
  }
  if (repeat < 0) return raise(&exc_ValueError, "repeat argument cannot be negative");
  std::vector<Ref> pools;
  for (size_t i = 0; i < nargs; i++) {
    Ref p = to_tuple(args[i]);
    if (!p) return p;
    pools.push_back(std::move(p));
  }
  ItObject* o = alloc_it(type, 0);
  Ref holder = as_ref(o);
  for (int64_t r = 0; r < (nargs ? repeat : 0); r++)
    for (const Ref& p : pools) o->refs.push_back(p.dup().release());
  o->ints.assign(o->refs.size(), 0);
  return holder;
}
Ref product_next(Value self) {
  ItObject* o = it_of(self);
  size_t n = o->refs.size();
  if (o->a) return Ref();
  if (!o->b) {
    o->b = 1;
    for (Value p : o->refs) {
      if (as_tuple(p)->size == 0) {
        o->a = 1;
        return Ref();
      }
    }
  } else {
    size_t i = n;
    while (i-- > 0) {
      if (++o->ints[i] < static_cast<int64_t>(as_tuple(o->refs[i])->size)) break;
      o->ints[i] = 0;
      if (i == 0) {
        o->a = 1;
        return Ref();
      }
    }
    if (n == 0) {
      o->a = 1;
      return Ref();
    }
  }
  Ref t = tuple_new(n);
  for (size_t i = 0; i < n; i++) {
    Value v = as_tuple(o->refs[i])->at(static_cast<size_t>(o->ints[i]));
    incref(v);
    tuple_set_steal(as_tuple(t.get()), i, v);
  }
  return t;
}

/// Shared constructor of combinations / combinations_with_replacement: (iterable, r).
Ref comb_new_common(TypeObject* type, const char* name, const Value* args, size_t nargs,
                    TupleObject* kw) {
  Value a[2];
  if (!parse_args(name, args, nargs, kw, {"iterable", "r"}, 2, a)) return Ref();
  Ref pool = to_tuple(a[0]);
  if (!pool) return pool;
  int64_t r;
  if (!index_int64(a[1], &r)) return Ref();
  if (r < 0) return raise(&exc_ValueError, "r must be non-negative");
  ItObject* o = alloc_it(type, 1);
  o->refs[0] = pool.release();
  o->c = r;
  o->ints.assign(static_cast<size_t>(r), 0);
  return as_ref(o);
}
Ref combinations_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Ref o = comb_new_common(type, "combinations", args, nargs, kw);
  if (o) {
    ItObject* c = it_of(o.get());
    for (int64_t i = 0; i < c->c; i++) c->ints[static_cast<size_t>(i)] = i;
  }
  return o;
}
Ref combinations_next(Value self) {
  ItObject* o = it_of(self);
  int64_t n = static_cast<int64_t>(as_tuple(ref_at(o, 0))->size), r = o->c;
  std::vector<int64_t>& idx = o->ints;
  if (o->a) return Ref();
  if (!o->b) {
    o->b = 1;
    if (r > n) {
      o->a = 1;
      return Ref();
    }
  } else {
    int64_t i = r - 1;
    while (i >= 0 && idx[static_cast<size_t>(i)] == i + n - r) i--;
    if (i < 0) {
      o->a = 1;
      return Ref();
    }
    idx[static_cast<size_t>(i)]++;
    for (int64_t j = i + 1; j < r; j++)
      idx[static_cast<size_t>(j)] = idx[static_cast<size_t>(j - 1)] + 1;
  }
  return tuple_of_indices(ref_at(o, 0), idx, static_cast<size_t>(r));
}
Ref cwr_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  return comb_new_common(type, "combinations_with_replacement", args, nargs, kw);
}
Ref cwr_next(Value self) {
  ItObject* o = it_of(self);
  int64_t n = static_cast<int64_t>(as_tuple(ref_at(o, 0))->size), r = o->c;
  std::vector<int64_t>& idx = o->ints;
  if (o->a) return Ref();
  if (!o->b) {
    o->b = 1;
    if (n == 0 && r > 0) {
      o->a = 1;
      return Ref();
    }
  } else {
    int64_t i = r - 1;
    while (i >= 0 && idx[static_cast<size_t>(i)] == n - 1) i--;
    if (i < 0) {
      o->a = 1;
      return Ref();
    }
    int64_t index = idx[static_cast<size_t>(i)] + 1;
    for (int64_t j = i; j < r; j++) idx[static_cast<size_t>(j)] = index;
  }
  return tuple_of_indices(ref_at(o, 0), idx, static_cast<size_t>(r));
}
Ref permutations_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("permutations", args, nargs, kw, {"iterable", "r"}, 1, a)) return Ref();
  Ref pool = to_tuple(a[0]);
  if (!pool) return pool;
  int64_t n = static_cast<int64_t>(as_tuple(pool.get())->size), r = n;
  if (a[1] && !is_none(a[1])) {
    if (!is_int(a[1])) return raise(&exc_TypeError, "Expected int as r");
    if (!index_int64(a[1], &r)) return Ref();
    if (r < 0) return raise(&exc_ValueError, "r must be non-negative");
  }
  ItObject* o = alloc_it(type, 1);
  o->refs[0] = pool.release();
  o->c = r;
  // ints: indices[0..n) then cycles[0..r)
  o->ints.resize(static_cast<size_t>(n + (r > n ? 0 : r)));
  for (int64_t i = 0; i < n; i++) o->ints[static_cast<size_t>(i)] = i;
  for (int64_t i = 0; i < r && r <= n; i++) o->ints[static_cast<size_t>(n + i)] = n - i;
  return as_ref(o);
}
Ref permutations_next(Value self) {
  ItObject* o = it_of(self);
  int64_t n = static_cast<int64_t>(as_tuple(ref_at(o, 0))->size), r = o->c;
  if (o->a) return Ref();
  int64_t* idx = o->ints.data();
  if (!o->b) {
    o->b = 1;
    if (r > n) {
      o->a = 1;
      return Ref();
    }
  } else {
    if (n == 0) {
      o->a = 1;
      return Ref();
    }
    int64_t* cycles = idx + n;
    int64_t i = r - 1;
    for (; i >= 0; i--) {
      if (--cycles[i] == 0) {
        int64_t index = idx[i];
        for (int64_t j = i; j < n - 1; j++) idx[j] = idx[j + 1];
        idx[n - 1] = index;
        cycles[i] = n - i;
      } else {
        int64_t j = cycles[i];
        std::swap(idx[i], idx[n - j]);
        break;
      }
    }
    if (i < 0) {
      o->a = 1;
      return Ref();
    }
  }
  return tuple_of_indices(ref_at(o, 0), o->ints, static_cast<size_t>(r));
}

// ------------------------------------------------------------------ registration

struct ItType {
  TypeObject* type;
  const char* name;
  NewFn new_;
  UnaryFn next;
  UnaryFn repr;
};

void ready_types() {
  const ItType kTypes[] = {
      {&count_type, "count", count_new, count_next, count_repr},
      {&cycle_type, "cycle", cycle_new, cycle_next, nullptr},
      {&repeat_type, "repeat", repeat_new, repeat_next, repeat_repr},
      {&accumulate_type, "accumulate", accumulate_new, accumulate_next, nullptr},
      {&chain_type, "chain", chain_new, chain_next, nullptr},
      {&compress_type, "compress", compress_new, compress_next, nullptr},
      {&dropwhile_type, "dropwhile", pred_new, dropwhile_next, nullptr},
      {&takewhile_type, "takewhile", pred_new, takewhile_next, nullptr},
      {&filterfalse_type, "filterfalse", pred_new, filterfalse_next, nullptr},
      {&starmap_type, "starmap", pred_new, starmap_next, nullptr},
      {&groupby_type, "groupby", groupby_new, groupby_next, nullptr},
      {&grouper_type, "_grouper", grouper_new, grouper_next, nullptr},
      {&islice_type, "islice", islice_new, islice_next, nullptr},
      {&pairwise_type, "pairwise", pairwise_new, pairwise_next, nullptr},
      {&tee_type, "_tee", tee_new, tee_next, nullptr},
      {&teedata_type, "_tee_dataobject", teedata_new, nullptr, nullptr},
      {&zip_longest_type, "zip_longest", zip_longest_new, zip_longest_next, nullptr},
      {&product_type, "product", product_new, product_next, nullptr},
      {&combinations_type, "combinations", combinations_new, combinations_next, nullptr},
      {&cwr_type, "combinations_with_replacement", cwr_new, cwr_next, nullptr},
      {&permutations_type, "permutations", permutations_new, permutations_next, nullptr},
  };
  for (const ItType& it : kTypes) {
    TypeObject* t = it.type;
    t->name = it.name;
    t->module = "itertools";
    // CPython lets these be subclassed, except the helper types.
    t->flags = it.name[0] == '_' ? 0 : kTypeBaseType;
    if (t == &tee_type) t->flags |= kTypeWeakrefable;  // CPython's _tee keeps a weakref list
    t->basic_size = sizeof(ItObject);
    t->subclass_dict_offset = offsetof(ItObject, dict);
    t->dealloc = it_dealloc;
    t->traverse = it_traverse;
    t->clear = it_clear;
    t->new_ = it.new_;
    if (it.next) {
      t->iter = self_iter;
      t->iternext = it.next;
    }
    if (it.repr) t->repr = it.repr;
    type_ready(t, &object_type);
  }
  add_method(&chain_type, "from_iterable", chain_from_iterable, kNativeClassMethod);
  add_class_getitem(&chain_type);
  add_method(&repeat_type, "__length_hint__", repeat_length_hint);
  add_method(&tee_type, "__copy__", tee_copy);
  add_pickling();
}

}  // namespace

bool init_itertools(Value module, DictObject* ns) {
  if (count_type.dict == nullptr) ready_types();
  for (TypeObject* t :
       {&count_type,       &cycle_type,       &repeat_type,    &accumulate_type,   &chain_type,
        &compress_type,    &dropwhile_type,   &takewhile_type, &filterfalse_type,  &starmap_type,
        &groupby_type,     &grouper_type,     &islice_type,    &pairwise_type,     &tee_type,
        &teedata_type,     &zip_longest_type, &product_type,   &combinations_type, &cwr_type,
        &permutations_type}) {
    dict_set_cstr(ns, t->name.c_str(), Value(t));
  }
  add_function(ns, module, "tee", itertools_tee);
  return true;
}

}  // namespace minipy::lib
