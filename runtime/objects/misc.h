// Small builtin types: module, cell, bound method (for callables defined by the VM), slice,
// range, property, staticmethod, classmethod, and the builtin iterators.
#pragma once

#include <string>

#include "runtime/object.h"
#include "runtime/objects/dict.h"
#include "runtime/type.h"

namespace minipy::rt {

struct ModuleObject : Object {
  DictObject* dict;  // the module namespace (owned)
};
extern TypeObject module_type;
Ref module_new(std::string_view name);
inline DictObject* module_dict(Value m) { return static_cast<ModuleObject*>(m.obj())->dict; }

struct CellObject : Object {
  Value ref;  // owned; null = empty
};
extern TypeObject cell_type;
Ref cell_new(Value v);

/// A callable bound to an instance: calling it calls func(self, *args).
struct MethodObject : Object {
  Ref func;
  Ref self;
};
extern TypeObject method_type;
Ref method_new(Value func, Value self);

struct SliceObject : Object {
  Ref start, stop, step;  // None when absent (never null)
};
extern TypeObject slice_type;
Ref slice_new(Value start, Value stop, Value step);
/// Resolves a slice against a sequence length (CPython's PySlice_GetIndicesEx); false on error.
bool slice_indices(SliceObject* s, int64_t length, int64_t* start, int64_t* stop, int64_t* step,
                   int64_t* slicelength);

struct RangeObject : Object {
  int64_t start, stop, step, length;  // valid unless `big`
  /// A range whose bounds or length do not fit in int64 (range(1 << 1000)): the tuple
  /// (start, stop, step, length) of Python ints, handled by runtime/objects/longrange.cpp.
  Ref big;
};
extern TypeObject range_type;
Ref range_new(int64_t start, int64_t stop, int64_t step);
/// range(start, stop, step) over Python ints of any size (step != 0 checked by the caller).
Ref longrange_new(Value start, Value stop, Value step);
// The operations of a big range (RangeObject::big set), called by range's slots.
Ref longrange_repr(RangeObject* r);
bool longrange_len(RangeObject* r, int64_t* out);
int longrange_bool(RangeObject* r);
Ref longrange_item(RangeObject* r, Value index);
int longrange_contains(RangeObject* r, Value x);
Ref longrange_iter(RangeObject* r, bool reversed);
Ref longrange_attr(RangeObject* r, int which);  // 0 start, 1 stop, 2 step, 3 length

struct PropertyObject : Object {
  Ref fget, fset, fdel, doc;
  Ref name;  // from __set_name__ (null until then): used in "has no setter" messages
};
extern TypeObject property_type;

struct StaticMethodObject : Object {
  Ref func;
  DictObject* dict = nullptr;  // __dict__: the wrapped callable's __name__, __doc__, ...
};
extern TypeObject staticmethod_type;
extern TypeObject classmethod_type;

/// Iterator over a list/tuple/str (by index) or any object with __getitem__.
struct SeqIterObject : Object {
  Ref seq;
  int64_t index;
};
extern TypeObject list_iter_type;
extern TypeObject tuple_iter_type;
extern TypeObject seq_iter_type;
/// The traverse slot of every SeqIterObject type.
void seq_iter_traverse(Object* o, VisitFn visit, void* arg);

struct RangeIterObject : Object {
  int64_t next, step, remaining;
  int64_t start, length;  // the first value and the count at creation (for __reduce__)
};
extern TypeObject range_iter_type;

}  // namespace minipy::rt
