// module, cell, bound method, slice, range, property, staticmethod, classmethod and the
// generic sequence iterator.
#include "runtime/objects/misc.h"

#include <algorithm>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject module_type, cell_type, method_type, slice_type, range_type, property_type;
TypeObject staticmethod_type, classmethod_type, seq_iter_type, range_iter_type;

static Ref self_iter(Value v) { return Ref::new_ref(v); }

// ---------------------------------------------------------------- module

/// A module's namespace entries as CPython's module_init_dict: __name__, __doc__ and the import
/// attributes (None until the import system fills them).
static void module_init_dict(DictObject* d, Value name, Value doc) {
  dict_set_str(d, names::name, name);
  dict_set_str(d, names::doc, doc);
  dict_set_str(d, names::package, None());
  dict_set_str(d, names::loader, None());
  dict_set_str(d, names::spec, None());
}

/// An empty module of `type` (module or a subclass), as CPython's new_module.
static ModuleObject* module_alloc(TypeObject* type) {
  auto* m = alloc_instance<ModuleObject>(type);
  m->dict = static_cast<DictObject*>(dict_new().release().obj());
  return m;
}

Ref module_new(std::string_view name) {
  ModuleObject* m = module_alloc(&module_type);
  Ref n = str_new(name);
  module_init_dict(m->dict, n.get(), None());
  return Ref::steal(Value(m));
}

static void module_dealloc(Object* o) {
  auto* m = static_cast<ModuleObject*>(o);
  decref(m->dict);
  delete m;
}

static void module_traverse(Object* o, VisitFn visit, void* arg) {
  if (DictObject* d = static_cast<ModuleObject*>(o)->dict) visit(d, arg);
}

static Ref module_repr(Value v) {
  DictObject* d = module_dict(v);
  Value n = dict_get_str(d, names::name);
  Value f = dict_get_str(d, names::file);
  std::string name = (n && is_str(n)) ? std::string(as_str(n)->view()) : "?";
  if (f && is_str(f)) return str_new(fmt::format("<module '{}' from '{}'>", name, as_str(f)->view()));
  return str_new(fmt::format("<module '{}' (built-in)>", name));
}

static Ref module_getattr(Value self, StrObject* name) {
  Value v = dict_get_str(module_dict(self), name);
  if (v) return Ref::new_ref(v);
  Ref r = generic_getattr_noerror(self, name);
  if (r || error_pending()) return r;
  // Held while it runs: a module __getattr__ may delete itself (test_module's bad_getattr3).
  Ref ga = dict_get_str_ref(module_dict(self), intern("__getattr__"));
  if (ga) return call1(ga.get(), Value(name));
  return raise_attribute_error(self, name);
}

static bool module_setattr(Value self, StrObject* name, Value v) {
  // A data descriptor of the class comes first (__class__, a ModuleType subclass's property),
  // as with CPython's generic setattr; any other name goes to the namespace.
  if (Value d = type_lookup(type_of(self), name); d && type_of(d)->descr_set != nullptr) {
    return type_of(d)->descr_set(d, self, v);
  }
  if (v) return dict_set_str(module_dict(self), name, v);
  int r = dict_del(module_dict(self), Value(name));
  if (r == 0) raise_attribute_error(self, name);
  return r == 1;
}

static Ref module_get_dict(Value self) { return Ref::new_ref(Value(module_dict(self))); }

/// module.__annotations__: the namespace's entry, made (empty) on first read, as CPython 3.10's
/// module_get_annotations.
static Ref module_get_annotations(Value self) {
  StrObject* key = intern("__annotations__");
  Ref v = dict_get_str_ref(module_dict(self), key);
  if (v) return v;
  Ref d = dict_new();
  if (!dict_set_str(module_dict(self), key, d.get())) return Ref();
  return d;
}

/// module.__annotations__ = d / del module.__annotations__: the namespace's entry (CPython's
/// module_set_annotations; deleting a missing one is AttributeError).
static bool module_set_annotations(Value self, Value v) {
  StrObject* key = intern("__annotations__");
  if (v) return dict_set_str(module_dict(self), key, v);
  int r = dict_del(module_dict(self), Value(key));
  if (r == 0) raise(&exc_AttributeError, "__annotations__");
  return r == 1;
}

/// dir(module): the names in the module's namespace (a module __dir__ function wins).
static Ref module_dir(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__dir__", nargs, kw, 0, 0)) return Ref();
  // Through the __dict__ attribute, as CPython's module_dir: a subclass may replace it.
  Ref dict = getattr(self, names::dict);
  if (!dict) return dict;
  if (!is_dict(dict.get())) return raise(&exc_TypeError, "<module>.__dict__ is not a dictionary");
  Ref custom = dict_get_str_ref(as_dict(dict.get()), intern("__dir__"));
  if (custom) return call0(custom.get());
  return list_from_iterable(dict.get());
}

// module.__new__ makes an empty module of the type asked for (a subclass keeps its class:
// importlib's _LazyModule, ModuleType subclasses with hooks); module.__init__(name, doc=None)
// names it. types.ModuleType.__new__(ModuleType) is an uninitialised module without __name__.
static Ref module_new_slot(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(module_alloc(type)));
}

static bool module_init_slot(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value name = nargs > 0 ? args[0] : Value(), doc = nargs > 1 ? args[1] : Value();
  size_t nkw = kw != nullptr ? kw->size : 0;
  if (nargs > 2 || nargs + nkw > 2) {
    raise_fmt(&exc_TypeError, "module() takes at most 2 arguments ({} given)", nargs + nkw);
    return false;
  }
  std::string_view unknown;
  for (size_t i = 0; i < nkw; i++) {
    std::string_view k = as_str(kw->at(i))->view();
    Value* slot = k == "name" ? &name : k == "doc" ? &doc : nullptr;
    if (slot == nullptr) {
      if (unknown.empty()) unknown = k;
      continue;
    }
    if (*slot) {
      raise_fmt(&exc_TypeError, "argument for module() given by name ('{}') and position ({})", k,
                k == "name" ? 1 : 2);
      return false;
    }
    *slot = args[nargs + i];
  }
  if (!name) {
    raise(&exc_TypeError, "module() missing required argument 'name' (pos 1)");
    return false;
  }
  if (!unknown.empty()) {
    raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for module()", unknown);
    return false;
  }
  if (!is_str(name)) {
    raise_fmt(&exc_TypeError, "module() argument 'name' must be str, not {}", type_name(name));
    return false;
  }
  module_init_dict(module_dict(self), name, doc ? doc : None());
  return true;
}

// ---------------------------------------------------------------- cell

Ref cell_new(Value v) {
  auto* c = alloc_instance<CellObject>(&cell_type);
  incref(v);
  c->ref = v;
  return Ref::steal(Value(c));
}

static void cell_dealloc(Object* o) {
  auto* c = static_cast<CellObject*>(o);
  decref(c->ref);
  delete c;
}

static void cell_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<CellObject*>(o)->ref, visit, arg);
}
static void cell_clear(Object* o) {
  auto* c = static_cast<CellObject*>(o);
  Value v = c->ref;
  c->ref = Value();
  decref(v);
}

static Ref cell_get_contents(Value self) {
  Value v = static_cast<CellObject*>(self.obj())->ref;
  if (!v) return raise(&exc_ValueError, "Cell is empty");
  return Ref::new_ref(v);
}

// ---------------------------------------------------------------- bound method

Ref method_new(Value func, Value self) {
  auto* m = alloc_instance<MethodObject>(&method_type);
  m->func = Ref::new_ref(func);
  m->self = Ref::new_ref(self);
  return Ref::steal(Value(m));
}

static void method_dealloc(Object* o) { delete static_cast<MethodObject*>(o); }
static void method_traverse(Object* o, VisitFn visit, void* arg) {
  auto* m = static_cast<MethodObject*>(o);
  visit_value(m->func, visit, arg);
  visit_value(m->self, visit, arg);
}

static Ref method_call(Value callable, const Value* args, size_t nargs, TupleObject* kwnames) {
  auto* m = static_cast<MethodObject*>(callable.obj());
  return call_with_self(m->func.get(), m->self.get(), args, nargs, kwnames);
}

static Ref method_repr(Value v) {
  auto* m = static_cast<MethodObject*>(v.obj());
  // As CPython's method_repr: __qualname__, else __name__, else (or when not a str) '?'.
  Ref qn = getattr_opt(m->func.get(), names::qualname);
  if (!qn && !error_pending()) qn = getattr_opt(m->func.get(), names::name);
  if (!qn && error_pending()) return Ref();
  std::string q = "?";
  if (qn && is_str(qn.get())) q = std::string(as_str(qn.get())->view());
  std::string sr;
  if (!repr_text(m->self.get(), &sr)) return Ref();
  return str_new(fmt::format("<bound method {} of {}>", q, sr));
}

static Ref method_getattr(Value self, StrObject* name) {
  Ref r = generic_getattr_noerror(self, name);
  if (r || error_pending()) return r;
  return getattr(static_cast<MethodObject*>(self.obj())->func.get(), name);
}

static Ref method_get_func(Value self) { return static_cast<MethodObject*>(self.obj())->func.dup(); }
static Ref method_get_self(Value self) { return static_cast<MethodObject*>(self.obj())->self.dup(); }

static Ref method_richcompare(Value a, Value b, CmpOp op) {
  if (type_of(b) != &method_type || (op != CmpOp::Eq && op != CmpOp::Ne)) return not_implemented_ref();
  auto* x = static_cast<MethodObject*>(a.obj());
  auto* y = static_cast<MethodObject*>(b.obj());
  bool eq = x->func.get() == y->func.get() && x->self.get() == y->self.get();
  return bool_ref(op == CmpOp::Eq ? eq : !eq);
}

static bool method_hash(Value v, int64_t* out) {
  auto* m = static_cast<MethodObject*>(v.obj());
  *out = static_cast<int64_t>((m->func.get().bits() ^ m->self.get().bits()) >> 3);
  return true;
}

// ---------------------------------------------------------------- slice

Ref slice_new(Value start, Value stop, Value step) {
  auto* s = alloc_instance<SliceObject>(&slice_type);
  s->start = Ref::new_ref(start ? start : None());
  s->stop = Ref::new_ref(stop ? stop : None());
  s->step = Ref::new_ref(step ? step : None());
  return Ref::steal(Value(s));
}

static bool slice_bound(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = v.small();
    return true;
  }
  if (!is_int(v) && type_of(v)->nb_index == nullptr) {
    raise(&exc_TypeError, "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  Ref i = number_index(v);
  if (!i) return false;
  if (i.get().is_small()) {
    *out = i.get().small();
    return true;
  }
  *out = int_sign(i.get()) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;  // clamp like PySlice_Unpack
  return true;
}

bool slice_indices(SliceObject* s, int64_t length, int64_t* start, int64_t* stop, int64_t* step,
                   int64_t* slicelength) {
  *step = 1;
  if (!is_none(s->step.get())) {
    if (!slice_bound(s->step.get(), step)) return false;
    if (*step == 0) {
      raise(&exc_ValueError, "slice step cannot be zero");
      return false;
    }
  }
  int64_t lower = *step < 0 ? -1 : 0;
  int64_t upper = *step < 0 ? length - 1 : length;
  auto resolve = [&](Value v, int64_t dflt, int64_t* out) {
    if (is_none(v)) {
      *out = dflt;
      return true;
    }
    if (!slice_bound(v, out)) return false;
    if (*out < 0) {
      *out += length;
      if (*out < lower) *out = lower;
    } else if (*out > upper) {
      *out = upper;
    }
    return true;
  };
  if (!resolve(s->start.get(), *step < 0 ? upper : lower, start)) return false;
  if (!resolve(s->stop.get(), *step < 0 ? lower : upper, stop)) return false;
  if (*step > 0) {
    *slicelength = *start < *stop ? (*stop - *start - 1) / *step + 1 : 0;
  } else {
    *slicelength = *stop < *start ? (*start - *stop - 1) / (-*step) + 1 : 0;
  }
  return true;
}

static void slice_dealloc(Object* o) { delete static_cast<SliceObject*>(o); }
static void slice_traverse(Object* o, VisitFn visit, void* arg) {
  auto* s = static_cast<SliceObject*>(o);
  visit_value(s->start, visit, arg);
  visit_value(s->stop, visit, arg);
  visit_value(s->step, visit, arg);
}

static Ref slice_repr(Value v) {
  auto* s = static_cast<SliceObject*>(v.obj());
  std::string a, b, c;
  if (!repr_text(s->start.get(), &a) || !repr_text(s->stop.get(), &b) || !repr_text(s->step.get(), &c)) return Ref();
  return str_new(fmt::format("slice({}, {}, {})", a, b, c));
}

static Ref slice_new_slot(TypeObject*, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("slice", nargs, kw, 1, 3)) return Ref();
  if (nargs == 1) return slice_new(None(), args[0], None());
  return slice_new(args[0], args[1], nargs > 2 ? args[2] : None());
}

static Ref slice_get_start(Value v) { return static_cast<SliceObject*>(v.obj())->start.dup(); }
static Ref slice_get_stop(Value v) { return static_cast<SliceObject*>(v.obj())->stop.dup(); }
static Ref slice_get_step(Value v) { return static_cast<SliceObject*>(v.obj())->step.dup(); }

static Ref slice_indices_method(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("indices", nargs, kw, 1, 1)) return Ref();
  int64_t len, start, stop, step, n;
  if (!index_int64(args[0], &len)) return Ref();
  if (len < 0) return raise(&exc_ValueError, "length should not be negative");
  if (!slice_indices(static_cast<SliceObject*>(self.obj()), len, &start, &stop, &step, &n)) return Ref();
  return tuple_of({Value::from_small(start), Value::from_small(stop), Value::from_small(step)});
}

static Ref slice_richcompare(Value a, Value b, CmpOp op) {
  if (type_of(b) != &slice_type) return not_implemented_ref();
  auto* x = static_cast<SliceObject*>(a.obj());
  auto* y = static_cast<SliceObject*>(b.obj());
  Ref ta = tuple_of({x->start.get(), x->stop.get(), x->step.get()});
  Ref tb = tuple_of({y->start.get(), y->stop.get(), y->step.get()});
  return compare(ta.get(), tb.get(), op);
}

// ---------------------------------------------------------------- range

Ref range_new(int64_t start, int64_t stop, int64_t step) {
  auto* r = alloc_instance<RangeObject>(&range_type);
  r->start = start;
  r->stop = stop;
  r->step = step;
  if (step > 0) {
    r->length = start < stop ? (stop - start - 1) / step + 1 : 0;
  } else {
    r->length = stop < start ? (start - stop - 1) / (-step) + 1 : 0;
  }
  return Ref::steal(Value(r));
}

static void range_dealloc(Object* o) { delete static_cast<RangeObject*>(o); }

static Ref range_new_slot(TypeObject*, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(&exc_TypeError, "range() takes no keyword arguments");
  if (nargs < 1 || nargs > 3) {
    if (nargs == 0) return raise(&exc_TypeError, "range expected at least 1 argument, got 0");
    return raise_fmt(&exc_TypeError, "range expected at most 3 arguments, got {}", nargs);
  }
  int64_t v[3] = {0, 0, 1};
  bool big = false;
  Ref ints[3];
  for (size_t i = 0; i < nargs; i++) {
    if (!is_int(args[i]) && type_of(args[i])->nb_index == nullptr) {
      return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[i]));
    }
    ints[i] = number_index(args[i]);
    if (!ints[i]) return Ref();
    if (!int_to_int64(ints[i].get(), &v[i])) {
      clear_exception();
      big = true;
    }
  }
  // Bounds near the int64 limits would overflow the length arithmetic: use Python ints.
  constexpr int64_t kSafe = int64_t{1} << 62;
  for (size_t i = 0; i < nargs && !big; i++) big = v[i] > kSafe || v[i] < -kSafe;
  if (big) {
    Ref zero = Ref::small(0), one = Ref::small(1);
    if (nargs == 1) return longrange_new(zero.get(), ints[0].get(), one.get());
    Ref step = nargs == 3 ? std::move(ints[2]) : std::move(one);
    int nz = truthy(step.get());
    if (nz <= 0) return nz < 0 ? Ref() : raise(&exc_ValueError, "range() arg 3 must not be zero");
    return longrange_new(ints[0].get(), ints[1].get(), step.get());
  }
  if (nargs == 1) return range_new(0, v[0], 1);
  if (v[2] == 0) return raise(&exc_ValueError, "range() arg 3 must not be zero");
  return range_new(v[0], v[1], nargs == 3 ? v[2] : 1);
}

static Ref range_repr(Value v) {
  auto* r = static_cast<RangeObject*>(v.obj());
  if (r->big) return longrange_repr(r);
  if (r->step == 1) return str_new(fmt::format("range({}, {})", r->start, r->stop));
  return str_new(fmt::format("range({}, {}, {})", r->start, r->stop, r->step));
}

static bool range_len(Value v, int64_t* out) {
  if (static_cast<RangeObject*>(v.obj())->big) return longrange_len(static_cast<RangeObject*>(v.obj()), out);
  *out = static_cast<RangeObject*>(v.obj())->length;
  return true;
}

static int range_bool(Value v) {
  auto* r = static_cast<RangeObject*>(v.obj());
  return r->big ? longrange_bool(r) : r->length != 0;
}

static Ref range_getitem(Value v, Value key) {
  auto* r = static_cast<RangeObject*>(v.obj());
  if (r->big) return longrange_item(r, key);
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), r->length, &start, &stop, &step, &n)) return Ref();
    return range_new(r->start + start * r->step, r->start + stop * r->step, r->step * step);
  }
  int64_t i;
  if (!is_int(key) && type_of(key)->nb_index == nullptr) {
    return raise_fmt(&exc_TypeError, "range indices must be integers or slices, not {}", type_name(key));
  }
  if (!index_int64(key, &i)) return Ref();
  if (i < 0) i += r->length;
  if (i < 0 || i >= r->length) return raise(&exc_IndexError, "range object index out of range");
  return int_from_int64(r->start + i * r->step);
}

static int range_contains(Value v, Value x) {
  auto* r = static_cast<RangeObject*>(v.obj());
  if (r->big && (is_int_exact(x) || isinstance_exact(x, &bool_type))) return longrange_contains(r, x);
  if (!r->big && (is_int_exact(x) || isinstance_exact(x, &bool_type))) {
    int64_t n;
    if (!x.is_small()) {
      if (!int_to_int64(x, &n)) {
        clear_exception();
        return 0;
      }
    } else {
      n = x.small();
    }
    if (r->step > 0 ? (n < r->start || n >= r->stop) : (n > r->start || n <= r->stop)) return 0;
    return (n - r->start) % r->step == 0;
  }
  Ref it = get_iter(v);
  for (;;) {
    Ref y = iter_next(it.get());
    if (!y) return error_pending() ? -1 : 0;
    int eq = equal(y.get(), x);
    if (eq != 0) return eq;
  }
}

static Ref range_iter(Value v) {
  auto* r = static_cast<RangeObject*>(v.obj());
  if (r->big) return longrange_iter(r, false);
  auto* it = alloc_instance<RangeIterObject>(&range_iter_type);
  it->next = it->start = r->start;
  it->step = r->step;
  it->remaining = it->length = r->length;
  return Ref::steal(Value(it));
}

static Ref range_iter_next(Value v) {
  auto* it = static_cast<RangeIterObject*>(v.obj());
  if (it->remaining <= 0) return Ref();
  int64_t n = it->next;
  it->next += it->step;
  it->remaining--;
  return int_from_int64(n);
}

/// iter(obj) over __getitem__: len(obj) minus the position, NotImplemented when obj has no
/// __len__ (CPython's iter_len).
static Ref seq_iter_length_hint(Value self, const Value*, size_t, TupleObject*) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  if (!it->seq) return Ref::small(0);
  if (type_of(it->seq.get())->len == nullptr) return not_implemented_ref();
  int64_t size;
  if (!length(it->seq.get(), &size)) return Ref();
  return Ref::small(std::max<int64_t>(size - it->index, 0));
}

static void range_iter_dealloc(Object* o) { delete static_cast<RangeIterObject*>(o); }

static Ref range_iter_length_hint(Value self, NativeArgs&) {
  return int_from_int64(static_cast<RangeIterObject*>(self.obj())->remaining);
}
/// (iter, (range(start, start + length * step, step),), index), as CPython 3.11's
/// rangeiter_reduce: the range the iterator was made from (its stop normalised), and how far it
/// got. The stop is computed in Python ints: start + length * step may pass int64.
static Ref range_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<RangeIterObject*>(self.obj());
  Ref start = int_from_int64(it->start), step = int_from_int64(it->step);
  Ref len = int_from_int64(it->length);
  Ref span = binary_op(len.get(), step.get(), NumOp::Mul);
  if (!span) return span;
  Ref stop = binary_op(start.get(), span.get(), NumOp::Add);
  if (!stop) return stop;
  // The int64 form where range() itself would build it (range_new_slot's bounds), else big.
  constexpr int64_t kSafe = int64_t{1} << 62;
  int64_t b = 0;
  bool small = int_to_int64(stop.get(), &b) && b <= kSafe && b >= -kSafe;
  if (!small) clear_exception();
  Ref range = small ? range_new(it->start, b, it->step)
                    : longrange_new(start.get(), stop.get(), step.get());
  if (!range) return range;
  return iter_reduce_indexed(range.get(), it->length - it->remaining);
}
/// __setstate__(index): clamped to [0, length]; the values before it count as produced.
static Ref range_iter_setstate(Value self, NativeArgs& a) {
  auto* it = static_cast<RangeIterObject*>(self.obj());
  Ref index = number_index(a[0]);
  if (!index) return index;
  int64_t i;
  if (!int_to_int64(index.get(), &i)) return Ref();
  i = std::clamp<int64_t>(i, 0, it->length);
  // Wrapping arithmetic: at i == length the value may pass int64, but it is never produced.
  it->next = static_cast<int64_t>(static_cast<uint64_t>(it->start) +
                                  static_cast<uint64_t>(i) * static_cast<uint64_t>(it->step));
  it->remaining = it->length - i;
  return none_ref();
}
static const NativeDef kRangeIterMethods[] = {
    {"__length_hint__($self, /)", range_iter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__($self, /)", range_iter_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", range_iter_setstate, 0,
     "Set state information for unpickling."},
};

static Ref range_richcompare(Value a, Value b, CmpOp op) {
  if (type_of(b) != &range_type || (op != CmpOp::Eq && op != CmpOp::Ne)) return not_implemented_ref();
  auto* x = static_cast<RangeObject*>(a.obj());
  auto* y = static_cast<RangeObject*>(b.obj());
  if (x->big || y->big) {
    // Compare (length, start if non-empty, step if longer than 1) as Python ints.
    Ref lx = longrange_attr(x, 3), ly = longrange_attr(y, 3);
    int e = equal(lx.get(), ly.get());
    if (e < 0) return Ref();
    if (e) {
      int nonempty = truthy(lx.get());
      if (nonempty) {
        e = equal(longrange_attr(x, 0).get(), longrange_attr(y, 0).get());
        Ref one = Ref::small(1);
        int single = equal(lx.get(), one.get());
        if (e > 0 && single == 0) e = equal(longrange_attr(x, 2).get(), longrange_attr(y, 2).get());
      }
    }
    if (e < 0) return Ref();
    return bool_ref(op == CmpOp::Eq ? e != 0 : e == 0);
  }
  bool eq = x->length == y->length &&
            (x->length == 0 || (x->start == y->start && (x->length == 1 || x->step == y->step)));
  return bool_ref(op == CmpOp::Eq ? eq : !eq);
}

static bool range_hash(Value v, int64_t* out) {
  auto* r = static_cast<RangeObject*>(v.obj());
  if (r->big) {
    Ref t = tuple_of({longrange_attr(r, 3).get(), longrange_attr(r, 0).get(), longrange_attr(r, 2).get()});
    return hash(t.get(), out);
  }
  Ref t = tuple_of({Value::from_small(r->length), Value::from_small(r->start), Value::from_small(r->step)});
  return hash(t.get(), out);
}

static Ref range_attr(Value v, int which) {
  auto* r = static_cast<RangeObject*>(v.obj());
  if (r->big) return longrange_attr(r, which);
  return int_from_int64(which == 0 ? r->start : which == 1 ? r->stop : r->step);
}
static Ref range_get_start(Value v) { return range_attr(v, 0); }
static Ref range_get_stop(Value v) { return range_attr(v, 1); }
static Ref range_get_step(Value v) { return range_attr(v, 2); }

static Ref range_index(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("index", nargs, kw, 1, 1)) return Ref();
  auto* r = static_cast<RangeObject*>(self.obj());
  int c = range_contains(self, args[0]);
  if (c < 0) return Ref();
  if (!c) {
    std::string s;
    repr_text(args[0], &s);
    return raise_fmt(&exc_ValueError, "{} is not in range", s);
  }
  if (r->big) {
    Ref d = binary_op(args[0], longrange_attr(r, 0).get(), NumOp::Sub);
    if (!d) return d;
    return binary_op(d.get(), longrange_attr(r, 2).get(), NumOp::FloorDiv);
  }
  int64_t n;
  if (!int_to_int64(args[0], &n)) return Ref();
  return int_from_int64((n - r->start) / r->step);
}

static Ref range_count(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("count", nargs, kw, 1, 1)) return Ref();
  int c = range_contains(self, args[0]);
  if (c < 0) return Ref();
  return Ref::small(c);
}

/// (range, (start, stop, step)) for pickle and copy.
static Ref range_reduce(Value self, NativeArgs&) {
  Ref start = range_get_start(self), stop = range_get_stop(self), step = range_get_step(self);
  Ref args = tuple_of({start.get(), stop.get(), step.get()});
  return tuple_of({Value(&range_type), args.get()});
}
/// (slice, (start, stop, step)) for pickle and copy.
static Ref slice_reduce(Value self, NativeArgs&) {
  auto* s = static_cast<SliceObject*>(self.obj());
  Ref args = tuple_of({s->start.get(), s->stop.get(), s->step.get()});
  return tuple_of({Value(&slice_type), args.get()});
}
static const NativeDef kRangeReduce[] = {
    {"__reduce__($self, /)", range_reduce, 0, "Return state information for pickling."},
};
/// (getattr, (self.__self__, self.__func__.__name__)): a bound method pickles as the lookup
/// that made it, as CPython's method.__reduce__.
static Ref method_reduce(Value self, NativeArgs&) {
  auto* m = static_cast<MethodObject*>(self.obj());
  Ref name = getattr(m->func.get(), "__name__");
  if (!name) return name;
  if (!is_str(name.get()))
    return raise_fmt(&exc_TypeError, "method name must be a str, not {}", type_name(name.get()));
  return reduce_getattr(m->self.get(), std::string(as_str(name.get())->view()).c_str());
}
static const NativeDef kMethodReduce[] = {
    {"__reduce__($self, /)", method_reduce, 0, "Return state information for pickling."},
};
static const NativeDef kSliceReduce[] = {
    {"__reduce__($self, /)", slice_reduce, 0, "Return state information for pickling."},
};

static Ref range_reversed(Value self, const Value*, size_t, TupleObject*) {
  auto* r = static_cast<RangeObject*>(self.obj());
  if (r->big) return longrange_iter(r, true);
  auto* it = alloc_instance<RangeIterObject>(&range_iter_type);
  it->next = it->start = r->start + (r->length - 1) * r->step;
  it->step = -r->step;
  it->remaining = it->length = r->length;
  return Ref::steal(Value(it));
}

// ---------------------------------------------------------------- property

static void property_dealloc(Object* o) { delete static_cast<PropertyObject*>(o); }
static void property_traverse(Object* o, VisitFn visit, void* arg) {
  auto* p = static_cast<PropertyObject*>(o);
  for (const Ref* r : {&p->fget, &p->fset, &p->fdel, &p->doc, &p->name}) visit_value(*r, visit, arg);
}

static Ref property_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[4] = {};
  if (!parse_args("property", args, nargs, kw, {"fget", "fset", "fdel", "doc"}, 0, a)) return Ref();
  auto* p = alloc_instance<PropertyObject>(type);
  auto norm = [](Value v) { return (v && !is_none(v)) ? Ref::new_ref(v) : Ref(); };
  p->fget = norm(a[0]);
  p->fset = norm(a[1]);
  p->fdel = norm(a[2]);
  p->doc = norm(a[3]);
  return Ref::steal(Value(p));
}

static bool property_init(Value, const Value*, size_t, TupleObject*) { return true; }

// CPython 3.11's messages: with the name known from __set_name__, "property 'x' of 'C' object
// has no setter"; without it "property of 'C' object has no setter" (the older generic text only
// when there is no object, which cannot happen here).
static Ref property_missing(PropertyObject* p, Value obj, const char* what) {
  std::string name;
  if (p->name && str_text(p->name.get(), &name)) {
    return raise_fmt(&exc_AttributeError, "property '{}' of '{}' object has no {}", name, type_name(obj), what);
  }
  return raise_fmt(&exc_AttributeError, "property of '{}' object has no {}", type_name(obj), what);
}

static Ref property_get(Value descr, Value obj, Value type) {
  auto* p = static_cast<PropertyObject*>(descr.obj());
  if (!obj) return Ref::new_ref(descr);
  if (!p->fget) return property_missing(p, obj, "getter");
  return call1(p->fget.get(), obj);
}

static bool property_set(Value descr, Value obj, Value v) {
  auto* p = static_cast<PropertyObject*>(descr.obj());
  if (v) {
    if (!p->fset) return static_cast<bool>(property_missing(p, obj, "setter"));
    return static_cast<bool>(call2(p->fset.get(), obj, v));
  }
  if (!p->fdel) return static_cast<bool>(property_missing(p, obj, "deleter"));
  return static_cast<bool>(call1(p->fdel.get(), obj));
}

static Ref property_set_name(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__set_name__", nargs, kw, 2, 2)) return Ref();
  static_cast<PropertyObject*>(self.obj())->name = Ref::new_ref(args[1]);
  return none_ref();
}
static Ref property_get_fset(Value self) {
  auto* p = static_cast<PropertyObject*>(self.obj());
  return p->fset ? p->fset.dup() : none_ref();
}
static Ref property_get_fdel(Value self) {
  auto* p = static_cast<PropertyObject*>(self.obj());
  return p->fdel ? p->fdel.dup() : none_ref();
}

static Ref property_copy(Value self, int which, Value f) {
  auto* p = static_cast<PropertyObject*>(self.obj());
  auto* n = alloc_instance<PropertyObject>(type_of(self));
  n->fget = p->fget ? p->fget.dup() : Ref();
  n->fset = p->fset ? p->fset.dup() : Ref();
  n->fdel = p->fdel ? p->fdel.dup() : Ref();
  n->doc = p->doc ? p->doc.dup() : Ref();
  n->name = p->name ? p->name.dup() : Ref();
  Ref nf = is_none(f) ? Ref() : Ref::new_ref(f);
  if (which == 0) n->fget = std::move(nf);
  if (which == 1) n->fset = std::move(nf);
  if (which == 2) n->fdel = std::move(nf);
  return Ref::steal(Value(n));
}

static Ref property_getter(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("getter", nargs, kw, 1, 1)) return Ref();
  return property_copy(self, 0, args[0]);
}
static Ref property_setter(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("setter", nargs, kw, 1, 1)) return Ref();
  return property_copy(self, 1, args[0]);
}
static Ref property_deleter(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("deleter", nargs, kw, 1, 1)) return Ref();
  return property_copy(self, 2, args[0]);
}
static Ref property_get_fget(Value self) {
  auto* p = static_cast<PropertyObject*>(self.obj());
  return p->fget ? p->fget.dup() : none_ref();
}
static Ref property_get_doc(Value self) {
  auto* p = static_cast<PropertyObject*>(self.obj());
  if (p->doc) return p->doc.dup();
  if (p->fget) {
    Ref d = getattr_opt(p->fget.get(), names::doc);
    if (d) return d;
    clear_exception();
  }
  return none_ref();
}

// A plain member in CPython: writable (selectors.py documents namedtuple fields this way);
// deleting leaves None.
static bool property_set_doc(Value self, Value v) {
  auto* p = static_cast<PropertyObject*>(self.obj());
  p->doc = v ? Ref::new_ref(v) : none_ref();
  return true;
}

// ---------------------------------------------------------------- staticmethod / classmethod

static void sm_dealloc(Object* o) { delete static_cast<StaticMethodObject*>(o); }
static void sm_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<StaticMethodObject*>(o)->func, visit, arg);
}
// staticmethod(x).__init__(itself) makes a cycle of one object through `func`. The callable
// becomes None rather than null: __get__, __func__ and calls read it without a check.
static void sm_clear(Object* o) {
  static_cast<StaticMethodObject*>(o)->func = Ref::new_ref(None());
}

static Ref sm_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs(type->name.c_str(), nargs, kw, 1, 1)) return Ref();
  auto* s = alloc_instance<StaticMethodObject>(type);
  s->func = Ref::new_ref(args[0]);
  return Ref::steal(Value(s));
}

/// staticmethod(f) and classmethod(f) copy f's __module__, __name__, __qualname__, __doc__ and
/// __annotations__ into their own __dict__ (CPython 3.10+'s functools_wraps in sm_init/cm_init),
/// so that they read like the function they wrap; an attribute f lacks is skipped.
static bool sm_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  bool is_static = is_subtype(type_of(self), &staticmethod_type);
  if (!check_nargs(is_static ? "staticmethod" : "classmethod", nargs, kw, 1, 1)) return false;
  auto* s = static_cast<StaticMethodObject*>(self.obj());
  s->func = Ref::new_ref(args[0]);
  for (const char* attr :
       {"__module__", "__name__", "__qualname__", "__doc__", "__annotations__"}) {
    Ref v = getattr(args[0], attr);
    if (!v) {
      if (!exception_matches(&exc_AttributeError)) return false;
      clear_exception();
      continue;
    }
    if (!setattr(self, intern(attr), v.get())) return false;
  }
  return true;
}

static Ref sm_get(Value descr, Value obj, Value type) { return static_cast<StaticMethodObject*>(descr.obj())->func.dup(); }

static Ref sm_call(Value callable, const Value* args, size_t nargs, TupleObject* kw) {
  return call(static_cast<StaticMethodObject*>(callable.obj())->func.get(), args, nargs, kw);
}

static Ref cm_get(Value descr, Value obj, Value type) {
  Value cls = type ? type : Value(type_of(obj));
  return method_new(static_cast<StaticMethodObject*>(descr.obj())->func.get(), cls);
}

static Ref sm_get_func(Value self) { return static_cast<StaticMethodObject*>(self.obj())->func.dup(); }

// types.MethodType(function, instance): CPython's method_new (weakref.WeakMethod rebuilds
// its method this way).
static Ref method_new_slot(TypeObject*, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0) {
    return raise(&exc_TypeError, "method() takes no keyword arguments");
  }
  if (nargs != 2) return raise_fmt(&exc_TypeError, "method expected 2 arguments, got {}", nargs);
  if (!callable(args[0])) return raise(&exc_TypeError, "first argument must be callable");
  if (is_none(args[1])) return raise(&exc_TypeError, "instance must not be None");
  return method_new(args[0], args[1]);
}

// ---------------------------------------------------------------- sequence iterator

static Ref seq_iter_next(Value v) {
  auto* it = static_cast<SeqIterObject*>(v.obj());
  if (!it->seq) return Ref();
  Ref idx = int_from_int64(it->index);
  Ref r = getitem(it->seq.get(), idx.get());
  if (!r) {
    if (exception_matches(&exc_IndexError) || exception_matches(&exc_StopIteration)) {
      clear_exception();
      it->seq.reset();
    }
    return Ref();
  }
  it->index++;
  return r;
}

// Pickling of the sequence-protocol iterator, as CPython's iterobject.c: the index set back is
// only kept from going negative (the sequence's length is not known).
static Ref seq_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  if (!it->seq) {
    Ref empty = tuple_new(0);
    return iter_reduce_exhausted(empty.get());
  }
  return iter_reduce_indexed(it->seq.get(), it->index);
}
static Ref seq_iter_setstate(Value self, NativeArgs& a) {
  auto* it = static_cast<SeqIterObject*>(self.obj());
  int64_t index;
  if (!iter_state_index(a[0], &index)) return Ref();
  if (it->seq) it->index = index < 0 ? 0 : index;
  return none_ref();
}
static const NativeDef kSeqIterMethods[] = {
    {"__reduce__($self, /)", seq_iter_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", seq_iter_setstate, 0,
     "Set state information for unpickling."},
};

static void seq_iter_dealloc(Object* o) { delete static_cast<SeqIterObject*>(o); }
void seq_iter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<SeqIterObject*>(o)->seq, visit, arg);
}

/// CPython's _PyObject_IsAbstract: obj.__isabstractmethod__ is true (absent means false).
/// -1 on error.
static int is_abstract(Value obj) {
  if (!obj || is_none(obj)) return 0;
  Ref v = getattr_opt(obj, intern("__isabstractmethod__"));
  if (!v) return error_pending() ? -1 : 0;
  return truthy(v.get());
}
/// property.__isabstractmethod__: any of its accessors is abstract (abc.abstractmethod).
static Ref property_get_isabstract(Value self) {
  auto* p = static_cast<PropertyObject*>(self.obj());
  for (const Ref* f : {&p->fget, &p->fset, &p->fdel}) {
    int r = is_abstract(f->get());
    if (r != 0) return r < 0 ? Ref() : bool_ref(true);
  }
  return bool_ref(false);
}
/// staticmethod/classmethod.__isabstractmethod__: that of the wrapped callable.
static Ref sm_get_isabstract(Value self) {
  int r = is_abstract(static_cast<StaticMethodObject*>(self.obj())->func.get());
  return r < 0 ? Ref() : bool_ref(r != 0);
}

void misc_types_init() {
  module_type.name = "module";
  module_type.flags = kTypeBaseType | kTypeWeakrefable;
  module_type.basic_size = sizeof(ModuleObject);
  module_type.dealloc = module_dealloc;
  module_type.traverse = module_traverse;
  module_type.repr = module_repr;
  module_type.getattr = module_getattr;
  module_type.setattr = module_setattr;
  module_type.new_ = module_new_slot;
  module_type.init = module_init_slot;
  type_ready(&module_type, &object_type);
  add_getset(&module_type, "__dict__", module_get_dict);
  add_getset(&module_type, "__annotations__", module_get_annotations, module_set_annotations);
  add_method(&module_type, "__dir__", module_dir);

  cell_type.name = "cell";
  cell_type.basic_size = sizeof(CellObject);
  cell_type.dealloc = cell_dealloc;
  cell_type.traverse = cell_traverse;
  cell_type.clear = cell_clear;
  type_ready(&cell_type, &object_type);
  add_getset(&cell_type, "cell_contents", cell_get_contents);

  method_type.name = "method";
  method_type.basic_size = sizeof(MethodObject);
  method_type.dealloc = method_dealloc;
  method_type.flags |= kTypeWeakrefable;
  method_type.traverse = method_traverse;
  method_type.call = method_call;
  method_type.repr = method_repr;
  method_type.getattr = method_getattr;
  method_type.richcompare = method_richcompare;
  method_type.hash = method_hash;
  method_type.new_ = method_new_slot;
  type_ready(&method_type, &object_type);
  add_getset(&method_type, "__func__", method_get_func);
  add_getset(&method_type, "__self__", method_get_self);
  add_methods(&method_type, kMethodReduce);

  slice_type.name = "slice";
  slice_type.basic_size = sizeof(SliceObject);
  slice_type.dealloc = slice_dealloc;
  slice_type.traverse = slice_traverse;
  slice_type.repr = slice_repr;
  slice_type.new_ = slice_new_slot;
  slice_type.richcompare = slice_richcompare;
  type_ready(&slice_type, &object_type);
  slice_type.hash = nullptr;
  add_getset(&slice_type, "start", slice_get_start);
  add_getset(&slice_type, "stop", slice_get_stop);
  add_getset(&slice_type, "step", slice_get_step);
  add_method(&slice_type, "indices", slice_indices_method);
  add_methods(&slice_type, kSliceReduce);

  range_type.name = "range";
  range_type.basic_size = sizeof(RangeObject);
  range_type.dealloc = range_dealloc;
  range_type.new_ = range_new_slot;
  range_type.repr = range_repr;
  range_type.len = range_len;
  range_type.nb_bool = range_bool;
  range_type.getitem = range_getitem;
  range_type.contains = range_contains;
  range_type.iter = range_iter;
  range_type.richcompare = range_richcompare;
  range_type.hash = range_hash;
  range_type.flags |= kTypeSequence;  // pattern matching (PEP 634)
  type_ready(&range_type, &object_type);
  add_getset(&range_type, "start", range_get_start);
  add_getset(&range_type, "stop", range_get_stop);
  add_getset(&range_type, "step", range_get_step);
  add_method(&range_type, "index", range_index);
  add_method(&range_type, "count", range_count);
  add_method(&range_type, "__reversed__", range_reversed);
  add_methods(&range_type, kRangeReduce);

  range_iter_type.name = "range_iterator";
  range_iter_type.basic_size = sizeof(RangeIterObject);
  range_iter_type.dealloc = range_iter_dealloc;
  range_iter_type.iter = self_iter;
  range_iter_type.iternext = range_iter_next;
  type_ready(&range_iter_type, &object_type);
  add_methods(&range_iter_type, kRangeIterMethods);

  property_type.name = "property";
  property_type.text_signature = "(fget=None, fset=None, fdel=None, doc=None)";
  property_type.flags = kTypeBaseType;
  property_type.basic_size = sizeof(PropertyObject);
  property_type.dealloc = property_dealloc;
  property_type.traverse = property_traverse;
  property_type.new_ = property_new_slot;
  property_type.init = property_init;
  property_type.descr_get = property_get;
  property_type.descr_set = property_set;
  type_ready(&property_type, &object_type);
  add_method(&property_type, "getter", property_getter);
  add_method(&property_type, "setter", property_setter);
  add_method(&property_type, "deleter", property_deleter);
  add_getset(&property_type, "fget", property_get_fget);
  add_getset(&property_type, "fset", property_get_fset);
  add_getset(&property_type, "fdel", property_get_fdel);
  add_method(&property_type, "__set_name__", property_set_name);
  add_getset(&property_type, "__doc__", property_get_doc, property_set_doc);
  add_getset(&property_type, "__isabstractmethod__", property_get_isabstract);

  for (TypeObject* t : {&staticmethod_type, &classmethod_type}) {
    t->name = t == &staticmethod_type ? "staticmethod" : "classmethod";
    t->flags = kTypeBaseType;
    t->basic_size = sizeof(StaticMethodObject);
    t->dealloc = sm_dealloc;
    t->traverse = sm_traverse;
    t->clear = sm_clear;
    t->new_ = sm_new_slot;
    t->init = sm_init;
    t->descr_get = t == &staticmethod_type ? sm_get : cm_get;
    t->dict_offset = offsetof(StaticMethodObject, dict);
    t->subclass_dict_offset = offsetof(StaticMethodObject, dict);
    type_ready(t, &object_type);
    add_dict_descriptor(t);
    add_getset(t, "__func__", sm_get_func);
    add_getset(t, "__wrapped__", sm_get_func);
    add_getset(t, "__isabstractmethod__", sm_get_isabstract);
  }
  staticmethod_type.call = sm_call;

  seq_iter_type.name = "iterator";
  seq_iter_type.basic_size = sizeof(SeqIterObject);
  seq_iter_type.dealloc = seq_iter_dealloc;
  seq_iter_type.traverse = seq_iter_traverse;
  seq_iter_type.iter = self_iter;
  seq_iter_type.iternext = seq_iter_next;
  type_ready(&seq_iter_type, &object_type);
  add_methods(&seq_iter_type, kSeqIterMethods);
  add_method(&seq_iter_type, "__length_hint__", seq_iter_length_hint);
}

}  // namespace minipy::rt
