// Struct sequences (CPython's structseq): tuple subclasses whose items also read as named
// attributes, as time.struct_time and os.stat_result. The first `n_visible` fields are the
// tuple's items; later ones are hidden and reachable only by name (tm_zone, st_atime as float).
#pragma once

#include <cstddef>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

/// A struct sequence type: a TypeObject plus its field table. Instances are tuples of
/// n_visible items with the hidden fields stored after them in the same allocation.
struct StructSeqType : rt::TypeObject {
  const char* const* fields = nullptr;  // n_total names; null = unnamed (index access only)
  size_t n_visible = 0;
  size_t n_total = 0;
};

/// Readies `t` as a struct sequence type called `qualified` ("time.struct_time") with the
/// given fields. Call once at module init; idempotent.
void structseq_init_type(StructSeqType* t, const char* module, const char* name,
                         const char* const* fields, size_t n_visible, size_t n_total);

/// A new instance; `items` holds n_total values whose references are stolen.
rt::Ref structseq_new(StructSeqType* t, rt::Ref* items);
/// Users cannot create more instances of `t` (sys.flags, sys.version_info: CPython clears their
/// tp_new and deletes __new__ from the type's dict): t() and t.__new__(t, ...) raise TypeError.
void structseq_forbid_new(StructSeqType* t);

}  // namespace minipy::lib
