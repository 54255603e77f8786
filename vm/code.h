// Runtime objects owned by the VM: code objects (a CodeUnit plus its constants as Values),
// Python functions, frames and generators. The runtime sees them only as Objects with slots.
#pragma once

#include <memory>
#include <vector>

#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"
#include "runtime/object.h"
#include "runtime/type.h"
#include "vm/code_unit.h"

namespace minipy::vm {

using rt::Object;
using rt::Ref;
using rt::StrObject;
using rt::TypeObject;
using rt::Value;

/// What LOAD_GLOBAL found for one name the last time (vm/eval.cpp): valid while both dicts still
/// have the versions recorded (dict versions come from one global counter, dict.cpp). The value
/// is borrowed: a dict that still has its version still holds it. Not used in the free-threaded
/// build, where another thread may change a dict between the check and the use.
struct GlobalCacheEntry {
  rt::DictObject* globals = nullptr;
  rt::DictObject* builtins = nullptr;
  uint64_t globals_version = 0;
  uint64_t builtins_version = 0;
  Value value;
};

/// What LOAD_ATTR, STORE_ATTR and LOAD_METHOD found for one attribute name on one type the last
/// time (vm/eval.cpp; CPython 3.11's LOAD_ATTR_INSTANCE_VALUE and friends, keyed by the type and
/// the type-lookup epoch instead of a per-type version tag). Valid while `type` is the receiver's
/// type and rt::type_epoch() still equals `epoch`: no class changed since, so `descr` (borrowed
/// from a class dict) is still what the MRO lookup finds. `hint` guesses the attribute's entry
/// in the instance __dict__. Not used in the free-threaded build: another thread could rewrite
/// an entry half-way through a read, and a class changed concurrently could free `descr`.
struct AttrCacheEntry {
  enum Kind : uint8_t {
    kInstance,  // no class attribute: the instance __dict__ alone
    kShadow,    // a non-data class attribute: the instance __dict__ first, then descr
    kData,      // a data descriptor (property, member, __dict__): descr's get/set
    kSlot,      // a __slots__ member kept in the instance's hidden slot tuple: item `hint`
  };
  const TypeObject* type = nullptr;
  uint64_t epoch = 0;
  Value descr;        // what the MRO lookup found (null for kInstance)
  uint32_t hint = 0;  // entry index of the name in the last instance __dict__ that had it
                      // (kSlot: the member's index in the slot tuple)
  Kind kind = kInstance;
  bool get_ok = false;  // loads may use the entry (the type's getattr is generic_getattr)
  bool set_ok = false;  // stores may use the entry (the type's setattr is generic_setattr)
  bool method = false;  // LOAD_METHOD may push descr and self (a plain method)
};

struct CodeObject : Object {
  std::shared_ptr<const CodeUnit> unit;
  std::vector<Value> consts;            // owned
  std::vector<StrObject*> names;        // interned, immortal
  std::vector<StrObject*> varnames;     // interned
  std::vector<StrObject*> cellvars;     // interned
  std::vector<StrObject*> freevars;     // interned
  Ref name, qualname, filename;
  int nlocals = 0;   // varnames.size()
  int ncells = 0;    // cellvars.size() + freevars.size()
  int frame_size = 0;  // nlocals + ncells + max_stack
  const uint32_t* code = nullptr;
  std::vector<GlobalCacheEntry> global_cache;  // one per names[] entry
  std::vector<AttrCacheEntry> attr_cache;      // one per names[] entry (attribute names)
};

extern TypeObject code_type;

/// Creates the runtime code object for a compiled unit (recursively for nested code constants).
Ref code_from_unit(std::shared_ptr<const CodeUnit> unit);
inline CodeObject* as_code(Value v) { return static_cast<CodeObject*>(v.obj()); }

struct FunctionObject : Object {
  rt::DictObject* dict = nullptr;  // function attributes
  Ref code;
  CodeObject* co = nullptr;  // == code
  Ref globals;               // a dict
  Ref defaults;              // tuple or null
  Ref kwdefaults;            // dict or null
  Ref closure;               // tuple of cells or null
  Ref name, qualname, module, doc;
  Ref annotations;           // null, a (name, value, ...) tuple from MAKE_FUNCTION, or the dict
  Ref retired_code;          // a list of the code objects __code__ held before, or null: a frame
                             // still running one borrows it from this function, which outlives it
};

extern TypeObject function_type;
inline FunctionObject* as_function(Value v) { return static_cast<FunctionObject*>(v.obj()); }
inline bool is_function(Value v) { return v.is_object() && v.obj()->type == &function_type; }

Ref function_new(Value code, Value globals, Value qualname);

}  // namespace minipy::vm
