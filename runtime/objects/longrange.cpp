// Big ranges: range objects whose bounds or length do not fit in int64 (range(1 << 1000), as
// CPython's collections.abc builds to name longrange_iterator). The fast int64 range lives in
// misc.cpp and calls these when RangeObject::big is set; everything here is Python-int
// arithmetic through the generic number operations.
#include "runtime/errors.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

namespace {

TypeObject longrange_iter_type;  // longrange_iterator

/// The iterator: the next value, the step and how many values remain (Python ints); the first
/// value and the count at creation, for __reduce__.
struct LongRangeIterObject : Object {
  Ref next, step, remaining;
  Ref start, length;
};

Value field(RangeObject* r, int which) {
  return as_tuple(r->big.get())->at(static_cast<size_t>(which));
}

Ref op(Value a, Value b, NumOp o) { return binary_op(a, b, o); }

/// Number of values of range(start, stop, step), as CPython's compute_range_length.
Ref compute_length(Value start, Value stop, Value step) {
  Ref zero = Ref::small(0);
  int pos = compare_bool(step, zero.get(), CmpOp::Gt);
  if (pos < 0) return Ref();
  Value lo = pos ? start : stop, hi = pos ? stop : start;
  int nonempty = compare_bool(lo, hi, CmpOp::Lt);
  if (nonempty < 0) return Ref();
  if (!nonempty) return zero;
  Ref abs_step = pos ? Ref::new_ref(step) : negative(step);
  Ref one = Ref::small(1);
  Ref diff = op(hi, lo, NumOp::Sub);
  if (!diff || !abs_step) return Ref();
  Ref d1 = op(diff.get(), one.get(), NumOp::Sub);
  if (!d1) return d1;
  Ref q = op(d1.get(), abs_step.get(), NumOp::FloorDiv);
  if (!q) return q;
  return op(q.get(), one.get(), NumOp::Add);
}

Ref longrange_iter_next(Value v) {
  auto* it = static_cast<LongRangeIterObject*>(v.obj());
  int more = truthy(it->remaining.get());
  if (more <= 0) return Ref();
  Ref one = Ref::small(1);
  Ref rem = op(it->remaining.get(), one.get(), NumOp::Sub);
  Ref nxt = op(it->next.get(), it->step.get(), NumOp::Add);
  if (!rem || !nxt) return Ref();
  Ref cur = std::move(it->next);
  it->next = std::move(nxt);
  it->remaining = std::move(rem);
  return cur;
}

void longrange_iter_dealloc(Object* o) { delete static_cast<LongRangeIterObject*>(o); }
Ref self_iter(Value v) { return Ref::new_ref(v); }

Ref longrange_iter_length_hint(Value self, const Value*, size_t, TupleObject*) {
  return static_cast<LongRangeIterObject*>(self.obj())->remaining.dup();
}

/// (iter, (range(start, start + length * step, step),), index), as CPython 3.11.
Ref longrange_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<LongRangeIterObject*>(self.obj());
  Ref span = op(it->length.get(), it->step.get(), NumOp::Mul);
  if (!span) return span;
  Ref stop = op(it->start.get(), span.get(), NumOp::Add);
  if (!stop) return stop;
  Ref range = longrange_new(it->start.get(), stop.get(), it->step.get());
  if (!range) return range;
  Ref index = op(it->length.get(), it->remaining.get(), NumOp::Sub);
  if (!index) return index;
  return iter_reduce_indexed(range.get(), index.get());
}
/// __setstate__(index): clipped to [0, length] by comparison, as CPython's
/// longrangeiter_setstate (which takes any object that compares with ints).
Ref longrange_iter_setstate(Value self, NativeArgs& a) {
  auto* it = static_cast<LongRangeIterObject*>(self.obj());
  Ref zero = Ref::small(0);
  Value state = a[0];
  int lt = compare_bool(state, zero.get(), CmpOp::Lt);
  if (lt < 0) return Ref();
  if (lt) {
    state = zero.get();
  } else {
    int gt = compare_bool(it->length.get(), state, CmpOp::Lt);
    if (gt < 0) return Ref();
    if (gt) state = it->length.get();
  }
  Ref remaining = op(it->length.get(), state, NumOp::Sub);
  if (!remaining) return remaining;
  Ref off = op(state, it->step.get(), NumOp::Mul);
  if (!off) return off;
  Ref next = op(it->start.get(), off.get(), NumOp::Add);
  if (!next) return next;
  it->remaining = std::move(remaining);
  it->next = std::move(next);
  return none_ref();
}
const NativeDef kLongRangeIterMethods[] = {
    {"__reduce__($self, /)", longrange_iter_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", longrange_iter_setstate, 0,
     "Set state information for unpickling."},
};

void ensure_types() {
  if (longrange_iter_type.dict != nullptr) return;
  longrange_iter_type.name = "longrange_iterator";
  longrange_iter_type.basic_size = sizeof(LongRangeIterObject);
  longrange_iter_type.dealloc = longrange_iter_dealloc;
  longrange_iter_type.iter = self_iter;
  longrange_iter_type.iternext = longrange_iter_next;
  type_ready(&longrange_iter_type, &object_type);
  add_method(&longrange_iter_type, "__length_hint__", longrange_iter_length_hint);
  add_methods(&longrange_iter_type, kLongRangeIterMethods);
}

}  // namespace

Ref longrange_new(Value start, Value stop, Value step) {
  Ref len = compute_length(start, stop, step);
  if (!len) return len;
  auto* r = alloc_instance<RangeObject>(&range_type);
  Ref result = Ref::steal(Value(r));
  r->start = r->stop = r->step = r->length = 0;
  r->big = tuple_of({start, stop, step, len.get()});
  return result;
}

Ref longrange_attr(RangeObject* r, int which) { return Ref::new_ref(field(r, which)); }

Ref longrange_repr(RangeObject* r) {
  std::string a, b, c;
  if (!repr_text(field(r, 0), &a) || !repr_text(field(r, 1), &b) || !repr_text(field(r, 2), &c))
    return Ref();
  if (c == "1") return str_new("range(" + a + ", " + b + ")");
  return str_new("range(" + a + ", " + b + ", " + c + ")");
}

bool longrange_len(RangeObject* r, int64_t* out) {
  if (!int_to_int64(field(r, 3), out)) {
    clear_exception();
    raise(&exc_OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

int longrange_bool(RangeObject* r) { return truthy(field(r, 3)); }

Ref longrange_item(RangeObject* r, Value index) {
  if (type_of(index) == &slice_type) {
    Value len = field(r, 3);
    Ref ind = call_method(index, intern("indices"), &len, 1);
    if (!ind) return ind;
    TupleObject* t = as_tuple(ind.get());
    Ref s0 = op(t->at(0), field(r, 2), NumOp::Mul);
    Ref s1 = op(t->at(1), field(r, 2), NumOp::Mul);
    Ref st = op(t->at(2), field(r, 2), NumOp::Mul);
    if (!s0 || !s1 || !st) return Ref();
    Ref a = op(field(r, 0), s0.get(), NumOp::Add);
    Ref b = op(field(r, 0), s1.get(), NumOp::Add);
    if (!a || !b) return Ref();
    return longrange_new(a.get(), b.get(), st.get());
  }
  if (!is_int(index) && type_of(index)->nb_index == nullptr) {
    return raise_fmt(&exc_TypeError, "range indices must be integers or slices, not {}",
                     type_name(index));
  }
  Ref i = number_index(index);
  if (!i) return i;
  Ref zero = Ref::small(0);
  int neg = compare_bool(i.get(), zero.get(), CmpOp::Lt);
  if (neg < 0) return Ref();
  if (neg) i = op(i.get(), field(r, 3), NumOp::Add);
  if (!i) return i;
  int lo = compare_bool(i.get(), zero.get(), CmpOp::Lt);
  int hi = compare_bool(i.get(), field(r, 3), CmpOp::Ge);
  if (lo < 0 || hi < 0) return Ref();
  if (lo || hi) return raise(&exc_IndexError, "range object index out of range");
  Ref off = op(i.get(), field(r, 2), NumOp::Mul);
  if (!off) return off;
  return op(field(r, 0), off.get(), NumOp::Add);
}

int longrange_contains(RangeObject* r, Value x) {
  Ref zero = Ref::small(0);
  int pos = compare_bool(field(r, 2), zero.get(), CmpOp::Gt);
  if (pos < 0) return -1;
  // In bounds: start <= x < stop (or stop < x <= start for a negative step).
  int a = compare_bool(x, field(r, 0), pos ? CmpOp::Ge : CmpOp::Le);
  int b = compare_bool(x, field(r, 1), pos ? CmpOp::Lt : CmpOp::Gt);
  if (a < 0 || b < 0) return -1;
  if (!a || !b) return 0;
  Ref d = op(x, field(r, 0), NumOp::Sub);
  if (!d) return -1;
  Ref m = op(d.get(), field(r, 2), NumOp::Mod);
  if (!m) return -1;
  return equal(m.get(), zero.get());
}

Ref longrange_iter(RangeObject* r, bool reversed) {
  ensure_types();
  auto* it = alloc_instance<LongRangeIterObject>(&longrange_iter_type);
  Ref holder = Ref::steal(Value(it));
  it->remaining = Ref::new_ref(field(r, 3));
  it->length = Ref::new_ref(field(r, 3));
  if (!reversed) {
    it->next = Ref::new_ref(field(r, 0));
    it->start = Ref::new_ref(field(r, 0));
    it->step = Ref::new_ref(field(r, 2));
    return holder;
  }
  // Last value: start + (length - 1) * step, walking back by -step.
  Ref one = Ref::small(1);
  Ref n1 = op(field(r, 3), one.get(), NumOp::Sub);
  if (!n1) return n1;
  Ref off = op(n1.get(), field(r, 2), NumOp::Mul);
  if (!off) return off;
  it->next = op(field(r, 0), off.get(), NumOp::Add);
  it->step = negative(field(r, 2));
  if (!it->next || !it->step) return Ref();
  it->start = it->next.dup();
  return holder;
}

}  // namespace minipy::rt
