// Native callables: builtin functions, method descriptors, getset descriptors, argument parsing.
#include "runtime/objects/native.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject native_function_type;
TypeObject method_descr_type;
TypeObject getset_descr_type;

Ref native_function_new(const char* name, NativeFn fn, Value self, std::string qualname) {
  auto* f = alloc_instance<NativeFunctionObject>(&native_function_type);
  f->name = name;
  f->fn = fn;
  if (self) f->self = Ref::new_ref(self);
  f->qualname = qualname.empty() ? std::string(name) : std::move(qualname);
  return Ref::steal(Value(f));
}

void add_method(TypeObject* t, const char* name, NativeFn fn, uint32_t flags) {
  auto* d = alloc_instance<MethodDescrObject>(&method_descr_type);
  d->name = name;
  d->fn = fn;
  d->owner = t;
  d->flags = flags;
  dict_set_str(t->dict, intern(name), Value(d));
  decref(d);
  type_cache_invalidate();
}

void add_getset(TypeObject* t, const char* name, GetterFn get, SetterFn set, const char* doc) {
  auto* d = alloc_instance<GetSetDescrObject>(&getset_descr_type);
  d->name = name;
  d->get = get;
  d->set = set;
  d->owner = t;
  d->doc = doc;
  dict_set_str(t->dict, intern(name), Value(d));
  decref(d);
  type_cache_invalidate();
}

void add_attr(TypeObject* t, const char* name, Value v) {
  dict_set_str(t->dict, intern(name), v);
  type_cache_invalidate();
}

void add_function(DictObject* dict, Value module, const char* name, NativeFn fn) {
  Ref f = native_function_new(name, fn, module);
  dict_set_str(dict, intern(name), f.get());
}

// ---------------------------------------------------------------- declared functions

const NativeSig* native_sig_of(const NativeDef& def) {
  // Keyed by the def's address: NativeDef tables are static, and a module initialised twice
  // (a second interpreter run in the unit tests) reuses the parse. Guarded by the GIL.
  static std::unordered_map<const NativeDef*, std::unique_ptr<NativeSig>>* cache =
      new std::unordered_map<const NativeDef*, std::unique_ptr<NativeSig>>();
  auto it = cache->find(&def);
  if (it != cache->end()) return it->second.get();
  std::string error;
  std::unique_ptr<NativeSig> sig = NativeSig::parse(def.spec, &error);
  if (!sig) {
    std::fprintf(stderr, "minipy: %s\n", error.c_str());
    std::abort();
  }
  if (def.flags & kNativeParseTuple) sig->use_parse_tuple_messages();
  const NativeSig* raw = sig.get();
  cache->emplace(&def, std::move(sig));
  return raw;
}

Ref native_sig_call(const NativeSig* sig, SigFn fn, Value self, TypeObject* owner,
                    const Value* args, size_t nargs, TupleObject* kwnames) {
  NativeArgs a;
  if (!sig->has_typed()) {
    if (!sig->bind(self, owner, args, nargs, kwnames, &a, nullptr)) return Ref();
    return fn(self, a);
  }
  ArgSlot slots[NativeArgs::kMaxParams];
  if (!sig->bind(self, owner, args, nargs, kwnames, &a, slots)) return Ref();
  return fn(self, a);
}

namespace {

Ref function_from_def(const NativeDef* def, Value self, TypeObject* owner, std::string qualname) {
  const NativeSig* sig = native_sig_of(*def);
  auto* f = alloc_instance<NativeFunctionObject>(&native_function_type);
  f->name = sig->name().c_str();
  f->fn = def->raw;
  f->sig = def->raw != nullptr ? nullptr : sig;
  f->sig_fn = def->fn;
  f->def = def;
  f->owner = owner;
  if (self) f->self = Ref::new_ref(self);
  f->qualname = qualname.empty() ? sig->name() : std::move(qualname);
  return Ref::steal(Value(f));
}

}  // namespace

Ref native_function_from_def(const NativeDef& def, Value self) {
  return function_from_def(&def, self, nullptr, {});
}

void add_functions(DictObject* dict, Value module, std::span<const NativeDef> defs) {
  for (const NativeDef& def : defs) {
    Ref f = native_function_from_def(def, module);
    dict_set_str(dict, intern(native_sig_of(def)->name()), f.get());
  }
}

void add_methods(TypeObject* t, std::span<const NativeDef> defs) {
  for (const NativeDef& def : defs) {
    const NativeSig* sig = native_sig_of(def);
    auto* d = alloc_instance<MethodDescrObject>(&method_descr_type);
    d->name = sig->name().c_str();
    d->fn = def.raw;
    d->owner = t;
    d->flags = def.flags;
    d->sig = def.raw != nullptr ? nullptr : sig;
    d->sig_fn = def.fn;
    d->def = &def;
    dict_set_str(t->dict, intern(sig->name()), Value(d));
    decref(d);
  }
  type_cache_invalidate();
}

bool no_keywords_unless_init(TypeObject* type, TypeObject* base, const char* fname,
                             TupleObject* kwnames) {
  if (kwnames == nullptr || kwnames->size == 0) return true;
  if (type != base && type->init != base->init) return true;
  raise_fmt(&exc_TypeError, "{}() takes no keyword arguments", fname);
  return false;
}

bool check_nargs(const char* fname, size_t nargs, TupleObject* kwnames, size_t min, size_t max) {
  if (kwnames != nullptr && kwnames->size > 0) {
    raise_fmt(&exc_TypeError, "{}() takes no keyword arguments", fname);
    return false;
  }
  if (nargs >= min && nargs <= max) return true;
  if (min == max) {
    if (min == 0) {
      raise_fmt(&exc_TypeError, "{}() takes no arguments ({} given)", fname, nargs);
    } else if (min == 1) {
      raise_fmt(&exc_TypeError, "{}() takes exactly one argument ({} given)", fname, nargs);
    } else {
      raise_fmt(&exc_TypeError, "{} expected {} arguments, got {}", fname, min, nargs);
    }
  } else if (nargs < min) {
    raise_fmt(&exc_TypeError, "{} expected at least {} argument{}, got {}", fname, min,
              min == 1 ? "" : "s", nargs);
  } else {
    raise_fmt(&exc_TypeError, "{} expected at most {} argument{}, got {}", fname, max,
              max == 1 ? "" : "s", nargs);
  }
  return false;
}

bool parse_args(const char* fname, const Value* args, size_t nargs, TupleObject* kwnames,
                std::initializer_list<const char*> spec, size_t nrequired, Value* out) {
  // The names without the "*" marker; on the stack (this runs on calls such as str(x) and
  // int(x), where a heap vector per call cost a third of the call).
  const char* names_small[16];
  std::vector<const char*> names_big;
  const char** names = names_small;
  if (spec.size() > std::size(names_small)) {
    names_big.resize(spec.size());
    names = names_big.data();
  }
  size_t nnames = 0;
  size_t kwonly_from = SIZE_MAX;
  for (const char* s : spec) {
    if (s[0] == '*' && s[1] == '\0') {
      kwonly_from = nnames;
      continue;
    }
    names[nnames++] = s;
  }
  size_t npos_max = std::min(kwonly_from, nnames);
  for (size_t i = 0; i < nnames; i++) out[i] = Value();
  if (nargs > npos_max) {
    if (npos_max == 0) {
      raise_fmt(&exc_TypeError, "{}() takes no positional arguments", fname);
    } else {
      raise_fmt(&exc_TypeError, "{}() takes at most {} argument{} ({} given)", fname, npos_max,
                npos_max == 1 ? "" : "s", nargs);
    }
    return false;
  }
  for (size_t i = 0; i < nargs; i++) out[i] = args[i];
  if (kwnames != nullptr) {
    for (size_t k = 0; k < kwnames->size; k++) {
      std::string_view kn = as_str(kwnames->at(k))->view();
      bool found = false;
      for (size_t i = 0; i < nnames; i++) {
        if (names[i][0] != '\0' && kn == names[i]) {
          if (out[i]) {
            raise_fmt(&exc_TypeError, "argument for {}() given by name ('{}') and position ({})",
                      fname, kn, i + 1);
            return false;
          }
          out[i] = args[nargs + k];
          found = true;
          break;
        }
      }
      if (!found) {
        raise_fmt(&exc_TypeError, "{}() got an unexpected keyword argument '{}'", fname, kn);
        return false;
      }
    }
  }
  for (size_t i = 0; i < nrequired && i < nnames; i++) {
    if (!out[i]) {
      if (names[i][0] == '\0') {
        raise_fmt(&exc_TypeError, "{}() takes at least {} argument{} ({} given)", fname, nrequired,
                  nrequired == 1 ? "" : "s", nargs);
      } else {
        raise_fmt(&exc_TypeError, "{}() missing required argument '{}' (pos {})", fname, names[i],
                  i + 1);
      }
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- slots

static Ref native_call(Value callable, const Value* args, size_t nargs, TupleObject* kwnames) {
  auto* f = static_cast<NativeFunctionObject*>(callable.obj());
  if (f->sig != nullptr)
    return native_sig_call(f->sig, f->sig_fn, f->self.get(), f->owner, args, nargs, kwnames);
  return f->fn(f->self.get(), args, nargs, kwnames);
}

static Ref native_repr(Value v) {
  auto* f = static_cast<NativeFunctionObject*>(v.obj());
  Value self = f->self.get();
  if (!self || type_of(self)->name == "module")
    return str_new(fmt::format("<built-in function {}>", f->name));
  return str_new(fmt::format("<built-in method {} of {} object at {:#x}>", f->name, type_name(self),
                             self.bits()));
}

static void native_dealloc(Object* o) { delete static_cast<NativeFunctionObject*>(o); }
static void native_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<NativeFunctionObject*>(o)->self, visit, arg);
}

static Ref native_get_name(Value v) {
  return str_new(static_cast<NativeFunctionObject*>(v.obj())->name);
}
static Ref native_get_qualname(Value v) {
  return str_new(static_cast<NativeFunctionObject*>(v.obj())->qualname);
}
/// __text_signature__: the declared signature minus converters; None for raw functions.
static Ref text_signature_of(const NativeDef* def) {
  if (def == nullptr || (def->flags & kNativeNoTextSig)) return none_ref();
  return str_new(native_sig_of(*def)->text_signature());
}
static Ref doc_of(const NativeDef* def) {
  if (def == nullptr || def->doc == nullptr) return none_ref();
  return str_new(def->doc);
}
static Ref native_get_text_signature(Value v) {
  auto* f = static_cast<NativeFunctionObject*>(v.obj());
  return text_signature_of(f->def);
}
static Ref native_get_doc(Value v) {
  return doc_of(static_cast<NativeFunctionObject*>(v.obj())->def);
}
static Ref descr_get_text_signature(Value v) {
  auto* d = static_cast<MethodDescrObject*>(v.obj());
  return text_signature_of(d->def);
}
static Ref descr_get_doc(Value v) { return doc_of(static_cast<MethodDescrObject*>(v.obj())->def); }
static Ref descr_get_name(Value v) {
  return str_new(static_cast<MethodDescrObject*>(v.obj())->name);
}
static Ref descr_get_qualname(Value v) {
  auto* d = static_cast<MethodDescrObject*>(v.obj());
  return str_new(d->owner->name + "." + d->name);
}
static Ref descr_get_objclass(Value v) {
  return Ref::new_ref(Value(static_cast<MethodDescrObject*>(v.obj())->owner));
}

// A module's function names its module (len.__module__ == 'builtins'); a method has None.
static Ref native_get_module(Value v) {
  auto* f = static_cast<NativeFunctionObject*>(v.obj());
  if (f->self && type_of(f->self.get()) == &module_type) {
    Ref name = getattr_opt(f->self.get(), intern("__name__"));
    if (name || error_pending()) return name;
  }
  return none_ref();
}

static Ref native_get_self(Value v) {
  auto* f = static_cast<NativeFunctionObject*>(v.obj());
  return f->self ? f->self.dup() : none_ref();
}

static Ref descr_call(Value callable, const Value* args, size_t nargs, TupleObject* kwnames) {
  auto* d = static_cast<MethodDescrObject*>(callable.obj());
  if (d->flags & kNativeStaticMethod)
    return method_descr_call_bound(d, Value(), args, nargs, kwnames);
  if (nargs < 1) {
    return raise_fmt(&exc_TypeError, "unbound method {}.{}() needs an argument", d->owner->name,
                     d->name);
  }
  if (d->flags & kNativeClassMethod)
    return method_descr_call_bound(d, args[0], args + 1, nargs - 1, kwnames);
  if (!descr_check(d->owner, d->name, args[0])) return Ref();
  return method_descr_call_bound(d, args[0], args + 1, nargs - 1, kwnames);
}

static Ref descr_get(Value descr, Value obj, Value type) {
  auto* d = static_cast<MethodDescrObject*>(descr.obj());
  if (d->def != nullptr) {
    if (d->flags & kNativeStaticMethod) return function_from_def(d->def, Value(), nullptr, {});
    if (d->flags & kNativeClassMethod) {
      Value cls = type ? type : Value(type_of(obj));
      return function_from_def(d->def, cls, nullptr, d->owner->name + "." + d->name);
    }
    if (!obj) return Ref::new_ref(descr);
    return function_from_def(d->def, obj, d->owner, d->owner->name + "." + d->name);
  }
  if (d->flags & kNativeStaticMethod) return native_function_new(d->name, d->fn, Value());
  if (d->flags & kNativeClassMethod) {
    Value cls = type ? type : Value(type_of(obj));
    return native_function_new(d->name, d->fn, cls, d->owner->name + "." + d->name);
  }
  if (!obj) return Ref::new_ref(descr);
  return native_function_new(d->name, d->fn, obj, d->owner->name + "." + d->name);
}

static Ref descr_repr(Value v) {
  auto* d = static_cast<MethodDescrObject*>(v.obj());
  return str_new(fmt::format("<method '{}' of '{}' objects>", d->name, d->owner->name));
}

static void descr_dealloc(Object* o) { delete static_cast<MethodDescrObject*>(o); }

static Ref getset_get(Value descr, Value obj, Value type) {
  auto* d = static_cast<GetSetDescrObject*>(descr.obj());
  if (!obj) return Ref::new_ref(descr);
  if (!descr_check(d->owner, d->name, obj)) return Ref();  // never read a foreign struct
  return d->get(obj);
}

static bool getset_set(Value descr, Value obj, Value v) {
  auto* d = static_cast<GetSetDescrObject*>(descr.obj());
  if (!descr_check(d->owner, d->name, obj)) return false;
  if (d->set == nullptr) {
    // CPython names the type by tp_name: "_io.TextIOWrapper" for a type of an extension module.
    const TypeObject* o = d->owner;
    bool qualify = !(o->flags & kTypeHeap) && o->module != "builtins" && !o->module.empty() &&
                   o->name.find('.') == std::string::npos;
    raise_fmt(&exc_AttributeError, "attribute '{}' of '{}' objects is not writable", d->name,
              qualify ? o->module + "." + o->name : o->name);
    return false;
  }
  return d->set(obj, v);
}

static void getset_dealloc(Object* o) { delete static_cast<GetSetDescrObject*>(o); }

static GetSetDescrObject* as_getset(Value v) { return static_cast<GetSetDescrObject*>(v.obj()); }
static Ref getset_repr(Value v) {
  return str_new(fmt::format("<attribute '{}' of '{}' objects>", as_getset(v)->name,
                             as_getset(v)->owner->name));
}
static Ref getset_get_name(Value v) { return str_new(as_getset(v)->name); }
static Ref getset_get_qualname(Value v) {
  return str_new(as_getset(v)->owner->name + "." + as_getset(v)->name);
}
static Ref getset_get_objclass(Value v) { return Ref::new_ref(Value(as_getset(v)->owner)); }
static Ref getset_get_doc(Value v) {
  const char* doc = static_cast<GetSetDescrObject*>(v.obj())->doc;
  return doc != nullptr ? str_new(doc) : none_ref();
}

/// builtin_function_or_method.__reduce__, as CPython's meth_reduce: a module-level function
/// pickles as its name (found again as a global), a bound method as getattr(receiver, name).
static Ref native_reduce(Value self, NativeArgs&) {
  auto* f = static_cast<NativeFunctionObject*>(self.obj());
  if (!f->self || type_of(f->self.get()) == &module_type) return str_new(f->name);
  return reduce_getattr(f->self.get(), f->name);
}
/// method_descriptor.__reduce__: getattr(owning class, name).
static Ref descr_reduce(Value self, NativeArgs&) {
  auto* d = static_cast<MethodDescrObject*>(self.obj());
  return reduce_getattr(Value(d->owner), d->name);
}
/// Two builtin methods are equal when bound to the same object (by identity) and calling the same
/// C++ function, as CPython's meth_richcompare (dict.fromkeys == dict.fromkeys; [].append is a
/// new object each time it is read). The hash agrees: meth_hash's receiver ^ function.
static bool native_same_target(const NativeFunctionObject* a, const NativeFunctionObject* b) {
  return a->self.get() == b->self.get() && a->fn == b->fn && a->sig_fn == b->sig_fn;
}
static Ref native_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::Eq && op != CmpOp::Ne) || type_of(b) != &native_function_type) {
    return not_implemented_ref();
  }
  bool eq = native_same_target(static_cast<NativeFunctionObject*>(a.obj()),
                               static_cast<NativeFunctionObject*>(b.obj()));
  return bool_ref(op == CmpOp::Eq ? eq : !eq);
}
static bool native_hash(Value self, int64_t* out) {
  auto* f = static_cast<NativeFunctionObject*>(self.obj());
  auto target = f->fn != nullptr ? reinterpret_cast<uintptr_t>(f->fn)
                                 : reinterpret_cast<uintptr_t>(f->sig_fn);
  int64_t h = hash_pointer(reinterpret_cast<const void*>(f->self.get().bits())) ^
              hash_pointer(reinterpret_cast<const void*>(target));
  *out = h == -1 ? -2 : h;
  return true;
}

static const NativeDef kNativeReduce[] = {{"__reduce__($self, /)", native_reduce}};
static const NativeDef kDescrReduce[] = {{"__reduce__($self, /)", descr_reduce}};

void native_types_init() {
  native_function_type.name = "builtin_function_or_method";
  native_function_type.flags = kTypeMethodLike | kTypeWeakrefable;
  native_function_type.basic_size = sizeof(NativeFunctionObject);
  native_function_type.dealloc = native_dealloc;
  native_function_type.traverse = native_traverse;
  native_function_type.call = native_call;
  native_function_type.repr = native_repr;
  native_function_type.richcompare = native_richcompare;
  native_function_type.hash = native_hash;
  type_ready(&native_function_type, &object_type);
  native_function_type.flags &= ~kTypeMethodLike;  // bound already: never prepend self
  add_getset(&native_function_type, "__name__", native_get_name);
  add_getset(&native_function_type, "__qualname__", native_get_qualname);
  add_getset(&native_function_type, "__self__", native_get_self);
  add_getset(&native_function_type, "__module__", native_get_module);
  add_getset(&native_function_type, "__text_signature__", native_get_text_signature);
  add_getset(&native_function_type, "__doc__", native_get_doc);
  add_methods(&native_function_type, kNativeReduce);

  method_descr_type.name = "method_descriptor";
  method_descr_type.flags = kTypeMethodLike;
  method_descr_type.basic_size = sizeof(MethodDescrObject);
  method_descr_type.dealloc = descr_dealloc;
  method_descr_type.call = descr_call;
  method_descr_type.descr_get = descr_get;
  method_descr_type.repr = descr_repr;
  type_ready(&method_descr_type, &object_type);
  add_getset(&method_descr_type, "__text_signature__", descr_get_text_signature);
  add_getset(&method_descr_type, "__doc__", descr_get_doc);
  add_getset(&method_descr_type, "__name__", descr_get_name);
  add_getset(&method_descr_type, "__qualname__", descr_get_qualname);
  add_getset(&method_descr_type, "__objclass__", descr_get_objclass);
  add_methods(&method_descr_type, kDescrReduce);

  getset_descr_type.name = "getset_descriptor";
  getset_descr_type.basic_size = sizeof(GetSetDescrObject);
  getset_descr_type.dealloc = getset_dealloc;
  getset_descr_type.descr_get = getset_get;
  getset_descr_type.descr_set = getset_set;
  getset_descr_type.repr = getset_repr;
  type_ready(&getset_descr_type, &object_type);
  // inspect.getattr_static tells the instance-__dict__ getset apart by these.
  add_getset(&getset_descr_type, "__name__", getset_get_name);
  add_getset(&getset_descr_type, "__qualname__", getset_get_qualname);
  add_getset(&getset_descr_type, "__objclass__", getset_get_objclass);
  add_getset(&getset_descr_type, "__doc__", getset_get_doc);
}

}  // namespace minipy::rt
