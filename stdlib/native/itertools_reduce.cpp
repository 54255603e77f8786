// Pickling of the itertools iterators: __reduce__ and __setstate__ with CPython 3.11's shapes
// (Modules/itertoolsmodule.c; deprecated in 3.12, but 3.11's pickle, copy and deepcopy use them
// and CPython's test_itertools checks them). Each __reduce__ gives (type, args[, state]) so that
// calling type(*args) and then __setstate__(state) rebuilds an iterator that continues where
// this one is; the layout each type keeps in ItObject is documented in itertools.cpp.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/itertools.h"

namespace minipy::lib::itertools {

using namespace rt;

namespace {

Value type_value(Value self) { return Value(type_of(self)); }
/// A stored reference, or None for an absent (null) one.
Value or_none(Value v) { return v ? v : None(); }

Ref tuple_of_ints(const int64_t* v, size_t n) {
  Ref t = tuple_new(n);
  for (size_t i = 0; i < n; i++)
    tuple_set_steal(as_tuple(t.get()), i, int_from_int64(v[i]).release());
  return t;
}

/// The state argument of a __setstate__ that CPython unpacks with PyArg_ParseTuple: a tuple of
/// min..max items, with that function's messages.
bool state_tuple(Value state, size_t min, size_t max) {
  if (!is_tuple(state)) {
    raise(&exc_TypeError, "state is not a tuple");
    return false;
  }
  size_t n = as_tuple(state)->size;
  if (n >= min && n <= max) return true;
  if (min == max) {
    raise_fmt(&exc_TypeError, "function takes exactly {} argument{} ({} given)", min,
              min == 1 ? "" : "s", n);
  } else if (n < min) {
    raise_fmt(&exc_TypeError, "function takes at least {} argument{} ({} given)", min,
              min == 1 ? "" : "s", n);
  } else {
    raise_fmt(&exc_TypeError, "function takes at most {} argument{} ({} given)", max,
              max == 1 ? "" : "s", n);
  }
  return false;
}

/// PyArg_ParseTuple's "i": an int through __index__, within C int.
bool state_cint(Value v, int64_t* out) {
  if (!index_int64(v, out)) return false;
  if (*out > INT32_MAX || *out < INT32_MIN) {
    raise(&exc_OverflowError, *out > 0 ? "signed integer is greater than maximum"
                                       : "signed integer is less than minimum");
    return false;
  }
  return true;
}

/// PyLong_AsSsize_t on an item of a state tuple (indices of the combinatoric iterators).
bool state_index(Value v, int64_t* out) { return iter_state_index(v, out); }

/// PyIter_Check: the object's type has __next__.
bool is_iterator(Value v) { return type_of(v)->iternext != nullptr; }

/// A tuple of `pool`'s items at `idx[0..n)` (all in range: the callers clamped them).
Ref pick(Value pool, const int64_t* idx, size_t n) {
  Ref t = tuple_new(n);
  for (size_t i = 0; i < n; i++) {
    Value v = as_tuple(pool)->at(static_cast<size_t>(idx[i]));
    incref(v);
    tuple_set_steal(as_tuple(t.get()), i, v);
  }
  return t;
}

// ------------------------------------------------------------------ count, repeat

/// (type, (n,)) while counting by 1 in C integers, as CPython's fast mode; else (type, (n, step)).
Ref count_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Value cur = ref_at(o, 0), step = ref_at(o, 1);
  int64_t c = 0, s = 0;
  bool fast = is_int_exact(cur) && is_int_exact(step) && int_to_int64(step, &s) && s == 1 &&
              int_to_int64(cur, &c) && c != INT64_MAX;
  if (!fast) clear_exception();
  Ref args = fast ? tuple_of({cur}) : tuple_of({cur, step});
  return tuple_of({type_value(self), args.get()});
}

Ref repeat_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  if (o->a < 0) {
    Ref args = tuple_of({ref_at(o, 0)});
    return tuple_of({type_value(self), args.get()});
  }
  Ref n = int_from_int64(o->a);
  Ref args = tuple_of({ref_at(o, 0), n.get()});
  return tuple_of({type_value(self), args.get()});
}

// ------------------------------------------------------------------ cycle

/// While the source still runs: (type, (source,), (saved, first_pass)). After: the replay as an
/// iterator over `saved` set to the next index, and first_pass True (saved already holds it).
Ref cycle_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Value saved = ref_at(o, 1);
  if (Value it = ref_at(o, 0)) {
    Ref args = tuple_of({it});
    Ref state = tuple_of({saved, o->b ? True() : False()});
    return tuple_of({type_value(self), args.get(), state.get()});
  }
  Ref it = get_iter(saved);
  if (!it) return it;
  int64_t n = static_cast<int64_t>(as_list(saved)->items.size());
  int64_t index = o->a >= n ? 0 : o->a;
  if (index != 0) {
    Ref i = int_from_int64(index);
    Value arg = i.get();
    Ref r = call_method(it.get(), intern("__setstate__"), &arg, 1);
    if (!r) return r;
  }
  Ref args = tuple_of({it.get()});
  Ref state = tuple_of({saved, True()});
  return tuple_of({type_value(self), args.get(), state.get()});
}

/// __setstate__((saved, first_pass)): saved must be a list.
Ref cycle_setstate(Value self, NativeArgs& a) {
  ItObject* o = it_of(self);
  Value state = a[0];
  if (!state_tuple(state, 2, 2)) return Ref();
  Value saved = as_tuple(state)->at(0);
  if (!is_list(saved)) {
    return raise_fmt(&exc_TypeError, "argument 1 must be list, not {}", type_name(saved));
  }
  int64_t first;
  if (!state_cint(as_tuple(state)->at(1), &first)) return Ref();
  set_ref(o, 1, Ref::new_ref(saved));
  o->b = first != 0;
  o->a = 0;
  return none_ref();
}

// ------------------------------------------------------------------ accumulate

/// CPython's three shapes: an initial value not yet produced is chained in front of the
/// source; a running total that is None itself (accumulate(..., func) over Nones) restarts from
/// chain((None,), source) minus its first output; otherwise the total is the state.
Ref accumulate_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Value it = ref_at(o, 0), func = or_none(ref_at(o, 1)), total = ref_at(o, 2);
  auto chained = [&](Value first) -> Ref {
    Ref head = tuple_of({first});
    Value args[2] = {head.get(), it};
    return call(Value(&chain_type), args, 2);
  };
  if (Value initial = ref_at(o, 3)) {
    Ref c = chained(initial);
    if (!c) return c;
    Ref args = tuple_of({c.get(), func});
    return tuple_of({type_value(self), args.get(), None()});
  }
  if (total && is_none(total)) {
    Ref c = chained(None());
    if (!c) return c;
    Value acc_args[2] = {c.get(), func};
    Ref acc = call(type_value(self), acc_args, 2);
    if (!acc) return acc;
    Ref one = Ref::small(1);
    Ref args = tuple_of({acc.get(), one.get(), None()});
    return tuple_of({Value(&islice_type), args.get()});
  }
  Ref args = tuple_of({it, func});
  return tuple_of({type_value(self), args.get(), or_none(total)});
}

Ref accumulate_setstate(Value self, NativeArgs& a) {
  set_ref(it_of(self), 2, Ref::new_ref(a[0]));
  return none_ref();
}

// ------------------------------------------------------------------ chain

/// (type, (), (source[, active])), or (type, ()) once exhausted: a chain made by from_iterable
/// is rebuilt the same way, its source set back by __setstate__.
Ref chain_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Ref empty = tuple_new(0);
  Value src = ref_at(o, 0), active = ref_at(o, 1);
  if (!src) return tuple_of({type_value(self), empty.get()});
  Ref state = active ? tuple_of({src, active}) : tuple_of({src});
  return tuple_of({type_value(self), empty.get(), state.get()});
}

Ref chain_setstate(Value self, NativeArgs& a) {
  ItObject* o = it_of(self);
  Value state = a[0];
  if (!state_tuple(state, 1, 2)) return Ref();
  TupleObject* t = as_tuple(state);
  Value src = t->at(0), active = t->size > 1 ? t->at(1) : Value();
  if (!is_iterator(src) || (active && !is_iterator(active))) {
    return raise(&exc_TypeError, "Arguments must be iterators.");
  }
  set_ref(o, 0, Ref::new_ref(src));
  set_ref(o, 1, active ? Ref::new_ref(active) : Ref());
  return none_ref();
}

// ------------------------------------------------------------------ two-reference iterators

/// (type, (refs[0], refs[1])): compress(data, selectors), filterfalse/starmap(func, iterable).
Ref pair_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Ref args = tuple_of({ref_at(o, 0), ref_at(o, 1)});
  return tuple_of({type_value(self), args.get()});
}

/// dropwhile/takewhile: (type, (func, iterable), flag) with the flag set back by __setstate__.
Ref pred_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Ref args = tuple_of({ref_at(o, 0), ref_at(o, 1)});
  Ref flag = Ref::small(o->a ? 1 : 0);
  return tuple_of({type_value(self), args.get(), flag.get()});
}

Ref pred_setstate(Value self, NativeArgs& a) {
  int t = truthy(a[0]);
  if (t < 0) return Ref();
  it_of(self)->a = t;
  return none_ref();
}

// ------------------------------------------------------------------ groupby, _grouper

/// (type, (iterator, keyfunc)) plus, once a group was started, (currkey, currvalue, tgtkey).
Ref groupby_reduce(Value self, NativeArgs&) {
  ItObject* g = it_of(self);
  Ref args = tuple_of({ref_at(g, 0), or_none(ref_at(g, 1))});
  Value tgt = ref_at(g, 2), currkey = ref_at(g, 3), currvalue = ref_at(g, 4);
  if (!tgt || !currkey || !currvalue) return tuple_of({type_value(self), args.get()});
  Ref state = tuple_of({currkey, currvalue, tgt});
  return tuple_of({type_value(self), args.get(), state.get()});
}

Ref groupby_setstate(Value self, NativeArgs& a) {
  ItObject* g = it_of(self);
  Value state = a[0];
  if (!state_tuple(state, 3, 3)) return Ref();
  TupleObject* t = as_tuple(state);
  set_ref(g, 3, Ref::new_ref(t->at(0)));
  set_ref(g, 4, Ref::new_ref(t->at(1)));
  set_ref(g, 2, Ref::new_ref(t->at(2)));
  return none_ref();
}

/// (type, (parent, tgtkey)) for the current group; an outdated one is (iter, ((),)).
Ref grouper_reduce(Value self, NativeArgs&) {
  ItObject* gr = it_of(self);
  Value parent = ref_at(gr, 0);
  if (it_of(parent)->a != gr->a) {
    Ref empty = tuple_new(0);
    return iter_reduce_exhausted(empty.get());
  }
  Ref args = tuple_of({parent, ref_at(gr, 1)});
  return tuple_of({type_value(self), args.get()});
}

// ------------------------------------------------------------------ islice

/// (type, (iterator, next, stop, step), count read); once exhausted, an empty list iterator.
Ref islice_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Value it = ref_at(o, 0);
  if (!it) {
    Ref empty = list_new();
    Ref eit = get_iter(empty.get());
    Ref zero = Ref::small(0);
    Ref args = tuple_of({eit.get(), zero.get()});
    return tuple_of({type_value(self), args.get(), zero.get()});
  }
  Ref next = int_from_int64(o->a), step = int_from_int64(o->c);
  Ref stop = o->b == -1 ? none_ref() : int_from_int64(o->b);
  Ref cnt = int_from_int64(o->ints[0]);
  Ref args = tuple_of({it, next.get(), stop.get(), step.get()});
  return tuple_of({type_value(self), args.get(), cnt.get()});
}

Ref islice_setstate(Value self, NativeArgs& a) {
  int64_t cnt;
  if (!iter_state_index(a[0], &cnt)) return Ref();
  it_of(self)->ints[0] = cnt;
  return none_ref();
}

// ------------------------------------------------------------------ tee

/// _tee: (type, ((),), (data object, index)): an empty tee whose state is then set.
Ref tee_reduce(Value self, NativeArgs&) {
  ItObject* t = it_of(self);
  Ref empty = tuple_new(0);
  Ref args = tuple_of({empty.get()});
  Ref index = int_from_int64(t->a);
  Ref state = tuple_of({ref_at(t, 0), index.get()});
  return tuple_of({type_value(self), args.get(), state.get()});
}

Ref tee_setstate(Value self, NativeArgs& a) {
  ItObject* t = it_of(self);
  Value state = a[0];
  if (!state_tuple(state, 2, 2)) return Ref();
  Value data = as_tuple(state)->at(0);
  if (type_of(data) != &teedata_type) {
    return raise_fmt(&exc_TypeError, "argument 1 must be itertools._tee_dataobject, not {}",
                     type_name(data));
  }
  int64_t index;
  if (!state_cint(as_tuple(state)->at(1), &index)) return Ref();
  if (index < 0 || index > kTeeLink) return raise(&exc_ValueError, "Index out of range");
  set_ref(t, 0, Ref::new_ref(data));
  t->a = index;
  return none_ref();
}

/// _tee_dataobject: (type, (iterator, values read, next link or None)).
Ref teedata_reduce(Value self, NativeArgs&) {
  ItObject* d = it_of(self);
  Ref values = list_new();
  for (int64_t i = 0; i < d->a; i++)
    list_append(as_list(values.get()), d->refs[2 + static_cast<size_t>(i)]);
  Ref args = tuple_of({ref_at(d, 0), values.get(), or_none(ref_at(d, 1))});
  return tuple_of({type_value(self), args.get()});
}

}  // namespace

/// _tee_dataobject(iterator, values, next): only a full link (kTeeLink values) has a next one.
Ref teedata_new(TypeObject*, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size > 0)
    return raise(&exc_TypeError, "_tee_dataobject() takes no keyword arguments");
  if (nargs != 3) {
    return raise_fmt(&exc_TypeError, "_tee_dataobject expected 3 arguments, got {}", nargs);
  }
  Value it = args[0], values = args[1], next = args[2];
  if (!is_list(values)) {
    return raise_fmt(&exc_TypeError, "_tee_dataobject() argument 2 must be list, not {}",
                     type_name(values));
  }
  ListObject* l = as_list(values);
  int64_t n = static_cast<int64_t>(l->items.size());
  bool bad = n > kTeeLink ||
             (n == kTeeLink ? !is_none(next) && type_of(next) != &teedata_type : !is_none(next));
  if (bad) return raise(&exc_ValueError, "Invalid arguments");
  Ref d = teedata_make(it);
  ItObject* o = it_of(d.get());
  for (Value v : l->items) o->refs.push_back(Ref::new_ref(v).release());
  o->a = n;
  if (!is_none(next)) set_ref(o, 1, Ref::new_ref(next));
  return d;
}

namespace {

// ------------------------------------------------------------------ zip_longest

/// (type, iterators with () for the exhausted ones, fillvalue).
Ref zip_longest_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  size_t n = o->refs.size() - 1;
  Ref its = tuple_new(n);
  for (size_t i = 0; i < n; i++) {
    Value it = ref_at(o, i + 1);
    Ref item = is_none(it) ? tuple_new(0) : Ref::new_ref(it);
    tuple_set_steal(as_tuple(its.get()), i, item.release());
  }
  return tuple_of({type_value(self), its.get(), ref_at(o, 0)});
}

Ref zip_longest_setstate(Value self, NativeArgs& a) {
  set_ref(it_of(self), 0, Ref::new_ref(a[0]));
  return none_ref();
}

// ------------------------------------------------------------------ product

/// (type, pools[, indices]): (type, ((),)) once stopped; the indices once started.
Ref product_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  if (o->a) {
    Ref empty = tuple_new(0);
    Ref args = tuple_of({empty.get()});
    return tuple_of({type_value(self), args.get()});
  }
  Ref pools = tuple_from(o->refs.data(), o->refs.size());
  if (!o->b) return tuple_of({type_value(self), pools.get()});
  Ref indices = tuple_of_ints(o->ints.data(), o->ints.size());
  return tuple_of({type_value(self), pools.get(), indices.get()});
}

Ref product_setstate(Value self, NativeArgs& a) {
  ItObject* o = it_of(self);
  Value state = a[0];
  size_t n = o->refs.size();
  if (!is_tuple(state) || as_tuple(state)->size != n) {
    return raise(&exc_ValueError, "invalid arguments");
  }
  for (size_t i = 0; i < n; i++) {
    int64_t index;
    if (!state_index(as_tuple(state)->at(i), &index)) return Ref();
    int64_t size = static_cast<int64_t>(as_tuple(o->refs[i])->size);
    if (size == 0) {
      o->a = 1;
      return none_ref();
    }
    o->ints[i] = std::clamp<int64_t>(index, 0, size - 1);
  }
  o->b = 1;
  return none_ref();
}

// ------------------------------------------------------------------ combinations, cwr

/// (type, (pool, r)) before the first item, (type, ((), r)) once stopped, else with the indices.
Ref comb_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Ref r = int_from_int64(o->c);
  if (!o->b || o->a) {
    Ref pool = o->b ? tuple_new(0) : Ref::new_ref(ref_at(o, 0));
    Ref args = tuple_of({pool.get(), r.get()});
    return tuple_of({type_value(self), args.get()});
  }
  Ref args = tuple_of({ref_at(o, 0), r.get()});
  Ref indices = tuple_of_ints(o->ints.data(), static_cast<size_t>(o->c));
  return tuple_of({type_value(self), args.get(), indices.get()});
}

/// The common part of both __setstate__s: a tuple of r indices, each clamped by `clamp`.
template <typename Clamp>
Ref comb_setstate_with(Value self, Value state, Clamp clamp) {
  ItObject* o = it_of(self);
  int64_t n = static_cast<int64_t>(as_tuple(ref_at(o, 0))->size), r = o->c;
  if (!is_tuple(state) || static_cast<int64_t>(as_tuple(state)->size) != r) {
    return raise(&exc_ValueError, "invalid arguments");
  }
  std::vector<int64_t> idx(static_cast<size_t>(r));
  for (int64_t i = 0; i < r; i++) {
    if (!state_index(as_tuple(state)->at(static_cast<size_t>(i)), &idx[static_cast<size_t>(i)]))
      return Ref();
    idx[static_cast<size_t>(i)] = clamp(idx[static_cast<size_t>(i)], i, n);
  }
  // Every index must name an item (CPython reads pool[index] here); an empty pool has none.
  if (r > 0 && n == 0) {
    o->a = 1;
    o->b = 1;
    return none_ref();
  }
  o->ints = std::move(idx);
  o->b = 1;
  return none_ref();
}

Ref combinations_setstate(Value self, NativeArgs& a) {
  int64_t r = it_of(self)->c;
  return comb_setstate_with(self, a[0], [r](int64_t index, int64_t i, int64_t n) {
    int64_t max = i + n - r;
    if (index > max) index = max;
    return index < 0 ? 0 : index;
  });
}

Ref cwr_setstate(Value self, NativeArgs& a) {
  return comb_setstate_with(self, a[0], [](int64_t index, int64_t, int64_t n) {
    return std::clamp<int64_t>(index, 0, n > 0 ? n - 1 : 0);
  });
}

// ------------------------------------------------------------------ permutations

/// (type, (pool, r)[, (indices, cycles)]) as combinations, with the cycles too.
Ref permutations_reduce(Value self, NativeArgs&) {
  ItObject* o = it_of(self);
  Ref r = int_from_int64(o->c);
  if (!o->b || o->a) {
    Ref pool = o->b ? tuple_new(0) : Ref::new_ref(ref_at(o, 0));
    Ref args = tuple_of({pool.get(), r.get()});
    return tuple_of({type_value(self), args.get()});
  }
  size_t n = as_tuple(ref_at(o, 0))->size;
  Ref indices = tuple_of_ints(o->ints.data(), n);
  Ref cycles = tuple_of_ints(o->ints.data() + n, static_cast<size_t>(o->c));
  Ref args = tuple_of({ref_at(o, 0), r.get()});
  Ref state = tuple_of({indices.get(), cycles.get()});
  return tuple_of({type_value(self), args.get(), state.get()});
}

Ref permutations_setstate(Value self, NativeArgs& a) {
  ItObject* o = it_of(self);
  Value state = a[0];
  if (!state_tuple(state, 2, 2)) return Ref();
  Value indices = as_tuple(state)->at(0), cycles = as_tuple(state)->at(1);
  for (int i = 0; i < 2; i++) {
    Value v = i == 0 ? indices : cycles;
    if (!is_tuple(v)) {
      return raise_fmt(&exc_TypeError, "argument {} must be tuple, not {}", i + 1, type_name(v));
    }
  }
  int64_t n = static_cast<int64_t>(as_tuple(ref_at(o, 0))->size), r = o->c;
  if (static_cast<int64_t>(as_tuple(indices)->size) != n ||
      static_cast<int64_t>(as_tuple(cycles)->size) != r || r > n) {
    return raise(&exc_ValueError, "invalid arguments");
  }
  std::vector<int64_t> ints(static_cast<size_t>(n + r));
  for (int64_t i = 0; i < n; i++) {
    int64_t index;
    if (!state_index(as_tuple(indices)->at(static_cast<size_t>(i)), &index)) return Ref();
    ints[static_cast<size_t>(i)] = std::clamp<int64_t>(index, 0, n - 1);
  }
  for (int64_t i = 0; i < r; i++) {
    int64_t index;
    if (!state_index(as_tuple(cycles)->at(static_cast<size_t>(i)), &index)) return Ref();
    ints[static_cast<size_t>(n + i)] = std::clamp<int64_t>(index, 1, n - i);
  }
  o->ints = std::move(ints);
  o->b = 1;
  return none_ref();
}

// ------------------------------------------------------------------ tables

constexpr const char* kReduceDoc = "Return state information for pickling.";
constexpr const char* kSetstateDoc = "Set state information for unpickling.";

#define REDUCE(fn) \
  { "__reduce__($self, /)", fn, 0, kReduceDoc }
#define SETSTATE(fn) \
  { "__setstate__($self, state, /)", fn, 0, kSetstateDoc }

const NativeDef kCount[] = {REDUCE(count_reduce)};
const NativeDef kRepeat[] = {REDUCE(repeat_reduce)};
const NativeDef kCycle[] = {REDUCE(cycle_reduce), SETSTATE(cycle_setstate)};
const NativeDef kAccumulate[] = {REDUCE(accumulate_reduce), SETSTATE(accumulate_setstate)};
const NativeDef kChain[] = {REDUCE(chain_reduce), SETSTATE(chain_setstate)};
const NativeDef kPair[] = {REDUCE(pair_reduce)};
const NativeDef kPred[] = {REDUCE(pred_reduce), SETSTATE(pred_setstate)};
const NativeDef kGroupby[] = {REDUCE(groupby_reduce), SETSTATE(groupby_setstate)};
const NativeDef kGrouper[] = {REDUCE(grouper_reduce)};
const NativeDef kIslice[] = {REDUCE(islice_reduce), SETSTATE(islice_setstate)};
const NativeDef kTee[] = {REDUCE(tee_reduce), SETSTATE(tee_setstate)};
const NativeDef kTeedata[] = {REDUCE(teedata_reduce)};
const NativeDef kZipLongest[] = {REDUCE(zip_longest_reduce), SETSTATE(zip_longest_setstate)};
const NativeDef kProduct[] = {REDUCE(product_reduce), SETSTATE(product_setstate)};
const NativeDef kCombinations[] = {REDUCE(comb_reduce), SETSTATE(combinations_setstate)};
const NativeDef kCwr[] = {REDUCE(comb_reduce), SETSTATE(cwr_setstate)};
const NativeDef kPermutations[] = {REDUCE(permutations_reduce), SETSTATE(permutations_setstate)};

#undef REDUCE
#undef SETSTATE

}  // namespace

void add_pickling() {
  add_methods(&count_type, kCount);
  add_methods(&repeat_type, kRepeat);
  add_methods(&cycle_type, kCycle);
  add_methods(&accumulate_type, kAccumulate);
  add_methods(&chain_type, kChain);
  add_methods(&compress_type, kPair);
  add_methods(&filterfalse_type, kPair);
  add_methods(&starmap_type, kPair);
  add_methods(&dropwhile_type, kPred);
  add_methods(&takewhile_type, kPred);
  add_methods(&groupby_type, kGroupby);
  add_methods(&grouper_type, kGrouper);
  add_methods(&islice_type, kIslice);
  add_methods(&tee_type, kTee);
  add_methods(&teedata_type, kTeedata);
  add_methods(&zip_longest_type, kZipLongest);
  add_methods(&product_type, kProduct);
  add_methods(&combinations_type, kCombinations);
  add_methods(&cwr_type, kCwr);
  add_methods(&permutations_type, kPermutations);
}

}  // namespace minipy::lib::itertools
