// Types: readying builtin types, creating user classes (C3 MRO, layout checks), attribute
// lookup along the MRO, generic instance attribute access, and calling a type to instantiate it.
#include "runtime/type.h"

#include "runtime/objects/mappingproxy.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "runtime/caller_globals.h"
#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/gc/weakref.h"
#include "runtime/hash.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/delayed_release.h"
#include "runtime/state/stop_the_world.h"

namespace minipy::rt {

static void note_subclass(TypeObject* base, TypeObject* t);  // __subclasses__ bookkeeping
static std::mutex g_subclasses_mutex;  // the free-threaded build may create classes concurrently
static void forget_subclass(TypeObject* base, TypeObject* t);

void type_fixup_slots(TypeObject* t);  // type_slots.cpp
bool str_is_identifier(std::string_view s);  // objects/str_methods.cpp

bool is_subtype(const TypeObject* t, const TypeObject* base) {
  if (t == base) return true;
  for (const TypeObject* m : t->mro) {
    if (m == base) return true;
  }
  return false;
}

bool isinstance(Value v, const TypeObject* t) { return is_subtype(type_of(v), t); }

#ifndef MINIPY_FREE_THREADING
uint64_t g_type_epoch = 1;
#else
std::atomic<uint64_t> g_type_epoch{1};
#endif

namespace {
// A direct-mapped cache of MRO lookups (CPython's method cache). An entry is valid while the
// global epoch is unchanged; any change to any class (attribute assignment, class creation or
// destruction) bumps the epoch. Only touched with the GIL held in the default build.
struct LookupCacheEntry {
  const TypeObject* type;
  StrObject* name;
  uint64_t epoch;
  Value value;  // borrowed: the owning class dict keeps it alive while the epoch holds
};
constexpr size_t kLookupCacheSize = 4096;
#ifndef MINIPY_FREE_THREADING
LookupCacheEntry g_lookup_cache[kLookupCacheSize];
#else
// Free-threaded: an entry is four words that another thread could be half-way through
// rewriting, so each thread has its own cache (no locks on the hit path), and the epoch is
// atomic so a class change made by any thread invalidates every thread's entries. (A value
// found here is borrowed from the class dict: a class changed concurrently with the lookup can
// still free it, as with any borrowed dict value; classes are rarely changed while in use.)
thread_local LookupCacheEntry g_lookup_cache[kLookupCacheSize];
#endif

Value type_lookup_uncached(const TypeObject* t, StrObject* name) {
  // By index, re-reading the MRO: a probe may run a key's __eq__, which may assign __bases__
  // and replace t->mro (test_descr's test_type_lookup_mro_reference).
  for (size_t i = 0; i < t->mro.size(); i++) {
    const TypeObject* m = t->mro[i];
    if (m->dict == nullptr) continue;
    Value v = dict_get_str(m->dict, name);
    if (v) return v;
  }
  return Value();
}
}  // namespace

void type_cache_invalidate() { g_type_epoch++; }

Value type_lookup(const TypeObject* t, StrObject* name) {
  if (!name->interned) return type_lookup_uncached(t, name);
  size_t h = ((reinterpret_cast<uintptr_t>(t) >> 4) ^ (reinterpret_cast<uintptr_t>(name) >> 3)) & (kLookupCacheSize - 1);
  LookupCacheEntry& e = g_lookup_cache[h];
  if (e.type == t && e.name == name && e.epoch == g_type_epoch) return e.value;
  uint64_t epoch = g_type_epoch;  // before the probes: one that changes a class voids the entry
  Value v = type_lookup_uncached(t, name);
  e = LookupCacheEntry{t, name, epoch, v};
  return v;
}

Value type_lookup(const TypeObject* t, const char* name) { return type_lookup(t, intern(name)); }

// Pattern matching's sequence/mapping kind (PEP 634): `__abc_tpflags__` in the class body
// (collections.abc.Sequence and Mapping set it; CPython's _abc_init consumes it), else the first
// class along the MRO that has one, as CPython's inherit_patma_flags.
static bool inherit_collection_flags(TypeObject* t) {
  constexpr uint32_t kCollection = kTypeSequence | kTypeMapping;
  StrObject* key = intern("__abc_tpflags__");
  Value tpflags = dict_get_str(t->dict, key);
  if (tpflags.is_small()) {
    int64_t v = tpflags.small();
    if ((v & (1 << 5)) && (v & (1 << 6))) {
      raise(&exc_TypeError, "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING");
      return false;
    }
    t->flags &= ~kCollection;
    if (v & (1 << 5)) t->flags |= kTypeSequence;       // Py_TPFLAGS_SEQUENCE
    else if (v & (1 << 6)) t->flags |= kTypeMapping;   // Py_TPFLAGS_MAPPING
    dict_del(t->dict, Value(key));
    return true;
  }
  for (size_t i = 1; i < t->mro.size() && !(t->flags & kCollection); i++) {
    t->flags |= t->mro[i]->flags & kCollection;
  }
  return true;
}

void type_ready(TypeObject* t, TypeObject* base) {
  if (!t->mro.empty()) return;
  make_immortal(t);
  if (t->type == nullptr) t->type = &type_type;
  if (t->module.empty()) t->module = "builtins";
  if (t->qualname.empty()) t->qualname = t->name;
  t->base = base;
  if (base != nullptr && t->bases.empty()) t->bases.push_back(base);
  for (TypeObject* b : t->bases) note_subclass(b, t);
  t->mro.push_back(t);
  if (base != nullptr) {
    for (TypeObject* m : base->mro) t->mro.push_back(m);
    // Inherit every slot the type does not define itself.
#define INHERIT(slot) \
  if (t->slot == nullptr) t->slot = base->slot
    INHERIT(dealloc);
    INHERIT(traverse);
    INHERIT(clear);
    INHERIT(finalize);
    INHERIT(repr);
    INHERIT(str);
    INHERIT(richcompare);
    INHERIT(getattr);
    INHERIT(setattr);
    INHERIT(call);
    INHERIT(iter);
    INHERIT(iternext);
    INHERIT(descr_get);
    INHERIT(descr_set);
    // A native type derived straight from object that has no constructor of its own cannot be
    // instantiated (CPython's Py_TPFLAGS_DISALLOW_INSTANTIATION, and its rule before 3.10):
    // object's new_ would make an instance without the type's C++ fields (select.poll()).
    if (base != &object_type || (t->flags & kTypeHeap)) INHERIT(new_);
    INHERIT(init);
    INHERIT(nb_neg);
    INHERIT(nb_pos);
    INHERIT(nb_invert);
    INHERIT(nb_abs);
    INHERIT(nb_bool);
    INHERIT(nb_int);
    INHERIT(nb_float);
    INHERIT(nb_index);
    INHERIT(len);
    INHERIT(getitem);
    INHERIT(setitem);
    INHERIT(contains);
    INHERIT(buffer);
#undef INHERIT
    // hash is inherited only when richcompare is too (a type defining __eq__ alone is unhashable).
    if (t->hash == nullptr && t->richcompare == base->richcompare) t->hash = base->hash;
    for (int i = 0; i < static_cast<int>(NumOp::kCount); i++) {
      if (t->nb[i] == nullptr) t->nb[i] = base->nb[i];
      if (t->nb_inplace[i] == nullptr) t->nb_inplace[i] = base->nb_inplace[i];
    }
    // Where subclass instances keep __dict__ depends on the C++ layout: inherit it only when the
    // layout is the base's (a tuple or int is not laid out like an object instance).
    if (t->subclass_dict_offset == 0 && (t->basic_size == 0 || t->basic_size == base->basic_size)) {
      t->subclass_dict_offset = base->subclass_dict_offset;
    }
    if (t->basic_size == 0) t->basic_size = base->basic_size;
    t->flags |= base->flags & (kTypeException | kTypeIntSubclass | kTypeStrSubclass |
                               kTypeListSubclass | kTypeTupleSubclass | kTypeDictSubclass |
                               kTypeTypeSubclass | kTypeMatchSelf);
    if (!(t->flags & (kTypeSequence | kTypeMapping))) t->flags |= base->flags & (kTypeSequence | kTypeMapping);
  }
  if (t->dict == nullptr) {
    Ref d = dict_new();
    t->dict = static_cast<DictObject*>(d.release().obj());
  }
  // As in CPython every type has its own __doc__ (None without one): `None.__doc__` is None,
  // not an AttributeError (enum's property() reads fget.__doc__ with fget None).
  if (names::doc != nullptr && !dict_get_str(t->dict, names::doc)) dict_set_str(t->dict, names::doc, None());
  slot_wrappers_note_type(t);
  add_dict_descriptor(t);
}

void type_modified(TypeObject*) { type_cache_invalidate(); }

std::string type_tp_name(const TypeObject* t) {
  if (!(t->flags & kTypeHeap) && !t->module.empty() && t->module != "builtins" &&
      t->name.find('.') == std::string::npos)
    return t->module + "." + t->name;
  return t->name;
}

// ---------------------------------------------------------------- C3 linearisation

static bool c3_merge(std::vector<std::vector<TypeObject*>>& seqs, std::vector<TypeObject*>& out) {
  for (;;) {
    bool any = false;
    for (auto& s : seqs) any = any || !s.empty();
    if (!any) return true;
    TypeObject* candidate = nullptr;
    for (auto& s : seqs) {
      if (s.empty()) continue;
      TypeObject* head = s.front();
      bool in_tail = false;
      for (auto& other : seqs) {
        if (std::find(other.begin() + (other.empty() ? 0 : 1), other.end(), head) != other.end()) {
          in_tail = true;
          break;
        }
      }
      if (!in_tail) {
        candidate = head;
        break;
      }
    }
    if (candidate == nullptr) return false;
    out.push_back(candidate);
    for (auto& s : seqs) {
      if (!s.empty() && s.front() == candidate) s.erase(s.begin());
    }
  }
}

/// The nearest non-heap ancestor: its C++ struct is the layout of instances.
static bool setup_slots(TypeObject* t, const std::vector<TypeObject*>& bases);

static TypeObject* solid_base(TypeObject* t) {
  while (t->flags & kTypeHeap) t = t->base;
  // Builtin exceptions that add nothing to their base's C++ layout share it (CPython's
  // extra_ivars test), so `class E(OSError, ValueError)` is allowed as in CPython.
  while ((t->flags & kTypeException) && t->base != nullptr && (t->base->flags & kTypeException) &&
         t->basic_size == t->base->basic_size) {
    t = t->base;
  }
  return t;
}

/// The base whose C++ layout instances of a class with these bases share (CPython's best_base):
/// all bases' layouts must lie on one inheritance chain. Null with TypeError when they do not.
static TypeObject* best_base_of(const std::vector<TypeObject*>& bases) {
  TypeObject* best = nullptr;
  TypeObject* best_base = nullptr;
  for (TypeObject* b : bases) {
    TypeObject* sb = solid_base(b);
    if (best != nullptr && is_subtype(best, sb)) {
      // The winner's layout already includes this one: keep the earlier base (CPython's order).
    } else if (best == nullptr || is_subtype(sb, best)) {
      best = sb;
      best_base = b;
    } else {
      raise(&exc_TypeError, "multiple bases have instance lay-out conflict");
      return nullptr;
    }
  }
  return best_base;
}

/// The MRO of a class with these bases, after the class itself: the C3 merge of the bases' MROs
/// (each read through `mro_of`, so a __bases__ assignment can use MROs not yet committed) and
/// the bases. False with TypeError when there is none.
template <typename MroOf>
static bool linearize(const std::vector<TypeObject*>& bases, MroOf mro_of,
                      std::vector<TypeObject*>* out) {
  for (size_t i = 0; i < bases.size(); i++) {
    if (std::find(bases.begin() + static_cast<long>(i) + 1, bases.end(), bases[i]) != bases.end()) {
      raise_fmt(&exc_TypeError, "duplicate base class {}", bases[i]->name);
      return false;
    }
  }
  std::vector<std::vector<TypeObject*>> seqs;
  for (TypeObject* b : bases) seqs.push_back(mro_of(b));
  seqs.push_back(bases);
  if (c3_merge(seqs, *out)) return true;
  std::string names;
  for (size_t i = 0; i < bases.size(); i++) names += (i ? ", " : "") + bases[i]->name;
  raise_fmt(&exc_TypeError,
            "Cannot create a consistent method resolution\norder (MRO) for bases {}", names);
  return false;
}

DictObject* (*g_caller_globals_hook)() = nullptr;

/// A type's name, qualname or str docstring must encode to UTF-8 (CPython keeps them as C
/// strings): a lone surrogate raises UnicodeEncodeError, as PyUnicode_AsUTF8.
static bool utf8_encodable(Value s) {
  if (as_str(s)->ascii) return true;
  return static_cast<bool>(str_encode(s, Value(), Value()));
}

/// CPython's check of a type name (type() and C.__name__ = ...).
static bool check_type_name(Value name) {
  if (as_str(name)->view().find('\0') != std::string_view::npos) {
    raise(&exc_ValueError, "type name must not contain null characters");
    return false;
  }
  return utf8_encodable(name);
}

Ref type_new_class(TypeObject* metatype, StrObject* name, TupleObject* bases_tuple, DictObject* ns) {
  if (!check_type_name(Value(name))) return Ref();
  Value ns_qualname = dict_get_str(ns, names::qualname);
  if (ns_qualname && !is_str(ns_qualname)) {
    return raise_fmt(&exc_TypeError, "type __qualname__ must be a str, not {}",
                     type_name(ns_qualname));
  }
  Value ns_doc = dict_get_str(ns, names::doc);
  if (ns_doc && is_str(ns_doc) && !utf8_encodable(ns_doc)) return Ref();
  // The namespace in its iteration order (an OrderedDict's, not its storage order).
  Ref d = dict_copy(ns);
  if (!d) return d;
  std::vector<TypeObject*> bases;
  for (size_t i = 0; i < bases_tuple->size; i++) {
    Value b = bases_tuple->at(i);
    if (!isinstance(b, &type_type)) {
      return raise(&exc_TypeError, "bases must be types");
    }
    auto* bt = static_cast<TypeObject*>(b.obj());
    if (!(bt->flags & kTypeBaseType)) {
      return raise_fmt(&exc_TypeError, "type '{}' is not an acceptable base type", bt->name);
    }
    bases.push_back(bt);
  }
  if (bases.empty()) bases.push_back(&object_type);

  TypeObject* best_base = best_base_of(bases);
  if (best_base == nullptr) return Ref();
  std::vector<TypeObject*> merged;
  if (!linearize(bases, [](TypeObject* b) { return b->mro; }, &merged)) return Ref();

  type_cache_invalidate();
  auto* t = new TypeObject();
  t->type = metatype;
  incref(metatype);
  init_refcount(t);
  t->flags = kTypeHeap | kTypeBaseType;
  t->name = std::string(name->view());
  t->base = best_base;
  t->bases = bases;
  for (TypeObject* b : bases) incref(b);
  for (TypeObject* b : bases) note_subclass(b, t);
  t->mro.push_back(t);
  for (TypeObject* m : merged) t->mro.push_back(m);

  t->dict = static_cast<DictObject*>(d.release().obj());
  // type(name, bases, ns) without '__module__': the calling code's module (a class statement's
  // body sets it itself), as CPython's type_new_set_module.
  if (!dict_get_str(t->dict, names::module)) {
    DictObject* globals = caller_globals();
    Value modname = globals != nullptr ? dict_get_str(globals, names::name) : Value();
    if (modname) dict_set_str(t->dict, names::module, modname);
  }
  Value qn = dict_get_str(t->dict, names::qualname);
  t->qualname = (qn && is_str(qn)) ? std::string(as_str(qn)->view()) : t->name;
  if (qn) dict_del(t->dict, Value(names::qualname));
  Value mod = dict_get_str(t->dict, names::module);
  t->module = (mod && is_str(mod)) ? std::string(as_str(mod)->view()) : "builtins";
  // __new__ defined in a class body is implicitly a staticmethod.
  Value nw = dict_get_str(t->dict, names::new_);
  if (nw && (type_of(nw)->flags & kTypeMethodLike)) {
    auto* sm = alloc_instance<StaticMethodObject>(&staticmethod_type);
    sm->func = Ref::new_ref(nw);
    dict_set_str(t->dict, names::new_, Value(sm));
    decref(sm);
  }
  // __class_getitem__ (PEP 560) and __init_subclass__ (PEP 487) are implicitly classmethods:
  // string.py calls Template.__init_subclass__() on the class itself.
  for (StrObject* implicit : {intern("__class_getitem__"), names::init_subclass}) {
    Value fn = dict_get_str(t->dict, implicit);
    if (fn && (type_of(fn)->flags & kTypeMethodLike)) {
      auto* cm = alloc_instance<StaticMethodObject>(&classmethod_type);
      cm->func = Ref::new_ref(fn);
      dict_set_str(t->dict, implicit, Value(cm));
      decref(cm);
    }
  }

  // Layout and slots come from the solid base, then dunders found on the MRO override them.
  TypeObject* sb = solid_base(best_base);
  t->basic_size = sb->basic_size;
  t->subclass_dict_offset = sb->subclass_dict_offset;
  t->dict_offset = sb->subclass_dict_offset;
  if (!setup_slots(t, bases)) {
    decref(t);
    return Ref();
  }

  // Weak references: inherited, and added by a class without __slots__ (CPython adds a
  // __weakref__ slot then, except over variable-size builtin layouts such as int and tuple).
  bool base_weakrefable = false;
  for (TypeObject* b : bases) base_weakrefable |= (b->flags & kTypeWeakrefable) != 0;
  if (!dict_get_str(t->dict, intern("__slots__")) &&
      !(sb->flags & (kTypeIntSubclass | kTypeTupleSubclass)) && sb != &bytes_type) {
    t->flags |= kTypeWeakrefable;
  }
  add_dict_descriptor(t);
  // The class that adds weak-reference support gets the __weakref__ attribute (CPython's slot).
  if ((t->flags & kTypeWeakrefable) && !base_weakrefable && !dict_get_str(t->dict, intern("__weakref__"))) {
    add_getset(t, "__weakref__", weakref_first);
  }
  if (base_weakrefable) t->flags |= kTypeWeakrefable;
  // Every class has its own __doc__ (None without a docstring), so it is never inherited. Added
  // after __slots__, __dict__ and __weakref__, as CPython's PyType_Ready does: '__doc__' may be a
  // slot (typing's classes), and the class dict lists the names in CPython's order.
  if (!dict_get_str(t->dict, names::doc)) dict_set_str(t->dict, names::doc, None());
  t->dealloc = sb->dealloc;
  t->traverse = sb->traverse;
  t->clear = sb->clear;
  t->finalize = sb->finalize;
  t->flags |= best_base->flags & (kTypeException | kTypeIntSubclass | kTypeStrSubclass |
                                  kTypeListSubclass | kTypeTupleSubclass | kTypeDictSubclass |
                                  kTypeTypeSubclass | kTypeMatchSelf);
  if (!inherit_collection_flags(t)) {
    decref(t);
    return Ref();
  }
  // Start from the best base's slots (it may itself be a heap type with forwarding slots).
  t->repr = best_base->repr;
  t->str = best_base->str;
  t->hash = best_base->hash;
  t->richcompare = best_base->richcompare;
  t->getattr = best_base->getattr;
  t->setattr = best_base->setattr;
  t->call = best_base->call;
  t->iter = best_base->iter;
  t->iternext = best_base->iternext;
  t->descr_get = best_base->descr_get;
  t->descr_set = best_base->descr_set;
  t->new_ = best_base->new_;
  t->init = best_base->init;
  for (int i = 0; i < static_cast<int>(NumOp::kCount); i++) {
    t->nb[i] = best_base->nb[i];
    t->nb_inplace[i] = best_base->nb_inplace[i];
  }
  t->nb_neg = best_base->nb_neg;
  t->nb_pos = best_base->nb_pos;
  t->nb_invert = best_base->nb_invert;
  t->nb_abs = best_base->nb_abs;
  t->nb_bool = best_base->nb_bool;
  t->nb_int = best_base->nb_int;
  t->nb_float = best_base->nb_float;
  t->nb_index = best_base->nb_index;
  t->len = best_base->len;
  t->getitem = best_base->getitem;
  t->setitem = best_base->setitem;
  t->contains = best_base->contains;
  t->buffer = best_base->buffer;
  type_fixup_slots(t);
  gc_track(t);
  return Ref::steal(Value(t));
}

// ---------------------------------------------------------------- __slots__

// member_descriptor: one name of a class's __slots__. Instances of a class whose slots replace
// the __dict__ (kTypeHasSlots) keep the values in a hidden tuple, item `index`, in the field where
// the instance __dict__ would be, so the object layout stays that of the solid base and reads and
// writes are an index, not a dict lookup (the tuple is filled in place: nothing else sees it). A
// class that also has a __dict__ (a base without __slots__, or '__dict__' among the slots) keeps
// them in that __dict__.
struct MemberDescrObject : Object {
  Ref name;  // str
  TypeObject* owner;
  uint32_t index;  // item of the hidden tuple (owner's bases' slot_count + position)
};
TypeObject member_descr_type;

static Object** slot_storage(Value obj) {
  TypeObject* t = type_of(obj);
  if (t->subclass_dict_offset == 0) return nullptr;
  return reinterpret_cast<Object**>(reinterpret_cast<char*>(obj.obj()) + t->subclass_dict_offset);
}

/// The slot names of `t`'s instances by index ("" where none), from the member descriptors of
/// its MRO.
static std::vector<std::string_view> slot_layout(const TypeObject* t) {
  std::vector<std::string_view> names(t->slot_count);
  for (const TypeObject* m : t->mro) {
    if (m->dict == nullptr) continue;
    size_t pos = 0;
    Value k, v;
    while (dict_next(m->dict, &pos, &k, &v)) {
      if (type_of(v) != &member_descr_type) continue;
      auto* md = static_cast<MemberDescrObject*>(v.obj());
      if (md->owner == m && md->index < names.size()) names[md->index] = as_str(md->name.get())->view();
    }
  }
  return names;
}

/// Whether instances of `a` and `b` keep the same slots at the same indices (part of CPython's
/// compatible_for_assignment: same_slots_added compares the slot names).
bool same_slot_layout(const TypeObject* a, const TypeObject* b) {
  if (a->slot_count != b->slot_count) return false;
  return a->slot_count == 0 || slot_layout(a) == slot_layout(b);
}

int64_t member_slot_index(Value descr, TypeObject* t) {
  if (type_of(descr) != &member_descr_type || !(t->flags & kTypeHasSlots)) return -1;
  auto* m = static_cast<MemberDescrObject*>(descr.obj());
  return is_subtype(t, m->owner) ? m->index : -1;
}

bool descr_check(const TypeObject* owner, std::string_view name, Value obj) {
  if (isinstance(obj, owner)) return true;
  raise_fmt(&exc_TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object", name,
            owner->name, type_name(obj));
  return false;
}

static bool member_check(MemberDescrObject* m, Value obj) {
  return descr_check(m->owner, as_str(m->name.get())->view(), obj);
}

static Ref member_missing(MemberDescrObject* m, Value obj) {
  return raise_fmt(&exc_AttributeError, "'{}' object has no attribute '{}'", type_of(obj)->name,
                   as_str(m->name.get())->view());
}

static Ref member_get(Value descr, Value obj, Value) {
  auto* m = static_cast<MemberDescrObject*>(descr.obj());
  if (!obj) return Ref::new_ref(descr);
  if (!member_check(m, obj)) return Ref();
  Object** storage = slot_storage(obj);
  Value v;
  {
    CriticalSection cs(obj);  // free-threaded: a store may replace (and free) the value
    if (storage != nullptr && *storage != nullptr) {
      if (type_of(obj)->flags & kTypeHasSlots) {
        auto* values = static_cast<TupleObject*>(*storage);
        if (m->index < values->size) v = values->items()[m->index];
      } else {
        v = dict_get_str(static_cast<DictObject*>(*storage), as_str(m->name.get()));
      }
    }
    if (v) return Ref::new_ref(v);
  }
  return member_missing(m, obj);
}

DictObject* instance_dict_ensure(Object* owner, DictObject** slot);

/// Stores (or with null `v` deletes) slot `m` of a kTypeHasSlots instance in its hidden tuple.
static bool slot_array_store(MemberDescrObject* m, Value obj, Object** storage, Value v) {
  Value old;
  {
    CriticalSection cs(obj);
    auto* values = static_cast<TupleObject*>(*storage);
    if (v && (values == nullptr || m->index >= values->size)) {
      // First store, or an object whose class changed to one with more slots: a larger tuple.
      size_t n = std::max<size_t>(type_of(obj)->slot_count, m->index + 1);
      auto* grown = static_cast<TupleObject*>(tuple_new(n).release().obj());
      if (values != nullptr) {
        for (size_t i = 0; i < values->size; i++) {
          incref(values->items()[i]);
          grown->items()[i] = values->items()[i];
        }
        decref(values);
      }
      *storage = grown;
      values = grown;
    }
    if (!v && (values == nullptr || m->index >= values->size || !values->items()[m->index])) {
      raise(&exc_AttributeError, as_str(m->name.get())->view());  // CPython's message: the name
      return false;
    }
    if (v) incref(v);
    old = values->items()[m->index];
    values->items()[m->index] = v;
    // The collector stops tracking a filled tuple of atoms (tuple_may_untrack); this one is
    // written again, so it is tracked again once it may hold a container.
    if (v.is_object() && !gc_is_tracked(values)) gc_track(values);
  }
  decref(old);  // outside the section: it may run a finalizer
  return true;
}

static bool member_set(Value descr, Value obj, Value v) {
  auto* m = static_cast<MemberDescrObject*>(descr.obj());
  if (!member_check(m, obj)) return false;
  Object** storage = slot_storage(obj);
  if (storage == nullptr) {
    raise(&exc_SystemError, "__slots__ storage missing");
    return false;
  }
  if (type_of(obj)->flags & kTypeHasSlots) return slot_array_store(m, obj, storage, v);
  auto** d = reinterpret_cast<DictObject**>(storage);
  if (v) return dict_set_str(instance_dict_ensure(obj.obj(), d), as_str(m->name.get()), v);
  if (*d == nullptr || !dict_get_str(*d, as_str(m->name.get()))) {
    raise(&exc_AttributeError, as_str(m->name.get())->view());
    return false;
  }
  return dict_del(*d, m->name.get());
}

static Ref member_repr(Value v) {
  auto* m = static_cast<MemberDescrObject*>(v.obj());
  return str_new(fmt::format("<member '{}' of '{}' objects>", as_str(m->name.get())->view(), m->owner->name));
}

static void member_dealloc(Object* o) { delete static_cast<MemberDescrObject*>(o); }

// Reads __slots__ from the new class's dict: adds a member descriptor per name and, unless
// "__dict__" is among them or a base already gives instances a __dict__, removes the __dict__.
static bool setup_slots(TypeObject* t, const std::vector<TypeObject*>& bases) {
  // The members of the bases keep their indices: the new class's own come after those of the
  // base with the most. Two bases with members of their own, neither deriving from the other,
  // would need the same indices: CPython's layout conflict.
  TypeObject* widest = nullptr;  // compared by the classes that added members
  for (TypeObject* b : bases) {
    TypeObject* o = b->slot_owner;
    if (o == nullptr || (widest != nullptr && is_subtype(widest, o))) continue;
    if (widest != nullptr && !is_subtype(o, widest)) {
      raise(&exc_TypeError, "multiple bases have instance lay-out conflict");
      return false;
    }
    widest = o;
  }
  t->slot_count = widest != nullptr ? widest->slot_count : 0;
  t->slot_owner = widest;
  Value spec = dict_get_str(t->dict, intern("__slots__"));
  if (!spec) return true;
  if (member_descr_type.mro.empty()) {
    member_descr_type.name = "member_descriptor";
    member_descr_type.basic_size = sizeof(MemberDescrObject);
    member_descr_type.dealloc = member_dealloc;
    member_descr_type.descr_get = member_get;
    member_descr_type.descr_set = member_set;
    member_descr_type.repr = member_repr;
    type_ready(&member_descr_type, &object_type);
  }
  std::vector<Ref> slot_names;
  if (is_str(spec)) {
    slot_names.push_back(Ref::new_ref(spec));
  } else {
    Ref it = get_iter(spec);
    if (!it) return false;
    for (;;) {
      Ref x = iter_next(it.get());
      if (!x) break;
      slot_names.push_back(std::move(x));
    }
    if (error_pending()) return false;
  }
  bool wants_dict = false, wants_weakref = false;
  // CPython's type_new_visit_slots: only a class whose best base has no instance __dict__ (no
  // weak references, no variable-size layout) may add one, once. Only a Python base is asked:
  // some native types here carry a __dict__ or weak references that CPython's lack
  // (_socket.socket, whose Python subclass lists '__weakref__').
  TypeObject* layout = solid_base(t->base);
  bool heap_base = (t->base->flags & kTypeHeap) != 0;
  bool may_add_dict = !heap_base || t->base->dict_offset == 0;
  bool may_add_weak = !(heap_base && (t->base->flags & kTypeWeakrefable)) &&
                      layout != &tuple_type && layout != &int_type && layout != &bytes_type &&
                      layout != &type_type;
  std::vector<StrObject*> added;  // slot names given members so far
  for (const Ref& n : slot_names) {
    if (!is_str(n.get())) {
      raise_fmt(&exc_TypeError, "__slots__ items must be strings, not '{}'", type_name(n.get()));
      return false;
    }
    std::string_view name = as_str(n.get())->view();
    if (!str_is_identifier(name)) {
      raise(&exc_TypeError, "__slots__ must be identifiers");
      return false;
    }
    if (name == "__dict__") {
      if (!may_add_dict || wants_dict) {
        raise(&exc_TypeError, "__dict__ slot disallowed: we already got one");
        return false;
      }
      wants_dict = true;
      continue;
    }
    if (name == "__weakref__") {
      if (!may_add_weak || wants_weakref) {
        raise(&exc_TypeError,
              "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
        return false;
      }
      wants_weakref = true;
      t->flags |= kTypeWeakrefable;
      continue;
    }
    // A private name is mangled as in the class body (`__s` in class C: `_C__s`), as CPython's
    // _Py_Mangle does for slots.
    std::string mangled;
    if (name.size() > 2 && name.substr(0, 2) == "__" && name.substr(name.size() - 2) != "__" &&
        name.find('.') == std::string_view::npos) {
      size_t lead = t->name.find_first_not_of('_');
      if (lead != std::string::npos) {
        mangled = "_" + t->name.substr(lead) + std::string(name);
        name = mangled;
      }
    }
    StrObject* key = intern(name);
    // A name listed twice gets one member (datetime's __slots__ = date's + time's both name
    // _hashcode): CPython checks the class namespace before adding any member.
    if (std::find(added.begin(), added.end(), key) != added.end()) continue;
    if (dict_get_str(t->dict, key)) {
      raise_fmt(&exc_ValueError, "'{}' in __slots__ conflicts with class variable", name);
      return false;
    }
    added.push_back(key);
  }
  // The members in sorted order, as CPython sorts the slot names: the layout (and the class
  // dict) of __slots__ = ('b', 'a') is that of ('a', 'b'), so __class__ can move between them.
  std::sort(added.begin(), added.end(),
            [](StrObject* x, StrObject* y) { return x->view() < y->view(); });
  for (StrObject* key : added) {
    auto* m = alloc_instance<MemberDescrObject>(&member_descr_type);
    m->name = Ref::new_ref(Value(key));
    m->owner = t;
    m->index = t->slot_count++;
    dict_set_str(t->dict, key, Value(m));
    decref(m);
  }
  if (!added.empty()) {
    // CPython's variable-size layouts (tp_itemsize != 0) have no room for members after the items.
    TypeObject* sb = solid_base(t->base);
    if (sb == &tuple_type || sb == &int_type || sb == &bytes_type || sb == &type_type) {
      raise_fmt(&exc_TypeError, "nonempty __slots__ not supported for subtype of '{}'", sb->name);
      return false;
    }
    t->slot_owner = t;
  }
  // Instances keep a __dict__ when any heap base has one (a base without __slots__).
  bool base_has_dict = false;
  for (TypeObject* b : bases) {
    for (TypeObject* m : b->mro) {
      if ((m->flags & kTypeHeap) && !(m->flags & kTypeHasSlots)) base_has_dict = true;
    }
  }
  if (!wants_dict && !base_has_dict && t->subclass_dict_offset != 0) {
    t->dict_offset = 0;
    t->flags |= kTypeHasSlots;
  }
  return true;
}

// ---------------------------------------------------------------- attribute access

DictObject** instance_dict_slot(Value obj) {
  if (!obj.is_object()) return nullptr;
  TypeObject* t = obj.obj()->type;
  if (t->dict_offset == 0) return nullptr;
  return reinterpret_cast<DictObject**>(reinterpret_cast<char*>(obj.obj()) + t->dict_offset);
}

/// The instance dict in `slot` (null if none yet). Free-threaded builds load it atomically: another
/// thread may be creating it (instance_dict_ensure).
static DictObject* instance_dict_load(DictObject** slot) {
#ifdef MINIPY_FREE_THREADING
  return std::atomic_ref<DictObject*>(*slot).load(std::memory_order_acquire);
#else
  return *slot;
#endif
}

/// The instance dict in `slot`, created on first use. Free-threaded builds create it under the
/// owner's critical section and publish it with a release store: two threads setting the first
/// attribute of one object at once must not both create one (one dict, and its attribute, would
/// be lost).
DictObject* instance_dict_ensure(Object* owner, DictObject** slot) {
  if (DictObject* d = instance_dict_load(slot)) return d;
  CriticalSection cs(owner);
  if (DictObject* d = instance_dict_load(slot)) return d;
  auto* d = static_cast<DictObject*>(dict_new().release().obj());
#ifdef MINIPY_FREE_THREADING
  std::atomic_ref<DictObject*>(*slot).store(d, std::memory_order_release);
#else
  *slot = d;
#endif
  return d;
}

namespace {
/// The generic lookup (CPython's _PyObject_GenericGetAttrWithDict): a data descriptor of the
/// type, else the instance dict `instance_dict()` gives (called only when needed; null for
/// none), else a non-data descriptor or class attribute. Null without an exception if missing.
template <class InstanceDict>
Ref generic_getattr_impl(Value obj, StrObject* name, InstanceDict instance_dict) {
  TypeObject* t = type_of(obj);
  Value descr = type_lookup(t, name);
  DescrGetFn get = nullptr;
  Ref keep;  // the instance dict lookup may run a key's __eq__, which may delete the class attribute
  if (descr) {
    TypeObject* dt = type_of(descr);
    get = dt->descr_get;
    if (get != nullptr && dt->descr_set != nullptr) return get(descr, obj, Value(t));
    keep = Ref::new_ref(descr);
  }
  if (DictObject* d = instance_dict(); d != nullptr) {
    Ref v = dict_get_str_ref(d, name);  // taken under the instance dict's lock
    if (v) return v;
  }
  if (descr) {
    if (get != nullptr) return get(descr, obj, Value(t));
    return Ref::new_ref(descr);
  }
  return Ref();
}
}  // namespace

Ref generic_getattr_noerror(Value obj, StrObject* name) {
  return generic_getattr_impl(obj, name, [obj]() -> DictObject* {
    DictObject** slot = instance_dict_slot(obj);
    return slot != nullptr ? instance_dict_load(slot) : nullptr;
  });
}

Ref generic_getattr_with_dict(Value obj, StrObject* name, DictObject* dict) {
  Ref r = generic_getattr_impl(obj, name, [dict] { return dict; });
  if (!r && !error_pending()) return raise_attribute_error(obj, name);
  return r;
}

Ref generic_getattr(Value obj, StrObject* name) {
  Ref r = generic_getattr_noerror(obj, name);
  if (!r && !error_pending()) return raise_attribute_error(obj, name);
  return r;
}

namespace {
/// Stores (null `v`: deletes) `name` in the instance dict `d`, created by `ensure` on the first
/// store; the rest of CPython's _PyObject_GenericSetAttrWithDict is generic_setattr's.
template <class EnsureDict>
bool instance_dict_store(Value obj, StrObject* name, Value v, DictObject* d, EnsureDict ensure) {
  TypeObject* t = type_of(obj);
  if (d == nullptr) {
    if (!v) {
      raise_fmt(&exc_AttributeError, "'{}' object has no attribute '{}'", t->name, name->view());
      return false;
    }
    d = ensure();
  }
  if (!v) {
    // Held: a key's __eq__ may replace obj.__dict__, dropping d's last reference mid-delete (as
    // CPython's generic setattr; the store below holds it inside dict_set_str when it must).
    Ref keep = Ref::new_ref(Value(d));
    int r = dict_del(d, Value(name));
    if (r == 0) {
      raise_fmt(&exc_AttributeError, "'{}' object has no attribute '{}'", t->name, name->view());
    }
    return r == 1;
  }
  return dict_set_str(d, name, v);
}

/// A data descriptor of obj's type for `name` stores through its __set__ (true, result in *ok);
/// false when there is none. `*descr_out`: what the type has under `name`, if anything.
bool store_through_descriptor(Value obj, StrObject* name, Value v, Value* descr_out, bool* ok) {
  Value descr = type_lookup(type_of(obj), name);
  *descr_out = descr;
  if (descr && type_of(descr)->descr_set != nullptr) {
    *ok = type_of(descr)->descr_set(descr, obj, v);
    return true;
  }
  return false;
}
}  // namespace

bool generic_setattr(Value obj, StrObject* name, Value v) {
  TypeObject* t = type_of(obj);
  Value descr;
  bool ok;
  if (store_through_descriptor(obj, name, v, &descr, &ok)) return ok;
  DictObject** slot = instance_dict_slot(obj);
  if (slot == nullptr) {
    if (descr) {
      raise_fmt(&exc_AttributeError, "'{}' object attribute '{}' is read-only", t->name, name->view());
    } else {
      raise_fmt(&exc_AttributeError, "'{}' object has no attribute '{}'", t->name, name->view());
    }
    return false;
  }
  return instance_dict_store(obj, name, v, instance_dict_load(slot),
                             [&] { return instance_dict_ensure(obj.obj(), slot); });
}

bool generic_setattr_with_dict(Value obj, StrObject* name, Value v, DictObject* dict) {
  Value descr;
  bool ok;
  if (store_through_descriptor(obj, name, v, &descr, &ok)) return ok;
  return instance_dict_store(obj, name, v, dict, [dict] { return dict; });
}

// ---------------------------------------------------------------- `type` itself

static Ref type_getattr(Value self, StrObject* name) {
  auto* t = static_cast<TypeObject*>(self.obj());
  TypeObject* meta = type_of(self);
  Value meta_descr = type_lookup(meta, name);
  if (meta_descr) {
    TypeObject* dt = type_of(meta_descr);
    if (dt->descr_get != nullptr && dt->descr_set != nullptr) return dt->descr_get(meta_descr, self, Value(meta));
  }
  Value attr = type_lookup(t, name);
  if (attr) {
    TypeObject* at = type_of(attr);
    if (at->descr_get != nullptr) return at->descr_get(attr, Value(), self);
    return Ref::new_ref(attr);
  }
  if (meta_descr) {
    TypeObject* dt = type_of(meta_descr);
    if (dt->descr_get != nullptr) return dt->descr_get(meta_descr, self, Value(meta));
    return Ref::new_ref(meta_descr);
  }
  return raise_fmt(&exc_AttributeError, "type object '{}' has no attribute '{}'", t->name, name->view());
}

static bool type_setattr(Value self, StrObject* name, Value v) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (!(t->flags & kTypeHeap)) {
    raise_fmt(&exc_TypeError,
              "cannot set '{}' attribute of immutable type '{}'", name->view(), t->name);
    return false;
  }
  TypeObject* meta = type_of(self);
  Value meta_descr = type_lookup(meta, name);
  if (meta_descr && type_of(meta_descr)->descr_set != nullptr) {
    return type_of(meta_descr)->descr_set(meta_descr, self, v);
  }
#ifdef MINIPY_FREE_THREADING
  // Other threads may hold the old value borrowed from an MRO lookup (type_lookup's cache hands
  // out borrowed class attributes): keep it until they cannot (delayed_release.h).
  Ref old = dict_get_str_ref(t->dict, name);
#endif
  bool ok;
  if (v) {
    ok = dict_set_str(t->dict, name, v);
  } else {
    int r = dict_del(t->dict, Value(name));
    if (r == 0) raise_fmt(&exc_AttributeError, "type object '{}' has no attribute '{}'", t->name, name->view());
    ok = r == 1;
  }
  type_modified(t);
#ifdef MINIPY_FREE_THREADING
  delayed_release(std::move(old));
#endif
  if (ok && name->view().starts_with("__")) type_fixup_slots(t);
  return ok;
}

static Ref type_call(Value callable, const Value* args, size_t nargs, TupleObject* kwnames) {
  auto* t = static_cast<TypeObject*>(callable.obj());
  if (t == &type_type && nargs != 3) {
    // Only type itself has the one-argument form (bpo-27157); a metaclass's M(x) reaches
    // type.__new__'s own argument check.
    if (nargs == 1 && (kwnames == nullptr || kwnames->size == 0))
      return Ref::new_ref(Value(type_of(args[0])));
    if (nargs == 1) return raise(&exc_TypeError, "type() takes no keyword arguments");
    return raise(&exc_TypeError, "type() takes 1 or 3 arguments");
  }
  if (t->new_ == nullptr) {
    return raise_fmt(&exc_TypeError, "cannot create '{}' instances", type_tp_name(t));
  }
  Ref obj = t->new_(t, args, nargs, kwnames);
  if (!obj) return obj;
  if (!isinstance(obj.get(), t)) return obj;
  // The object's own type initialises it: __new__ may have made an instance of a subtype
  // (type(name, bases, ns) handing over to a base's metaclass).
  TypeObject* ot = type_of(obj.get());
  if (ot->init != nullptr && !ot->init(obj.get(), args, nargs, kwnames)) return Ref();
  return obj;
}

TypeObject* type_calculate_metaclass(TypeObject* meta, TupleObject* bases) {
  TypeObject* winner = meta;
  for (size_t i = 0; i < bases->size; i++) {
    TypeObject* bt = type_of(bases->at(i));
    if (is_subtype(winner, bt)) continue;
    if (is_subtype(bt, winner)) {
      winner = bt;
      continue;
    }
    raise(&exc_TypeError,
          "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the "
          "metaclasses of all its bases");
    return nullptr;
  }
  return winner;
}

static Ref type_new_slot(TypeObject* meta, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (nargs != 3)
    return raise_fmt(&exc_TypeError, "type.__new__() takes exactly 3 arguments ({} given)", nargs);
  const char* kinds[3] = {"str", "tuple", "dict"};
  bool ok[3] = {is_str(args[0]), is_tuple(args[1]), is_dict(args[2])};
  for (int i = 0; i < 3; i++) {
    if (!ok[i]) {
      return raise_fmt(&exc_TypeError, "type.__new__() argument {} must be {}, not {}", i + 1,
                       kinds[i], type_name(args[i]));
    }
  }
  // type('E', (SomeEnum,), ns, **kw): a base's metaclass that derives from `meta` builds the class
  // (CPython's type_new hands over to the winner's own __new__).
  TypeObject* winner = type_calculate_metaclass(meta, as_tuple(args[1]));
  if (winner == nullptr) return Ref();
  if (winner != meta && winner->new_ != type_new_slot) return winner->new_(winner, args, nargs, kwnames);
  Ref cls = type_new_class(winner, as_str(args[0]), as_tuple(args[1]), as_dict(args[2]));
  if (!cls) return cls;
  if (!type_new_hooks(static_cast<TypeObject*>(cls.get().obj()), args + nargs, kwnames)) return Ref();
  return cls;
}

static bool type_init_slot(Value, const Value*, size_t, TupleObject*) { return true; }

static Ref type_repr(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (t->module == "builtins") return str_new(fmt::format("<class '{}'>", t->qualname));
  return str_new(fmt::format("<class '{}.{}'>", t->module, t->qualname));
}

static bool type_hash(Value self, int64_t* out) {
  *out = hash_pointer(self.obj());
  return true;
}

static void type_traverse(Object* o, VisitFn visit, void* arg) {
  auto* t = static_cast<TypeObject*>(o);
  if (!(t->flags & kTypeHeap)) return;  // static types are immortal
  for (TypeObject* b : t->bases) visit(b, arg);
  if (t->dict) visit(t->dict, arg);
  // The metatype is visited by gc_traverse (instances of heap types own their type).
}

static void type_dealloc(Object* o) {
  type_cache_invalidate();
  auto* t = static_cast<TypeObject*>(o);
  for (TypeObject* b : t->bases) forget_subclass(b, t);
  for (TypeObject* b : t->bases) decref(b);
  if (t->dict) decref(t->dict);
  // The metatype's reference is dropped by dealloc_object (heap metatypes; builtin ones are
  // immortal): dropping it here too freed user metaclasses early.
  delete t;
}

static Ref type_get_name(Value self) {
  const std::string& n = static_cast<TypeObject*>(self.obj())->name;
  // A builtin type's name may carry its module ("types.UnionType", used in messages as CPython's
  // tp_name); __name__ is the part after the last dot.
  if (!(static_cast<TypeObject*>(self.obj())->flags & kTypeHeap) && n.rfind('.') != std::string::npos) {
    return str_new(n.substr(n.rfind('.') + 1));
  }
  return str_new(n);
}
void type_add_module_attr(TypeObject* t) {
  Ref m = str_new(t->module);
  dict_set_str(t->dict, names::module, m.get());
}

static Ref type_get_qualname(Value self) { return str_new(static_cast<TypeObject*>(self.obj())->qualname); }
static Ref type_get_module(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  Value m = t->dict ? dict_get_str(t->dict, names::module) : Value();
  // A builtin type's dict entry counts only when it is the module name type_add_module_attr put
  // there: `type`'s own entry is this very descriptor (type.__module__ is 'builtins').
  if (m && ((t->flags & kTypeHeap) || is_str(m))) return Ref::new_ref(m);
  // Interned, as CPython's type_module: one object each time (pickle memoizes it by identity).
  return Ref::new_ref(Value(intern(t->module)));
}
/// C.__module__ = 'x': stored in the class dict, as CPython's type_set_module (heap types only).
static bool type_set_module(Value self, Value v) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (!(t->flags & kTypeHeap)) {
    raise_fmt(&exc_TypeError, "cannot set '__module__' attribute of immutable type '{}'", t->name);
    return false;
  }
  if (!v) {
    raise_fmt(&exc_TypeError, "cannot delete '__module__' attribute of immutable type '{}'", t->name);
    return false;
  }
  if (!dict_set_str(t->dict, names::module, v)) return false;
  // repr() and pickling read the C++ field; keep it in step when a str is assigned.
  if (is_str(v)) t->module = std::string(as_str(v)->view());
  type_modified(t);
  return true;
}
/// CPython's check_set_special_type_attr: a builtin type's special attributes are read-only.
static bool check_set_special(TypeObject* t, Value v, const char* name) {
  if (!(t->flags & kTypeHeap)) {
    raise_fmt(&exc_TypeError, "cannot set '{}' attribute of immutable type '{}'", name, t->name);
    return false;
  }
  if (!v) {
    raise_fmt(&exc_TypeError, "cannot delete '{}' attribute of immutable type '{}'", name, t->name);
    return false;
  }
  return true;
}
/// C.__annotations__ (CPython 3.10+'s type_get_annotations): the class's own entry, never a
/// base's, made (empty) on first read; builtin types have none.
static Ref type_get_annotations(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (!(t->flags & kTypeHeap)) {
    return raise_fmt(&exc_AttributeError, "type object '{}' has no attribute '__annotations__'",
                     t->name);
  }
  StrObject* key = intern("__annotations__");
  Ref v = dict_get_str_ref(t->dict, key);
  if (v) {
    DescrGetFn get = type_of(v.get())->descr_get;
    if (get != nullptr) return get(v.get(), Value(), self);
    return v;
  }
  Ref d = dict_new();
  if (!dict_set_str(t->dict, key, d.get())) return Ref();
  type_modified(t);
  return d;
}
static bool type_set_annotations(Value self, Value v) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (!(t->flags & kTypeHeap)) {
    raise_fmt(&exc_TypeError, "cannot set '__annotations__' attribute of immutable type '{}'",
              t->name);
    return false;
  }
  StrObject* key = intern("__annotations__");
  if (v) {
    if (!dict_set_str(t->dict, key, v)) return false;
  } else {
    int r = dict_del(t->dict, Value(key));
    if (r < 0) return false;
    if (r == 0) {
      raise(&exc_AttributeError, "__annotations__");
      return false;
    }
  }
  type_modified(t);
  return true;
}

static bool type_set_name(Value self, Value v) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (!check_set_special(t, v, "__name__")) return false;
  if (!is_str(v)) {
    raise_fmt(&exc_TypeError, "can only assign string to {}.__name__, not '{}'", t->name, type_name(v));
    return false;
  }
  if (!check_type_name(v)) return false;
  t->name = std::string(as_str(v)->view());
  return true;
}
/// C.__qualname__ = 'Outer.C' (dataclasses' slots=True re-creates a class and sets it).
static bool type_set_qualname(Value self, Value v) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (!check_set_special(t, v, "__qualname__")) return false;
  if (!is_str(v)) {
    raise_fmt(&exc_TypeError, "can only assign string to {}.__qualname__, not '{}'", t->name,
              type_name(v));
    return false;
  }
  t->qualname = std::string(as_str(v)->view());
  return true;
}
static Ref type_get_mro(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  Ref tup = tuple_new(t->mro.size());
  for (size_t i = 0; i < t->mro.size(); i++) {
    incref(t->mro[i]);
    tuple_set_steal(as_tuple(tup.get()), i, Value(t->mro[i]));
  }
  return tup;
}
static Ref type_get_bases(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  Ref tup = tuple_new(t->bases.size());
  for (size_t i = 0; i < t->bases.size(); i++) {
    incref(t->bases[i]);
    tuple_set_steal(as_tuple(tup.get()), i, Value(t->bases[i]));
  }
  return tup;
}
/// C.__bases__ = (...): CPython's type_set_bases. The new bases must give instances the same
/// layout; the class's MRO and those of all its subclasses are recomputed (all or nothing).
static bool type_set_bases(Value self, Value v) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (!check_set_special(t, v, "__bases__")) return false;
  if (!is_tuple(v)) {
    raise_fmt(&exc_TypeError, "can only assign tuple to {}.__bases__, not {}", t->name, type_name(v));
    return false;
  }
  TupleObject* tup = as_tuple(v);
  if (tup->size == 0) {
    raise_fmt(&exc_TypeError, "can only assign non-empty tuple to {}.__bases__, not ()", t->name);
    return false;
  }
  std::vector<TypeObject*> bases;
  for (size_t i = 0; i < tup->size; i++) {
    Value b = tup->at(i);
    if (!isinstance(b, &type_type)) {
      raise_fmt(&exc_TypeError, "{}.__bases__ must be tuple of classes, not '{}'", t->name,
                type_name(b));
      return false;
    }
    auto* bt = static_cast<TypeObject*>(b.obj());
    if (is_subtype(bt, t)) {
      raise(&exc_TypeError, "a __bases__ item causes an inheritance cycle");
      return false;
    }
    bases.push_back(bt);
  }
  TypeObject* best_base = best_base_of(bases);
  if (best_base == nullptr) return false;
  TypeObject* old_solid = solid_base(t->base);
  TypeObject* new_solid = solid_base(best_base);
  if (old_solid != new_solid || (best_base->flags & kTypeHasSlots) != (t->base->flags & kTypeHasSlots) ||
      best_base->slot_count != t->base->slot_count) {
    // CPython first compares tp_free, which differs between collected and plain objects.
    auto collected = [](TypeObject* b) { return (b->flags & kTypeHeap) || b->traverse != nullptr; };
    bool gc_differs = collected(t->base) != collected(best_base);
    raise_fmt(&exc_TypeError, "__bases__ assignment: '{}' {} differs from '{}'", best_base->name,
              gc_differs ? "deallocator" : "object layout", t->base->name);
    return false;
  }
  // New MROs for the class and every class below it, parents first; committed only when all
  // of them exist.
  std::vector<std::pair<TypeObject*, std::vector<TypeObject*>>> fresh;
  auto mro_of = [&](TypeObject* b) {
    for (auto& [k, m] : fresh) if (k == b) return m;
    return b->mro;
  };
  std::vector<TypeObject*> order = {t};
  for (size_t i = 0; i < order.size(); i++) {
    std::vector<TypeObject*> subs;
    {
      std::lock_guard<std::mutex> g(g_subclasses_mutex);
      subs = order[i]->subclasses;
    }
    for (TypeObject* sub : subs) {
      if (std::find(order.begin(), order.end(), sub) == order.end()) order.push_back(sub);
    }
  }
  for (TypeObject* k : order) {
    std::vector<TypeObject*> merged = {k};
    if (!linearize(k == t ? bases : k->bases, mro_of, &merged)) return false;
    fresh.emplace_back(k, std::move(merged));
  }
  for (TypeObject* b : t->bases) forget_subclass(b, t);
  for (TypeObject* b : bases) {
    incref(b);
    note_subclass(b, t);
  }
  std::vector<TypeObject*> old;
  {
    // Other threads' attribute and method lookups walk these vectors with no lock (type_lookup,
    // is_subtype), so in the free-threaded build they change with the world stopped: every
    // other thread parked at a check point, where no lookup is under way (a lookup that runs a
    // key's __eq__ re-reads the MRO by index afterwards). The epoch moves with them. In the
    // default build the GIL holder is the only reader and this is a plain block.
    StopTheWorld stw;
    old = std::move(t->bases);
    t->bases = std::move(bases);
    t->base = best_base;
    for (auto& [k, m] : fresh) k->mro.swap(m);  // the old MROs are freed with `fresh`
    type_cache_invalidate();
  }
  for (auto& [k, m] : fresh) {
    (void)inherit_collection_flags(k);  // __abc_tpflags__ was consumed when k was made
    type_fixup_slots(k);
    type_modified(k);
  }
  for (TypeObject* b : old) decref(b);
  return true;
}

/// C.__base__ is the base whose layout the class extends (CPython's tp_base, best_base), not
/// the first listed: class C(B, int) has int.
static Ref type_get_base(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (t->base == nullptr) return none_ref();
  return Ref::new_ref(Value(t->base));
}
static Ref type_get_dict(Value self) {
  // Read-only: mutating a class goes through setattr so caches and slots stay right.
  return mappingproxy_new(Value(static_cast<TypeObject*>(self.obj())->dict));
}
// type.__prepare__(name, bases, **kwds): the empty namespace a class body fills.
static Ref type_prepare(Value, const Value*, size_t, TupleObject*) { return dict_new(); }

static Ref type_get_text_signature(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if ((t->flags & kTypeHeap) || t->text_signature == nullptr) return none_ref();
  return str_new(t->text_signature);
}

static Ref type_get_doc(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  Value d = dict_get_str(t->dict, names::doc);
  if (!d) return none_ref();
  // A descriptor as __doc__ is bound to the class (CPython's type_get_doc).
  if (DescrGetFn get = type_of(d)->descr_get) return get(d, Value(), self);
  return Ref::new_ref(d);
}

// A class's docstring can be replaced (selectors.py sets SelectorKey.__doc__); a builtin's cannot.
static bool type_set_doc(Value self, Value v) {
  auto* t = static_cast<TypeObject*>(self.obj());
  if (!(t->flags & kTypeHeap)) {
    raise_fmt(&exc_TypeError, "cannot set '__doc__' attribute of immutable type '{}'", t->name);
    return false;
  }
  if (!v) {
    raise_fmt(&exc_TypeError, "cannot delete '__doc__' attribute of immutable type '{}'", t->name);
    return false;
  }
  if (!dict_set_str(t->dict, names::doc, v)) return false;
  type_modified(t);
  return true;
}

static Ref type_mro_method(Value self, const Value*, size_t, TupleObject*) {
  Ref tup = type_get_mro(self);
  return list_from(as_tuple(tup.get())->items(), as_tuple(tup.get())->size);
}

static Ref type_subclasscheck(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__subclasscheck__", nargs, kw, 1, 1)) return Ref();
  if (!isinstance(args[0], &type_type)) return raise(&exc_TypeError, "issubclass() arg 1 must be a class");
  return bool_ref(is_subtype(static_cast<TypeObject*>(args[0].obj()), static_cast<TypeObject*>(self.obj())));
}

static Ref type_instancecheck(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__instancecheck__", nargs, kw, 1, 1)) return Ref();
  return bool_ref(isinstance(args[0], static_cast<TypeObject*>(self.obj())));
}

static void note_subclass(TypeObject* base, TypeObject* t) {
  std::lock_guard<std::mutex> g(g_subclasses_mutex);
  auto& v = base->subclasses;
  if (std::find(v.begin(), v.end(), t) == v.end()) v.push_back(t);
}

static void forget_subclass(TypeObject* base, TypeObject* t) {
  std::lock_guard<std::mutex> g(g_subclasses_mutex);
  auto& v = base->subclasses;
  v.erase(std::remove(v.begin(), v.end(), t), v.end());
}

static Ref type_subclasses(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__subclasses__", nargs, kw, 0, 0)) return Ref();
  std::vector<TypeObject*> subs;
  {
    std::lock_guard<std::mutex> g(g_subclasses_mutex);
    subs = static_cast<TypeObject*>(self.obj())->subclasses;
  }
  Ref out = list_new();
  for (TypeObject* t : subs) list_append(as_list(out.get()), Value(t));
  return out;
}

TypeObject type_type;

// type.__getattribute__ / __setattr__ / __delattr__: what `super().__delattr__(name)` in a
// metaclass reaches (CPython's wrappers of type's own slots).
static Ref type_m_getattribute(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__getattribute__", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "attribute name must be string, not '{}'", type_name(args[0]));
  }
  return type_getattr(self, as_str(args[0]));
}
bool setattr_hackcheck(Value self, SetAttrFn func, const char* what);  // type_slots.cpp
static Ref type_m_setattr(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__setattr__", nargs, kw, 2, 2)) return Ref();
  if (!setattr_hackcheck(self, type_setattr, "__setattr__")) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "attribute name must be string, not '{}'", type_name(args[0]));
  }
  if (!type_setattr(self, as_str(args[0]), args[1])) return Ref();
  return none_ref();
}
static Ref type_m_delattr(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__delattr__", nargs, kw, 1, 1)) return Ref();
  if (!setattr_hackcheck(self, type_setattr, "__delattr__")) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "attribute name must be string, not '{}'", type_name(args[0]));
  }
  if (!type_setattr(self, as_str(args[0]), Value())) return Ref();
  return none_ref();
}

/// C.__abstractmethods__ (abc.ABCMeta sets it): kept in the class's own dict; a true value
/// marks the class abstract, so that object.__new__ refuses to instantiate it.
static Ref type_get_abstractmethods(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  Value v = t != &type_type ? dict_get_str(t->dict, intern("__abstractmethods__")) : Value();
  if (!v) return raise(&exc_AttributeError, "__abstractmethods__");
  return Ref::new_ref(v);
}
static bool type_set_abstractmethods(Value self, Value v) {
  auto* t = static_cast<TypeObject*>(self.obj());
  int abstract = 0;
  if (v) {
    abstract = truthy(v);
    if (abstract < 0 || !dict_set_str(t->dict, intern("__abstractmethods__"), v)) return false;
  } else {
    Ref key = str_new("__abstractmethods__");
    int r = dict_del(t->dict, key.get());
    if (r <= 0) {
      if (r == 0) raise(&exc_AttributeError, "__abstractmethods__");
      return false;
    }
  }
  if (abstract) {
    t->flags |= kTypeAbstract;
  } else {
    t->flags &= ~kTypeAbstract;
  }
  type_modified(t);
  return true;
}

/// C.__flags__: CPython's Py_TPFLAGS_* bits for what minipy's type records (inspect.isabstract,
/// copyreg and test.support read them). Bits minipy has no notion of stay clear: vectorcall,
/// the version tag, instantiation refused by a NULL tp_new.
static Ref type_get_flags(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  uint32_t f = t->flags;
  bool heap = (f & kTypeHeap) != 0;
  uint64_t r = 1u << 12;  // Py_TPFLAGS_READY
  auto set = [&](bool on, int bit) { r |= on ? uint64_t{1} << bit : 0; };
  set(heap && t->dict_offset != 0, 4);  // MANAGED_DICT: a class whose instances have __dict__
  set(f & kTypeSequence, 5);
  set(f & kTypeMapping, 6);
  set(!heap, 8);  // IMMUTABLETYPE: every static type
  set(heap, 9);
  set(f & kTypeBaseType, 10);
  set(heap || t->traverse != nullptr, 14);  // HAVE_GC: classes, and builtins holding references
  set(f & kTypeMethodLike, 17);             // METHOD_DESCRIPTOR
  set(f & kTypeAbstract, 20);
  set(f & kTypeMatchSelf, 22);
  set(f & kTypeIntSubclass, 24);
  set(f & kTypeListSubclass, 25);
  set(f & kTypeTupleSubclass, 26);
  set(is_subtype(t, &bytes_type), 27);
  set(f & kTypeStrSubclass, 28);
  set(f & kTypeDictSubclass, 29);
  set(f & kTypeException, 30);
  set(f & kTypeTypeSubclass, 31);
  return int_from_int64(static_cast<int64_t>(r));
}

/// C.__basicsize__: the size of minipy's instance struct (not CPython's: the layouts differ),
/// equal for classes whose instances share a layout, as CPython's is.
static Ref type_get_basicsize(Value self) {
  return int_from_int64(static_cast<int64_t>(static_cast<TypeObject*>(self.obj())->basic_size));
}

/// C.__itemsize__: the size of one item of a variable-sized instance (tuple items, bytes, the
/// 32-bit digits of int: sys.int_info.sizeof_digit), 0 for fixed-size ones.
static Ref type_get_itemsize(Value self) {
  auto* t = static_cast<TypeObject*>(self.obj());
  int64_t n = 0;
  if (t->flags & kTypeTupleSubclass) n = sizeof(Value);
  else if (t->flags & kTypeIntSubclass) n = 4;
  else if (is_subtype(t, &bytes_type)) n = 1;
  return int_from_int64(n);
}

void type_type_init() {
  type_type.name = "type";
  type_type.flags = kTypeBaseType | kTypeTypeSubclass;
  type_type.basic_size = sizeof(TypeObject);
  type_type.dealloc = type_dealloc;
  type_type.flags |= kTypeWeakrefable;
  type_type.traverse = type_traverse;
  type_type.getattr = type_getattr;
  type_type.setattr = type_setattr;
  type_type.call = type_call;
  type_type.new_ = type_new_slot;
  type_type.init = type_init_slot;
  type_type.repr = type_repr;
  type_type.hash = type_hash;
  type_ready(&type_type, &object_type);
  add_getset(&type_type, "__name__", type_get_name, type_set_name);
  add_getset(&type_type, "__qualname__", type_get_qualname, type_set_qualname);
  add_getset(&type_type, "__module__", type_get_module, type_set_module);
  add_method(&type_type, "__getattribute__", type_m_getattribute);
  add_method(&type_type, "__setattr__", type_m_setattr);
  add_method(&type_type, "__delattr__", type_m_delattr);
  add_getset(&type_type, "__mro__", type_get_mro);
  add_getset(&type_type, "__bases__", type_get_bases, type_set_bases);
  add_getset(&type_type, "__base__", type_get_base);
  add_getset(&type_type, "__dict__", type_get_dict);
  add_getset(&type_type, "__annotations__", type_get_annotations, type_set_annotations);
  add_getset(&type_type, "__doc__", type_get_doc, type_set_doc);
  add_getset(&type_type, "__text_signature__", type_get_text_signature);
  add_getset(&type_type, "__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods);
  add_getset(&type_type, "__flags__", type_get_flags);
  add_getset(&type_type, "__basicsize__", type_get_basicsize);
  add_getset(&type_type, "__itemsize__", type_get_itemsize);
  add_method(&type_type, "__prepare__", type_prepare, kNativeClassMethod);
  add_method(&type_type, "mro", type_mro_method);
  add_method(&type_type, "__subclasscheck__", type_subclasscheck);
  add_method(&type_type, "__instancecheck__", type_instancecheck);
  add_method(&type_type, "__subclasses__", type_subclasses);
}

}  // namespace minipy::rt
