// TypeObject: a Python type. Builtin types are static, immortal TypeObjects with C++ slot
// functions; user classes are heap TypeObjects whose slots forward to dunder methods found on
// the MRO (runtime/type_slots.cpp). Attribute lookup, the C3 MRO and instance creation live in
// type.cpp.
//
// Slot conventions (all take borrowed Values):
//   * A Ref-returning slot returns null with an exception set on error.
//   * Binary number slots return NotImplemented() when they do not handle the operand types;
//     runtime/ops.cpp tries the reflected operand as CPython's binary_op1 does.
//   * iternext returns null *without* an exception set when the iterator is exhausted.
//   * Calls use the vectorcall shape: positional args, then keyword values whose names are in
//     kwnames (a tuple of str, or null).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/gc/collector.h"
#include "runtime/object.h"

namespace minipy::rt {

struct DictObject;
struct TupleObject;
struct StrObject;

enum class CmpOp : uint8_t { Lt, Le, Eq, Ne, Gt, Ge };  // same order as vm::CompareOp
enum class NumOp : uint8_t {  // same order as vm::BinaryOp
  Add, Sub, Mul, MatMul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Or, Xor, kCount
};

using DeallocFn = void (*)(Object*);
using UnaryFn = Ref (*)(Value);
using BinaryFn = Ref (*)(Value, Value);
using TernaryFn = Ref (*)(Value, Value, Value);
using HashFn = bool (*)(Value, int64_t* out);  // false = error
using RichCmpFn = Ref (*)(Value, Value, CmpOp);
using GetAttrFn = Ref (*)(Value, StrObject* name);
using SetAttrFn = bool (*)(Value, StrObject* name, Value v);  // v null = delete
using CallFn = Ref (*)(Value callable, const Value* args, size_t nargs, TupleObject* kwnames);
using LenFn = bool (*)(Value, int64_t* out);
using SetItemFn = bool (*)(Value, Value key, Value v);  // v null = delete
using ContainsFn = int (*)(Value, Value);               // 1, 0, -1 = error
using BoolFn = int (*)(Value);                          // 1, 0, -1 = error
using DescrGetFn = Ref (*)(Value descr, Value obj, Value type);  // obj null = via class
using DescrSetFn = bool (*)(Value descr, Value obj, Value v);    // v null = delete
using NewFn = Ref (*)(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames);
using InitFn = bool (*)(Value self, const Value* args, size_t nargs, TupleObject* kwnames);
using VisitFn = void (*)(Object*, void* arg);
using TraverseFn = void (*)(Object*, VisitFn, void* arg);
using ClearFn = void (*)(Object*);     // drops owned references (the collector breaks cycles)
using FinalizeFn = void (*)(Object*);  // PEP 442 tp_finalize: runs once, object still alive
/// What a send slot did (CPython's PySendResult): yielded *out (kNext), finished with the return
/// value *out (kReturn: no StopIteration made), or failed with an exception set (kError).
enum class SendResult : uint8_t { kReturn, kNext, kError };
using SendFn = SendResult (*)(Value self, Value arg, Ref* out);

/// The buffer slot (CPython's tp_as_buffer) of exporters other than bytes and bytearray, which
/// memoryview and bytes_like_data know directly: array.array. Its storage is one std::string
/// of items; memoryview and every bytes-like consumer read (and, unless `readonly`, write) it
/// in place. A memoryview acquires the exporter while it views it and releases it when released
/// or freed, so an exporter that can resize counts exports and refuses to resize meanwhile
/// (CPython's "cannot resize an array that is exporting buffers").
struct BufferProcs {
  std::string* (*storage)(Object* exporter);
  char (*format)(Object* exporter);  // struct format of one item: 'B', 'i', 'd', ...
  int (*itemsize)(Object* exporter);
  void (*acquire)(Object* exporter);
  void (*release)(Object* exporter);
  bool readonly = false;
};

/// For traverse slots: visits an owned value (null and small ints are skipped).
inline void visit_value(Value v, VisitFn visit, void* arg) {
  if (v.is_object()) visit(v.obj(), arg);
}

enum TypeFlags : uint32_t {
  kTypeHeap = 1u << 0,         // a user class (class statement or type(name, bases, ns))
  kTypeBaseType = 1u << 1,     // may be subclassed
  kTypeException = 1u << 2,    // BaseException or a subclass
  kTypeAbstract = 1u << 3,     // cannot be instantiated directly
  kTypeHasGetattr = 1u << 4,   // defines __getattr__ (fallback after normal lookup)
  kTypeIntSubclass = 1u << 5,  // fast subclass checks for common builtins
  kTypeStrSubclass = 1u << 6,
  kTypeListSubclass = 1u << 7,
  kTypeTupleSubclass = 1u << 8,
  kTypeDictSubclass = 1u << 9,
  kTypeTypeSubclass = 1u << 10,
  kTypeHasSlots = 1u << 12,    // __slots__ without __dict__: no instance __dict__; slot values
                               // live in a hidden tuple at subclass_dict_offset, one item per
                               // member descriptor (slot_count items; null = unset)
  kTypeWeakrefable = 1u << 13,  // instances can be weakly referenced (CPython's tp_weaklistoffset)
  kTypeSequence = 1u << 14,    // a sequence to `match` (CPython's Py_TPFLAGS_SEQUENCE)
  kTypeMapping = 1u << 15,     // a mapping to `match` (Py_TPFLAGS_MAPPING)
  kTypeMatchSelf = 1u << 16,   // `case int(x)` binds the subject itself (_Py_TPFLAGS_MATCH_SELF)
  kTypeMethodLike = 1u << 11,  // functions and method descriptors: call_special may call them
                               // with self prepended instead of binding a method object
  kTypeLeaf = 1u << 17,  // instances hold no references, have no finalizer and are never tracked
                         // or weakly referenced: dealloc_object calls dealloc straight away
                         // (float, int, str, bytes, complex; never inherited by subclasses)
  kTypeSubscriptOnly = 1u << 18,  // getitem is a mapping subscript (CPython's mp_subscript with no
                                  // sq_item: re.Match, sqlite3.Blob): iter() and `in` do not fall
                                  // back to indexing from 0 (not inherited by subclasses)
};

struct TypeObject : Object {
  std::string name;        // "int", or the class name
  std::string qualname;    // for user classes
  std::string module;      // "builtins" for builtins
  TypeObject* base = nullptr;          // tp_base: the solid base whose layout instances share
  std::vector<TypeObject*> bases;      // __bases__
  std::vector<TypeObject*> mro;        // __mro__, starting with this type
  std::vector<TypeObject*> subclasses; // direct subclasses, oldest first (not owned: a class
                                       // removes itself from its bases' lists when freed)
  DictObject* dict = nullptr;          // __dict__: class attributes and methods (owned)
  uint32_t flags = 0;
  size_t basic_size = 0;               // sizeof the C++ struct of instances
  // Offsets of a DictObject* from the object's address; negative for a slot in front of the
  // object (heap tuple subclasses, tuple.h).
  ptrdiff_t dict_offset = 0;           // offset of a DictObject* in instances, 0 = no __dict__
  ptrdiff_t subclass_dict_offset = 0;  // where heap subclasses keep their __dict__ (builtin bases)
  uint32_t slot_count = 0;  // __slots__ members of this class and its bases (their indices)
  TypeObject* slot_owner = nullptr;  // the class that added the last of them (itself or in its MRO)
  Value doc;                           // unused for now
  const char* text_signature = nullptr;  // __text_signature__ of a builtin ("()" for object), as
                                         // CPython parses it from tp_doc; null = None

  DeallocFn dealloc = nullptr;
  TraverseFn traverse = nullptr;  // visits every owned reference once (runtime/gc/collector.h)
  ClearFn clear = nullptr;        // mutable containers: drop references to break cycles
  FinalizeFn finalize = nullptr;  // __del__ of user classes, close() of generators
  UnaryFn repr = nullptr;
  UnaryFn str = nullptr;
  HashFn hash = nullptr;  // null = unhashable
  RichCmpFn richcompare = nullptr;
  GetAttrFn getattr = nullptr;
  SetAttrFn setattr = nullptr;
  CallFn call = nullptr;
  UnaryFn iter = nullptr;
  UnaryFn iternext = nullptr;
  // CPython's am_send: resumes with `arg` and tells a yielded value from a return value without
  // a StopIteration (generators, coroutines, _asyncio's FutureIter); YIELD_FROM and asyncio's
  // Task step use it when present. Not inherited: a subclass may override send() in Python.
  SendFn send = nullptr;
  DescrGetFn descr_get = nullptr;
  DescrSetFn descr_set = nullptr;  // non-null = data descriptor
  NewFn new_ = nullptr;
  InitFn init = nullptr;

  // numbers
  BinaryFn nb[static_cast<int>(NumOp::kCount)] = {};          // a op b (either operand's type)
  BinaryFn nb_inplace[static_cast<int>(NumOp::kCount)] = {};  // a op= b, optional
  UnaryFn nb_neg = nullptr;
  UnaryFn nb_pos = nullptr;
  UnaryFn nb_invert = nullptr;
  UnaryFn nb_abs = nullptr;
  BoolFn nb_bool = nullptr;
  UnaryFn nb_int = nullptr;    // int(x)
  UnaryFn nb_float = nullptr;  // float(x)
  UnaryFn nb_index = nullptr;  // operator.index(x)

  // containers
  LenFn len = nullptr;
  BinaryFn getitem = nullptr;
  SetItemFn setitem = nullptr;
  ContainsFn contains = nullptr;

  const BufferProcs* buffer = nullptr;  // exporters other than bytes/bytearray (see BufferProcs)
};

extern TypeObject int_type;

/// The type of any value (small ints are `int`). Inline: nearly every operation asks it.
inline TypeObject* type_of(Value v) { return v.is_small() ? &int_type : v.obj()->type; }

/// True when `t` is `base` or a subclass of it (walks the MRO).
bool is_subtype(const TypeObject* t, const TypeObject* base);
inline bool isinstance_exact(Value v, const TypeObject* t) { return type_of(v) == t; }
bool isinstance(Value v, const TypeObject* t);

/// Finds `name` in the MRO dictionaries of `t` (borrowed, or null; never raises).
Value type_lookup(const TypeObject* t, StrObject* name);
Value type_lookup(const TypeObject* t, const char* name);

/// Finishes a static builtin type at start-up: fills mro/bases, inherits slots from base,
/// creates its dict. Call once per builtin type, bases first.
void type_ready(TypeObject* t, TypeObject* base);
/// Puts `__module__` (t->module) into the dict of builtin type `t`, as CPython's PyType_FromSpec
/// and PyStructSequence_NewType do for the types an extension module creates (array.array,
/// _struct.Struct, os.stat_result): dir(t) lists it. CPython's static types (int, sys.flags)
/// have none; type.__module__ computes theirs from the name.
void type_add_module_attr(TypeObject* t);
/// Gives a type whose instances carry a __dict__ (dict_offset != 0) a `__dict__` descriptor in
/// its own dict unless a base already has one; `object` itself has none, as in CPython.
void add_dict_descriptor(TypeObject* t);

/// Slot wrappers (objects/slot_wrapper.cpp): the dunder methods of builtin types. type_ready notes
/// each builtin type; slot_wrappers_init() (once, after every builtin type's methods are added at
/// start-up) gives each the wrappers of the slots it defines itself, unless a method is there.
void slot_wrappers_note_type(TypeObject* t);
void slot_wrappers_init();

/// The most derived of `meta` and the metaclasses of `bases` (CPython's
/// _PyType_CalculateMetaclass); raises "metaclass conflict" and returns null when there is none.
TypeObject* type_calculate_metaclass(TypeObject* meta, TupleObject* bases);

/// Creates a user class (the semantics of `type(name, bases, namespace)`).
Ref type_new_class(TypeObject* metatype, StrObject* name, TupleObject* bases, DictObject* ns);
/// The rest of type.__new__ for a class type_new_class made (runtime/type_new_hooks.cpp): its
/// __classcell__, __set_name__ on its attributes, its parent's __init_subclass__(**kwargs).
bool type_new_hooks(TypeObject* t, const Value* kwvalues, TupleObject* kwnames);

/// Records that `t`'s attributes changed: bumps the lookup epoch (type_epoch below), the one
/// version tag every type cache checks. (A per-type counter beside it was written by every
/// class change and read by nothing, and in free-threaded builds it was a plain, racy field.)
void type_modified(TypeObject* t);
/// Invalidates every cached MRO lookup (any class changed).
void type_cache_invalidate();
/// The lookup epoch: bumped by type_cache_invalidate, i.e. whenever any class's attributes,
/// bases or MRO change and whenever a class is created or freed. A cache keyed by (type, epoch)
/// may keep a borrowed class attribute: the class dict holds it while the epoch is unchanged.
#ifndef MINIPY_FREE_THREADING
extern uint64_t g_type_epoch;
inline uint64_t type_epoch() { return g_type_epoch; }
#else
extern std::atomic<uint64_t> g_type_epoch;
inline uint64_t type_epoch() { return g_type_epoch.load(std::memory_order_acquire); }
#endif

/// Generic attribute access (object.__getattribute__ / __setattr__): data descriptors on the
/// type, then the instance __dict__, then other class attributes.
Ref generic_getattr(Value obj, StrObject* name);
/// Like generic_getattr but returns null *without* an exception when the attribute is missing.
Ref generic_getattr_noerror(Value obj, StrObject* name);
bool generic_setattr(Value obj, StrObject* name, Value v);
/// The generic lookup and store with `dict` (not null) standing for the instance __dict__, as
/// CPython's _PyObject_GenericGetAttrWithDict / _PyObject_GenericSetAttrWithDict: for objects
/// whose attributes live elsewhere (_thread._local: one dict per thread).
Ref generic_getattr_with_dict(Value obj, StrObject* name, DictObject* dict);
bool generic_setattr_with_dict(Value obj, StrObject* name, Value v, DictObject* dict);

/// The instance __dict__ of obj, or null when its type has none (borrowed slot address).
DictObject** instance_dict_slot(Value obj);

/// CPython's descr_check: true when `obj` is an instance of `owner`, the type whose descriptor
/// `name` (a slot, getset, method or slot wrapper) reads obj as its own struct; otherwise false
/// with TypeError "descriptor 'name' for 'Owner' objects doesn't apply to a 'T' object".
bool descr_check(const TypeObject* owner, std::string_view name, Value obj);

/// For the attribute caches: the index of `descr` in the hidden slot tuple of instances of `t`
/// (kTypeHasSlots in type.h), or -1 when `descr` is no __slots__ member kept there for `t`.
int64_t member_slot_index(Value descr, TypeObject* t);
/// The hidden slot tuple of an instance of a kTypeHasSlots class (a TupleObject; null before
/// the first store). Its items are the members' values, null when unset.
inline Object* slot_values(Object* o) {
  return *reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + o->type->subclass_dict_offset);
}

/// Instances of user classes that derive from object: just a __dict__.
struct InstanceObject : Object {
  DictObject* dict = nullptr;
};

/// CPython's tp_name, as its messages name a type: "module.name" for a native type outside
/// builtins (sys.flags), unless the name holds its module already ("sqlite3.Blob"); else the name.
std::string type_tp_name(const TypeObject* t);

/// CPython's tp_new_wrapper check for `owner.__new__(sub)` (object.__new__(dict) must not make
/// a dict without its table): the nearest base of `sub` whose __new__ is not Python code must
/// have `owner`'s native __new__. False, with TypeError "X.__new__(S) is not safe, use
/// B.__new__()", otherwise.
bool check_new_is_safe(TypeObject* owner, TypeObject* sub);

/// Makes `o` (fresh memory, or an object taken from a free list) a new instance of `type`: its
/// header, a reference to a heap type, collector tracking for container types.
template <class T>
T* init_instance(T* o, TypeObject* type) {
  o->type = type;
  init_refcount(o);
  gc_bits_store(o, 0);
  if (type->flags & kTypeHeap) incref(type);
  if (type->traverse != nullptr || (type->flags & kTypeHeap)) gc_track(o);  // type_is_gc
  return o;
}

/// Allocates a zeroed instance of `type` (heap types: incref the type). `T` is the C++ struct.
template <class T>
T* alloc_instance(TypeObject* type) {
  return init_instance(new T(), type);
}

extern TypeObject type_type;    // `type`
extern TypeObject object_type;  // `object`

}  // namespace minipy::rt
