// _thread._local, the type behind threading.local, as CPython's localobject
// (Modules/_threadmodule.c): each object keeps one attribute dict per thread that has used it,
// and every attribute access runs the generic lookup with the calling thread's dict standing for
// the instance __dict__ (rt::generic_getattr_with_dict). A thread's first access makes its dict
// and runs the class's __init__ with the arguments the object was constructed with. The dicts of
// a thread are dropped when it finishes (thread_local_exit), and all of an object's when it dies.
//
// Why native: CPython's threading.py takes _thread._local when it exists; its pure-Python
// fallback, _threading_local.py, pays a lock and a dict swap per access.
#include "stdlib/native/thread_local.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <utility>
#include <vector>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/native.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/type.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// A process-unique key for the calling OS thread: idents and ThreadState addresses are reused by
/// later threads, this never is (a dict left by a thread that vanished in a fork is never found).
uint64_t thread_key() {
  static std::atomic<uint64_t> next{1};
  thread_local uint64_t key = next.fetch_add(1, std::memory_order_relaxed);
  return key;
}

struct LocalObject : Object {
  DictObject* dict = nullptr;  // where subclasses keep __slots__ values (subclass_dict_offset)
  Ref args;                    // tuple: the constructor's arguments, keywords' values last
  Ref kwnames;                 // tuple of keyword names, or null
  std::vector<std::pair<uint64_t, Ref>> dicts;  // (thread key, that thread's attributes)
};

TypeObject local_type;

// Every live _local, for thread_local_exit. Touched with the GIL held; the mutex is for the
// free-threaded build.
std::mutex g_registry_mutex;
std::vector<LocalObject*> g_registry;

LocalObject* as_local(Value v) { return static_cast<LocalObject*>(v.obj()); }

/// The calling thread's dict of `self`, or null when it has none yet.
Ref find_dict(LocalObject* self) {
  uint64_t key = thread_key();
  CriticalSection cs(self);
  for (auto& [k, d] : self->dicts) {
    if (k == key) return d.dup();
  }
  return Ref();
}

void drop_dict(LocalObject* self, uint64_t key) {
  Ref gone;
  {
    CriticalSection cs(self);
    auto it = std::find_if(self->dicts.begin(), self->dicts.end(),
                           [key](auto& e) { return e.first == key; });
    if (it == self->dicts.end()) return;
    gone = std::move(it->second);
    self->dicts.erase(it);
  }
}  // `gone` released here, outside the section: it may run a __del__

/// CPython's _ldict: the calling thread's dict, made on its first access, when the class's own
/// __init__ (if it has one) runs with the constructor's arguments; a failing __init__ leaves no
/// dict behind.
Ref thread_dict(Value obj) {
  LocalObject* self = as_local(obj);
  if (Ref d = find_dict(self)) return d;
  Ref d = dict_new();
  {
    CriticalSection cs(self);
    self->dicts.emplace_back(thread_key(), d.dup());
  }
  TypeObject* t = type_of(obj);
  if (t->init != object_type.init && t->init != nullptr) {
    auto* args = as_tuple(self->args.get());
    size_t nkw = self->kwnames ? as_tuple(self->kwnames.get())->size : 0;
    TupleObject* kwnames = self->kwnames ? as_tuple(self->kwnames.get()) : nullptr;
    if (!t->init(obj, args->items(), args->size - nkw, kwnames)) {
      drop_dict(self, thread_key());
      return Ref();
    }
  }
  return d;
}

Ref local_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  size_t nkw = kwnames != nullptr ? kwnames->size : 0;
  if (nargs + nkw > 0 && type->init == object_type.init)
    return raise(&exc_TypeError, "Initialization arguments are not supported");
  auto* self = alloc_instance<LocalObject>(type);
  Ref keep = Ref::steal(Value(self));
  self->args = tuple_from(args, nargs + nkw);
  if (nkw > 0) self->kwnames = Ref::new_ref(Value(kwnames));
  // The creating thread's dict exists already: the constructor call runs __init__ itself.
  self->dicts.emplace_back(thread_key(), dict_new());
  {
    std::lock_guard<std::mutex> lock(g_registry_mutex);
    g_registry.push_back(self);
  }
  return keep;
}

void local_dealloc(Object* o) {
  auto* self = static_cast<LocalObject*>(o);
  {
    std::lock_guard<std::mutex> lock(g_registry_mutex);
    std::erase(g_registry, self);
  }
  std::vector<std::pair<uint64_t, Ref>> dicts = std::move(self->dicts);
  Ref args = std::move(self->args);
  Ref kwnames = std::move(self->kwnames);
  delete self;
}

void local_traverse(Object* o, VisitFn visit, void* arg) {
  auto* self = static_cast<LocalObject*>(o);
  if (self->args) visit_value(self->args.get(), visit, arg);
  if (self->kwnames) visit_value(self->kwnames.get(), visit, arg);
  for (auto& [k, d] : self->dicts) visit_value(d.get(), visit, arg);
}

void local_clear(Object* o) {
  auto* self = static_cast<LocalObject*>(o);
  std::vector<std::pair<uint64_t, Ref>> dicts;
  Ref args, kwnames;
  {
    CriticalSection cs(self);
    dicts = std::move(self->dicts);
    self->dicts.clear();
    args = std::move(self->args);
    kwnames = std::move(self->kwnames);
  }
}

bool is_dict_name(StrObject* name) { return name->view() == "__dict__"; }

/// CPython's local_getattro: '__dict__' is the thread's dict; a subclass's attributes are looked
/// up in that dict first (before data descriptors: CPython's shortcut, kept for its behaviour).
Ref local_getattr(Value obj, StrObject* name) {
  Ref d = thread_dict(obj);
  if (!d) return d;
  if (is_dict_name(name)) return d;
  if (type_of(obj) != &local_type) {
    if (Ref v = dict_get_str_ref(as_dict(d.get()), name)) return v;
    if (error_pending()) return Ref();
  }
  return generic_getattr_with_dict(obj, name, as_dict(d.get()));
}

bool local_setattr(Value obj, StrObject* name, Value v) {
  Ref d = thread_dict(obj);
  if (!d) return false;
  if (is_dict_name(name)) {
    raise_fmt(&exc_AttributeError, "'{}' object attribute '__dict__' is read-only",
              type_of(obj)->name);
    return false;
  }
  return generic_setattr_with_dict(obj, name, v, as_dict(d.get()));
}

}  // namespace

void add_thread_local_type(DictObject* ns) {
  if (local_type.mro.empty()) {
    local_type.name = "_thread._local";  // tp_name, as in messages
    local_type.qualname = "_local";
    local_type.module = "_thread";
    local_type.flags = kTypeBaseType | kTypeWeakrefable;
    local_type.basic_size = sizeof(LocalObject);
    local_type.subclass_dict_offset = offsetof(LocalObject, dict);
    local_type.new_ = local_new;
    local_type.dealloc = local_dealloc;
    local_type.traverse = local_traverse;
    local_type.clear = local_clear;
    local_type.getattr = local_getattr;
    local_type.setattr = local_setattr;
    type_ready(&local_type, &object_type);
    type_add_module_attr(&local_type);
  }
  dict_set_cstr(ns, "_local", Value(&local_type));
}

void thread_local_exit() {
  uint64_t key = thread_key();
  std::vector<Ref> gone;  // released after the registry's lock: a value's __del__ may make locals
  {
    std::lock_guard<std::mutex> lock(g_registry_mutex);
    for (LocalObject* self : g_registry) {
      CriticalSection cs(self);
      auto it = std::find_if(self->dicts.begin(), self->dicts.end(),
                             [key](auto& e) { return e.first == key; });
      if (it == self->dicts.end()) continue;
      gone.push_back(std::move(it->second));
      self->dicts.erase(it);
    }
  }
}

}  // namespace minipy::lib
