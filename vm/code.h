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
