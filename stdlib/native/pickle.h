// _pickle, shared between its files: the opcodes, the module state (the exceptions and what
// CPython's _pickle keeps from copyreg, _compat_pickle, codecs and functools), the Pickler and
// Unpickler objects, and the identity-keyed memo the Pickler uses.
//
// _pickle.cpp: the module (dump, dumps, load, loads, the state, the memo proxies);
// pickle_dump.cpp: Pickler; pickle_load.cpp: Unpickler. Semantics and messages are those of
// CPython 3.11's Modules/_pickle.c (our own code): pickle.py imports this module when it can and
// falls back to its Python classes otherwise, so both must behave alike.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {
struct DictObject;
struct StrObject;
}  // namespace minipy::rt

namespace minipy::lib::pickle {

/// The opcodes of protocols 0 to 5 (pickletools documents each).
enum Op : uint8_t {
  MARK = '(',
  STOP = '.',
  POP = '0',
  POP_MARK = '1',
  DUP = '2',
  FLOAT = 'F',
  INT = 'I',
  BININT = 'J',
  BININT1 = 'K',
  LONG = 'L',
  BININT2 = 'M',
  NONE = 'N',
  PERSID = 'P',
  BINPERSID = 'Q',
  REDUCE = 'R',
  STRING = 'S',
  BINSTRING = 'T',
  SHORT_BINSTRING = 'U',
  UNICODE = 'V',
  BINUNICODE = 'X',
  APPEND = 'a',
  BUILD = 'b',
  GLOBAL = 'c',
  DICT = 'd',
  EMPTY_DICT = '}',
  APPENDS = 'e',
  GET = 'g',
  BINGET = 'h',
  INST = 'i',
  LONG_BINGET = 'j',
  LIST = 'l',
  EMPTY_LIST = ']',
  OBJ = 'o',
  PUT = 'p',
  BINPUT = 'q',
  LONG_BINPUT = 'r',
  SETITEM = 's',
  TUPLE = 't',
  EMPTY_TUPLE = ')',
  SETITEMS = 'u',
  BINFLOAT = 'G',
  // protocol 2
  PROTO = 0x80,
  NEWOBJ = 0x81,
  EXT1 = 0x82,
  EXT2 = 0x83,
  EXT4 = 0x84,
  TUPLE1 = 0x85,
  TUPLE2 = 0x86,
  TUPLE3 = 0x87,
  NEWTRUE = 0x88,
  NEWFALSE = 0x89,
  LONG1 = 0x8a,
  LONG4 = 0x8b,
  // protocol 3
  BINBYTES = 'B',
  SHORT_BINBYTES = 'C',
  // protocol 4
  SHORT_BINUNICODE = 0x8c,
  BINUNICODE8 = 0x8d,
  BINBYTES8 = 0x8e,
  EMPTY_SET = 0x8f,
  ADDITEMS = 0x90,
  FROZENSET = 0x91,
  NEWOBJ_EX = 0x92,
  STACK_GLOBAL = 0x93,
  MEMOIZE = 0x94,
  FRAME = 0x95,
  // protocol 5
  BYTEARRAY8 = 0x96,
  NEXT_BUFFER = 0x97,
  READONLY_BUFFER = 0x98,
};

inline constexpr int kHighestProtocol = 5;
inline constexpr int kDefaultProtocol = 4;

/// What the module keeps for the process (CPython's PickleState), filled by init__pickle.
struct State {
  rt::Ref pickle_error, pickling_error, unpickling_error;  // the exception classes
  rt::Ref dispatch_table;                                  // copyreg.dispatch_table
  rt::Ref extension_registry;   // copyreg._extension_registry: (module, name) -> code
  rt::Ref inverted_registry;    // copyreg._inverted_registry: code -> (module, name)
  rt::Ref extension_cache;      // copyreg._extension_cache: code -> object
  rt::Ref name_mapping_2to3;    // _compat_pickle.NAME_MAPPING
  rt::Ref import_mapping_2to3;  // _compat_pickle.IMPORT_MAPPING
  rt::Ref name_mapping_3to2;    // _compat_pickle.REVERSE_NAME_MAPPING
  rt::Ref import_mapping_3to2;  // _compat_pickle.REVERSE_IMPORT_MAPPING
  rt::Ref codecs_encode;        // codecs.encode (bytes under protocols 0-2)
  rt::Ref getattr;              // builtins.getattr (nested globals under protocols 0-3)
  rt::Ref partial;              // functools.partial (NEWOBJ_EX under protocols 2-3)
};
State& state();

/// Raises `cls` (one of the State's exception classes) with `msg`; returns null.
rt::Ref raise_pickle(const rt::Ref& cls, std::string_view msg);

/// The Pickler's memo: objects by identity -> their memo index, holding a reference to each so
/// that no id is reused while the pickler lives (CPython's PyMemoTable). Open addressing.
class IdentityMemo {
 public:
  IdentityMemo() = default;
  IdentityMemo(const IdentityMemo&) = delete;
  IdentityMemo& operator=(const IdentityMemo&) = delete;
  ~IdentityMemo() { clear(); }
  /// The index stored for `v`, or null.
  const int64_t* get(rt::Value v) const;
  /// memo[v] = index (a new entry takes a reference to v).
  void set(rt::Value v, int64_t index);
  size_t size() const { return used_; }
  void clear();
  struct Entry {
    uint64_t key = 0;  // the Value's bits; 0 = empty
    int64_t index = 0;
  };
  const std::vector<Entry>& entries() const { return table_; }

 private:
  size_t slot(uint64_t key) const;
  std::vector<Entry> table_;
  size_t used_ = 0;
};

struct PicklerObject : rt::Object {
  rt::DictObject* dict = nullptr;  // __dict__ of subclass instances
  rt::Ref write;                   // file.write; null for dumps() and before __init__
  bool initialized = false;
  std::string out;           // output not yet written to the file
  int64_t frame_start = -1;  // offset of the open frame's header in `out`, or -1
  bool framing = false;
  int proto = kDefaultProtocol;
  int bin = 1;  // proto > 0 (a member: tests read and set it)
  bool fix_imports = true;
  int fast = 0;  // "fast" mode: no memo (no recursive objects)
  int fast_nesting = 0;
  std::unordered_set<Object*> fast_memo;  // containers being saved, past the nesting limit
  IdentityMemo memo;
  rt::Ref pers_func;         // persistent_id (as looked up on the instance), or null
  rt::Ref dispatch_table;    // the instance's or class's dispatch_table, or null
  rt::Ref reducer_override;  // looked up for each dump(), then dropped
  rt::Ref buffer_callback;   // protocol 5 out-of-band buffers (PickleBuffer is not provided)
};

struct UnpicklerObject : rt::Object {
  rt::DictObject* dict = nullptr;  // __dict__ of subclass instances
  bool initialized = false;
  // Input: loads() data (borrowed from `input_owner` or copied) or bytes read from a file.
  rt::Ref read, readline;  // the file's methods; null for loads()
  rt::Ref input_owner;
  std::string buffer;  // file mode: bytes read and not yet consumed (from `pos`)
  std::string_view input;
  size_t pos = 0;
  // The machine.
  std::vector<rt::Ref> stack;
  std::vector<size_t> marks;
  size_t fence = 0;                         // stack entries below the last MARK are out of reach
  std::vector<rt::Ref> memo;                // dense memo (null = unset)
  std::map<uint64_t, rt::Ref> sparse_memo;  // indices far beyond the dense part (hostile input)
  size_t memo_len = 0;                      // set entries (MEMOIZE's next index)
  int proto = 0;
  bool fix_imports = true;
  std::string encoding = "ASCII";
  std::string errors = "strict";
  rt::Ref pers_func;  // persistent_load, or null
  rt::Ref buffers;    // iterator of out-of-band buffers, or null
};

extern rt::TypeObject pickler_type;
extern rt::TypeObject unpickler_type;

void pickler_type_init();
void unpickler_type_init();

/// The Pickler protocol from a `protocol` argument (None = default, negative = highest).
bool pickler_setup(PicklerObject* p, rt::Value protocol, bool fix_imports, rt::Value file,
                   rt::Value buffer_callback);
/// Pickles `obj` into p->out (and through p->write when set). False with an error pending.
bool pickler_dump(PicklerObject* p, rt::Value obj);
bool pickler_flush(PicklerObject* p);

/// Sets the Unpickler's options (encoding and errors must be str).
bool unpickler_setup(UnpicklerObject* u, bool fix_imports, std::string_view encoding,
                     std::string_view errors, rt::Value buffers);
/// Reads from `file` (which needs read and readline).
bool unpickler_set_file(UnpicklerObject* u, rt::Value file);
/// Reads from a bytes-like object.
bool unpickler_set_data(UnpicklerObject* u, rt::Value data);
rt::Ref unpickler_load(UnpicklerObject* u);

/// Memo proxies (pickler.memo, unpickler.memo): _pickle.cpp.
rt::Ref pickler_memo_proxy(rt::Value pickler);
rt::Ref unpickler_memo_proxy(rt::Value unpickler);
bool pickler_set_memo(PicklerObject* p, rt::Value v);
bool unpickler_set_memo(UnpicklerObject* u, rt::Value v);
/// The unpickler's memo as a dict {index: object}.
rt::Ref unpickler_memo_dict(UnpicklerObject* u);
void unpickler_memo_put(UnpicklerObject* u, uint64_t index, rt::Value v);
void unpickler_memo_clear(UnpicklerObject* u);

}  // namespace minipy::lib::pickle
