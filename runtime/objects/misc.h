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
  int64_t start, stop, step, length;  // big ranges are not supported (OverflowError)
};
extern TypeObject range_type;
Ref range_new(int64_t start, int64_t stop, int64_t step);

struct PropertyObject : Object {
  Ref fget, fset, fdel, doc;
  Ref name;  // from __set_name__ (null until then): used in "has no setter" messages
};
extern TypeObject property_type;

struct StaticMethodObject : Object {
  Ref func;
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
};
extern TypeObject range_iter_type;

}  // namespace minipy::rt
