// The object layout shared by every itertools iterator, for itertools.cpp (constructors and
// iteration) and itertools_reduce.cpp (pickling: __reduce__/__setstate__). Each type documents,
// beside its constructor in itertools.cpp, what its `refs` and integer fields hold.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/object.h"
#include "runtime/objects/dict.h"
#include "runtime/type.h"

namespace minipy::lib::itertools {

/// The state of every itertools iterator: `refs` are owned references (null allowed) whose
/// meaning each type documents; `ints` and a/b/c are integer state.
struct ItObject : rt::Object {
  rt::DictObject* dict = nullptr;  // __dict__ of subclass instances
  std::vector<rt::Value> refs;
  std::vector<int64_t> ints;
  int64_t a = 0, b = 0, c = 0;
};

inline ItObject* it_of(rt::Value v) { return static_cast<ItObject*>(v.obj()); }
inline rt::Ref as_ref(ItObject* o) { return rt::Ref::steal(rt::Value(o)); }
inline rt::Value ref_at(ItObject* o, size_t i) { return o->refs[i]; }

/// A new iterator of type `t` with `nrefs` null reference slots.
ItObject* alloc_it(rt::TypeObject* t, size_t nrefs);
/// Replaces reference slot i (takes ownership of v; drops the old one after the store).
void set_ref(ItObject* o, size_t i, rt::Ref v);

/// A new _tee_dataobject reading from `it`.
rt::Ref teedata_make(rt::Value it);
constexpr int64_t kTeeLink = 57;  // values per _tee_dataobject (CPython's LINKCELLS)

extern rt::TypeObject count_type, cycle_type, repeat_type, accumulate_type, chain_type,
    compress_type, dropwhile_type, takewhile_type, filterfalse_type, starmap_type, groupby_type,
    grouper_type, islice_type, pairwise_type, tee_type, teedata_type, zip_longest_type,
    product_type, combinations_type, cwr_type, permutations_type;

/// Adds __reduce__/__setstate__ to the types (itertools_reduce.cpp).
void add_pickling();
/// _tee_dataobject(iterator, values, next): the constructor only unpickling uses.
rt::Ref teedata_new(rt::TypeObject* type, const rt::Value* args, size_t nargs,
                    rt::TupleObject* kwnames);

}  // namespace minipy::lib::itertools
