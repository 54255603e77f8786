// The _pickle.Pickler and _pickle.Unpickler classes (their __init__, methods and attributes)
// and the memo proxies their `memo` attributes return, as CPython 3.11's _pickle.c defines
// them. Both classes may be subclassed: persistent_id / persistent_load and dispatch_table are
// looked up on the instance by __init__, reducer_override by each dump(), find_class by each
// global the Unpickler meets, so a subclass's methods and class attributes take effect.
#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/pickle.h"
#include "vm/import.h"

namespace minipy::lib::pickle {

using namespace rt;

TypeObject pickler_type;
TypeObject pickler_memo_proxy_type;
TypeObject unpickler_memo_proxy_type;

namespace {

PicklerObject* as_pickler(Value v) { return static_cast<PicklerObject*>(v.obj()); }
UnpicklerObject* as_unpickler(Value v) { return static_cast<UnpicklerObject*>(v.obj()); }

bool no_delete(Value v) {
  if (v) return true;
  raise(&exc_TypeError, "attribute deletion is not supported");
  return false;
}

// ---------------------------------------------------------------- memo proxies

struct MemoProxyObject : Object {
  Ref owner;  // the Pickler or Unpickler
};

Ref memo_proxy_new(TypeObject* type, Value owner) {
  auto* m = alloc_instance<MemoProxyObject>(type);
  m->owner = Ref::new_ref(owner);
  return Ref::steal(Value(m));
}
void memo_proxy_dealloc(Object* o) { delete static_cast<MemoProxyObject*>(o); }
void memo_proxy_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<MemoProxyObject*>(o)->owner.get(), visit, arg);
}
void memo_proxy_clear(Object* o) { static_cast<MemoProxyObject*>(o)->owner.reset(); }
Value proxy_owner(Value self) { return static_cast<MemoProxyObject*>(self.obj())->owner.get(); }

/// {id(obj): (index, obj)} for a Pickler's memo.
Ref pickler_memo_copy(PicklerObject* p) {
  Ref d = dict_new();
  for (const IdentityMemo::Entry& e : p->memo.entries()) {
    if (e.key == 0) continue;
    Ref id = int_from_bigint(BigInt::from_uint64(e.key));
    Ref idx = int_from_int64(e.index);
    Ref pair = tuple_of({idx.get(), Value::from_bits(e.key)});
    if (!dict_set(as_dict(d.get()), id.get(), pair.get())) return Ref();
  }
  return d;
}

Ref pmp_clear(Value self, NativeArgs&) {
  Value owner = proxy_owner(self);
  if (owner) as_pickler(owner)->memo.clear();
  return none_ref();
}
Ref pmp_copy(Value self, NativeArgs&) {
  Value owner = proxy_owner(self);
  if (!owner) return dict_new();
  return pickler_memo_copy(as_pickler(owner));
}
Ref pmp_reduce(Value self, NativeArgs& a) {
  Ref copy = pmp_copy(self, a);
  if (!copy) return copy;
  Ref args = tuple_of({copy.get()});
  return tuple_of({Value(&dict_type), args.get()});
}

Ref ump_clear(Value self, NativeArgs&) {
  Value owner = proxy_owner(self);
  if (owner) unpickler_memo_clear(as_unpickler(owner));
  return none_ref();
}
Ref ump_copy(Value self, NativeArgs&) {
  Value owner = proxy_owner(self);
  if (!owner) return dict_new();
  return unpickler_memo_dict(as_unpickler(owner));
}
Ref ump_reduce(Value self, NativeArgs& a) {
  Ref copy = ump_copy(self, a);
  if (!copy) return copy;
  Ref args = tuple_of({copy.get()});
  return tuple_of({Value(&dict_type), args.get()});
}

const NativeDef kPicklerMemoProxyMethods[] = {
    {"clear($self, /)", pmp_clear, 0, "Remove all items from memo."},
    {"copy($self, /)", pmp_copy, 0, "Copy the memo to a new object."},
    {"__reduce__($self, /)", pmp_reduce, 0, "Implement pickle support."},
};
const NativeDef kUnpicklerMemoProxyMethods[] = {
    {"clear($self, /)", ump_clear, 0, "Remove all items from memo."},
    {"copy($self, /)", ump_copy, 0, "Copy the memo to a new object."},
    {"__reduce__($self, /)", ump_reduce, 0, "Implement pickling support."},
};

// ---------------------------------------------------------------- Pickler

Ref pickler_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<PicklerObject>(type)));
}
void pickler_dealloc(Object* o) { delete static_cast<PicklerObject*>(o); }
void pickler_traverse(Object* o, VisitFn visit, void* arg) {
  auto* p = static_cast<PicklerObject*>(o);
  visit_value(p->write.get(), visit, arg);
  visit_value(p->pers_func.get(), visit, arg);
  visit_value(p->dispatch_table.get(), visit, arg);
  visit_value(p->reducer_override.get(), visit, arg);
  visit_value(p->buffer_callback.get(), visit, arg);
  for (const IdentityMemo::Entry& e : p->memo.entries())
    if (e.key != 0) visit_value(Value::from_bits(e.key), visit, arg);
}
void pickler_clear(Object* o) {
  auto* p = static_cast<PicklerObject*>(o);
  Ref write = std::move(p->write);
  Ref pers = std::move(p->pers_func);
  Ref table = std::move(p->dispatch_table);
  Ref override = std::move(p->reducer_override);
  Ref callback = std::move(p->buffer_callback);
  p->memo.clear();
}

const NativeDef kPicklerInit = {
    "Pickler($self, file, protocol=None, fix_imports: bool = True, buffer_callback=None)", nullptr};

bool pickler_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  NativeArgs a;
  ArgSlot slots[NativeArgs::kMaxParams];
  if (!native_sig_of(kPicklerInit)->bind(self, nullptr, args, nargs, kw, &a, slots)) return false;
  PicklerObject* p = as_pickler(self);
  if (p->initialized) pickler_clear(p);
  if (!pickler_setup(p, a[1], a.flag(2), a[0], a[3])) return false;
  p->memo.clear();
  p->initialized = true;
  // persistent_id and dispatch_table as the instance sees them (a subclass's method or class
  // attribute, or what was set on this object before).
  Ref pers = getattr_opt(self, intern("persistent_id"));
  if (!pers && error_pending()) return false;
  p->pers_func = std::move(pers);
  Ref table = getattr_opt(self, intern("dispatch_table"));
  if (!table && error_pending()) return false;
  p->dispatch_table = std::move(table);
  return true;
}

Ref pickler_m_dump(Value self, NativeArgs& a) {
  PicklerObject* p = as_pickler(self);
  if (!p->initialized || !p->write) {
    return raise_pickle(
        state().pickling_error,
        fmt::format("Pickler.__init__() was not called by {}.__init__()", type_of(self)->name));
  }
  p->out.clear();
  p->frame_start = -1;
  if (!pickler_dump(p, a[0]) || !pickler_flush(p)) return Ref();
  return none_ref();
}

Ref pickler_m_clear_memo(Value self, NativeArgs&) {
  as_pickler(self)->memo.clear();
  return none_ref();
}

Ref pickler_m_sizeof(Value self, NativeArgs&) {
  PicklerObject* p = as_pickler(self);
  size_t n = sizeof(PicklerObject) + p->out.capacity() +
             p->memo.entries().size() * sizeof(IdentityMemo::Entry);
  return int_from_int64(static_cast<int64_t>(n));
}

Ref pickler_get_memo(Value self) { return memo_proxy_new(&pickler_memo_proxy_type, self); }
bool pickler_set_memo_attr(Value self, Value v) {
  if (!no_delete(v)) return false;
  return pickler_set_memo(as_pickler(self), v);
}

Ref pickler_get_persid(Value self) {
  PicklerObject* p = as_pickler(self);
  if (!p->pers_func) return raise(&exc_AttributeError, "persistent_id");
  return p->pers_func.dup();
}
bool pickler_set_persid(Value self, Value v) {
  if (!no_delete(v)) return false;
  if (!callable(v)) {
    raise(&exc_TypeError, "persistent_id must be a callable taking one argument");
    return false;
  }
  as_pickler(self)->pers_func = Ref::new_ref(v);
  return true;
}

Ref pickler_get_dispatch_table(Value self) {
  PicklerObject* p = as_pickler(self);
  if (!p->dispatch_table) return raise(&exc_AttributeError, "dispatch_table");
  return p->dispatch_table.dup();
}
bool pickler_set_dispatch_table(Value self, Value v) {
  PicklerObject* p = as_pickler(self);
  if (!v && !p->dispatch_table) {
    raise(&exc_AttributeError, "dispatch_table");
    return false;
  }
  p->dispatch_table = v ? Ref::new_ref(v) : Ref();
  return true;
}

/// The int members `bin` and `fast` (CPython's T_INT members).
bool int_member(Value v, int* out) {
  if (!v) {
    raise(&exc_TypeError, "can't delete numeric/char attribute");
    return false;
  }
  if (!is_int(v)) {
    raise(&exc_TypeError, "an integer is required");
    return false;
  }
  int64_t n;
  if (!int_to_int64(v, &n)) return false;
  if (n < INT32_MIN || n > INT32_MAX) {
    raise(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = static_cast<int>(n);
  return true;
}
Ref pickler_get_bin(Value self) { return Ref::small(as_pickler(self)->bin); }
bool pickler_set_bin(Value self, Value v) { return int_member(v, &as_pickler(self)->bin); }
Ref pickler_get_fast(Value self) { return Ref::small(as_pickler(self)->fast); }
bool pickler_set_fast(Value self, Value v) { return int_member(v, &as_pickler(self)->fast); }

const NativeDef kPicklerMethods[] = {
    {"dump($self, obj, /)", pickler_m_dump, 0,
     "Write a pickled representation of the given object to the open file."},
    {"clear_memo($self, /)", pickler_m_clear_memo, 0,
     "Clears the pickler's \"memo\".\n\nThe memo is the data structure that remembers which "
     "objects the\npickler has already seen, so that shared or recursive objects are\npickled "
     "by reference and not by value.  This method is useful when\nre-using picklers."},
    {"__sizeof__($self, /)", pickler_m_sizeof, 0, "Returns size in memory, in bytes."},
};

// ---------------------------------------------------------------- Unpickler

Ref unpickler_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<UnpicklerObject>(type)));
}
void unpickler_dealloc(Object* o) { delete static_cast<UnpicklerObject*>(o); }
void unpickler_traverse(Object* o, VisitFn visit, void* arg) {
  auto* u = static_cast<UnpicklerObject*>(o);
  visit_value(u->read.get(), visit, arg);
  visit_value(u->readline.get(), visit, arg);
  visit_value(u->input_owner.get(), visit, arg);
  visit_value(u->pers_func.get(), visit, arg);
  visit_value(u->buffers.get(), visit, arg);
  for (const Ref& r : u->stack) visit_value(r.get(), visit, arg);
  for (const Ref& r : u->memo) visit_value(r.get(), visit, arg);
  for (const auto& [k, r] : u->sparse_memo) visit_value(r.get(), visit, arg);
}
void unpickler_clear(Object* o) {
  auto* u = static_cast<UnpicklerObject*>(o);
  Ref read = std::move(u->read);
  Ref readline = std::move(u->readline);
  Ref owner = std::move(u->input_owner);
  Ref pers = std::move(u->pers_func);
  Ref buffers = std::move(u->buffers);
  std::vector<Ref> stack = std::move(u->stack);
  u->stack.clear();
  u->input = {};
  u->pos = 0;
  u->buffer.clear();
  unpickler_memo_clear(u);
}

const NativeDef kUnpicklerInit = {
    "Unpickler($self, file, *, fix_imports: bool = True, encoding: str = 'ASCII', "
    "errors: str = 'strict', buffers=NULL)",
    nullptr};

bool unpickler_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  NativeArgs a;
  ArgSlot slots[NativeArgs::kMaxParams];
  if (!native_sig_of(kUnpicklerInit)->bind(self, nullptr, args, nargs, kw, &a, slots)) return false;
  UnpicklerObject* u = as_unpickler(self);
  if (u->initialized) unpickler_clear(u);
  if (!unpickler_set_file(u, a[0])) return false;
  if (!unpickler_setup(u, a.flag(1), a.str(2), a.str(3), a[4])) return false;
  Ref pers = getattr_opt(self, intern("persistent_load"));
  if (!pers && error_pending()) return false;
  u->pers_func = std::move(pers);
  u->proto = 0;
  u->initialized = true;
  return true;
}

Ref unpickler_m_load(Value self, NativeArgs&) {
  UnpicklerObject* u = as_unpickler(self);
  if (!u->initialized) {
    return raise_pickle(
        state().unpickling_error,
        fmt::format("Unpickler.__init__() was not called by {}.__init__()", type_of(self)->name));
  }
  return unpickler_load(u);
}

/// The import-and-getattr behind GLOBAL, STACK_GLOBAL, INST and EXT*: protocols 0-2 pickles
/// (with fix_imports) have Python 2 names mapped first; protocol 4 allows dotted names.
Ref unpickler_m_find_class(Value self, NativeArgs& a) {
  UnpicklerObject* u = as_unpickler(self);
  State& st = state();
  Ref module_name = Ref::new_ref(a[0]);
  Ref global_name = Ref::new_ref(a[1]);
  if (u->proto < 3 && u->fix_imports) {
    Ref key = tuple_of({module_name.get(), global_name.get()});
    Value item = dict_get(as_dict(st.name_mapping_2to3.get()), key.get());
    if (item) {
      if (!is_tuple(item) || as_tuple(item)->size != 2) {
        return raise_fmt(&exc_RuntimeError,
                         "_compat_pickle.NAME_MAPPING values should be 2-tuples, not {}",
                         type_name(item));
      }
      Value m = as_tuple(item)->at(0), g = as_tuple(item)->at(1);
      if (!is_str(m) || !is_str(g)) {
        return raise_fmt(&exc_RuntimeError,
                         "_compat_pickle.NAME_MAPPING values should be pairs of str, not ({}, {})",
                         type_name(m), type_name(g));
      }
      module_name = Ref::new_ref(m);
      global_name = Ref::new_ref(g);
    } else {
      if (error_pending()) return Ref();
      item = dict_get(as_dict(st.import_mapping_2to3.get()), module_name.get());
      if (item) {
        if (!is_str(item)) {
          return raise_fmt(&exc_RuntimeError,
                           "_compat_pickle.IMPORT_MAPPING values should be strings, not {}",
                           type_name(item));
        }
        module_name = Ref::new_ref(item);
      } else if (error_pending()) {
        return Ref();
      }
    }
  }
  if (!is_str(module_name.get())) {
    return raise_fmt(&exc_TypeError, "module name must be str, not {}",
                     type_name(module_name.get()));
  }
  if (!is_str(global_name.get())) {
    return raise_fmt(&exc_TypeError, "attribute name must be string, not '{}'",
                     type_name(global_name.get()));
  }
  Ref module = vm::import_module_absolute(std::string(as_str(module_name.get())->view()));
  if (!module) return module;
  std::string_view name = as_str(global_name.get())->view();
  auto missing = [&]() -> Ref {
    std::string n, m;
    if (!repr_text(global_name.get(), &n) || !repr_text(module.get(), &m)) return Ref();
    return raise_fmt(&exc_AttributeError, "Can't get attribute {} on {}", n, m);
  };
  if (u->proto < 4) {
    Ref attr = getattr_opt(module.get(), as_str(global_name.get()));
    if (!attr && !error_pending()) return missing();
    return attr;
  }
  // Protocol 4: a dotted path (a nested class), but never into a function's locals.
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == name.npos ? name.npos : dot - start));
    if (dot == name.npos) break;
    start = dot + 1;
  }
  for (std::string_view part : parts) {
    if (part == "<locals>") {
      std::string n, m;
      if (!repr_text(global_name.get(), &n) || !repr_text(module.get(), &m)) return Ref();
      return raise_fmt(&exc_AttributeError, "Can't get local attribute {} on {}", n, m);
    }
  }
  Ref cur = module.dup();
  for (std::string_view part : parts) {
    Ref next = getattr_opt(cur.get(), intern(part));
    if (!next) return error_pending() ? Ref() : missing();
    cur = std::move(next);
  }
  return cur;
}

Ref unpickler_m_sizeof(Value self, NativeArgs&) {
  UnpicklerObject* u = as_unpickler(self);
  size_t n = sizeof(UnpicklerObject) + u->memo.capacity() * sizeof(Ref) +
             u->stack.capacity() * sizeof(Ref) + u->buffer.capacity();
  return int_from_int64(static_cast<int64_t>(n));
}

Ref unpickler_get_memo(Value self) { return memo_proxy_new(&unpickler_memo_proxy_type, self); }
bool unpickler_set_memo_attr(Value self, Value v) {
  if (!no_delete(v)) return false;
  return unpickler_set_memo(as_unpickler(self), v);
}

Ref unpickler_get_persload(Value self) {
  UnpicklerObject* u = as_unpickler(self);
  if (!u->pers_func) return raise(&exc_AttributeError, "persistent_load");
  return u->pers_func.dup();
}
bool unpickler_set_persload(Value self, Value v) {
  if (!no_delete(v)) return false;
  if (!callable(v)) {
    raise(&exc_TypeError, "persistent_load must be a callable taking one argument");
    return false;
  }
  as_unpickler(self)->pers_func = Ref::new_ref(v);
  return true;
}

const NativeDef kUnpicklerMethods[] = {
    {"load($self, /)", unpickler_m_load, 0,
     "Load a pickle.\n\nRead a pickled object representation from the open file object given "
     "in\nthe constructor, and return the reconstituted object hierarchy\nspecified therein."},
    {"find_class($self, module_name, global_name, /)", unpickler_m_find_class, 0,
     "Return an object from a specified module.\n\nIf necessary, the module will be imported. "
     "Subclasses may override\nthis method (e.g. to restrict unpickling of arbitrary classes "
     "and\nfunctions).\n\nThis method is called whenever a class or a function object is\n"
     "needed.  Both arguments passed are str objects."},
    {"__sizeof__($self, /)", unpickler_m_sizeof, 0, "Returns size in memory, in bytes."},
};

void ready_proxy(TypeObject* t, const char* name, std::span<const NativeDef> methods) {
  t->name = name;
  t->qualname = name;
  t->module = "_pickle";
  t->basic_size = sizeof(MemoProxyObject);
  t->dealloc = memo_proxy_dealloc;
  t->traverse = memo_proxy_traverse;
  t->clear = memo_proxy_clear;
  type_ready(t, &object_type);
  add_methods(t, methods);
}

}  // namespace

Ref pickler_memo_proxy(Value pickler) { return pickler_get_memo(pickler); }
Ref unpickler_memo_proxy(Value unpickler) { return unpickler_get_memo(unpickler); }

bool pickler_set_memo(PicklerObject* p, Value v) {
  if (type_of(v) == &pickler_memo_proxy_type) {
    Value owner = proxy_owner(v);
    if (!owner || owner.obj() == p) return true;
    std::vector<IdentityMemo::Entry> entries = as_pickler(owner)->memo.entries();
    p->memo.clear();
    for (const IdentityMemo::Entry& e : entries)
      if (e.key != 0) p->memo.set(Value::from_bits(e.key), e.index);
    return true;
  }
  if (!is_dict(v)) {
    raise_fmt(&exc_TypeError, "'memo' attribute must be a PicklerMemoProxy object or dict, not {}",
              type_name(v));
    return false;
  }
  std::vector<std::pair<int64_t, Ref>> items;
  size_t pos = 0;
  Value k, value;
  while (dict_next(as_dict(v), &pos, &k, &value)) {
    if (!is_tuple(value) || as_tuple(value)->size != 2) {
      raise(&exc_TypeError, "'memo' values must be 2-item tuples");
      return false;
    }
    int64_t idx;
    if (!index_int64(as_tuple(value)->at(0), &idx)) return false;
    items.emplace_back(idx, Ref::new_ref(as_tuple(value)->at(1)));
  }
  p->memo.clear();
  for (auto& [idx, obj] : items) p->memo.set(obj.get(), idx);
  return true;
}

void unpickler_memo_clear(UnpicklerObject* u) {
  std::vector<Ref> memo = std::move(u->memo);
  std::map<uint64_t, Ref> sparse = std::move(u->sparse_memo);
  u->memo.clear();
  u->sparse_memo.clear();
  u->memo_len = 0;
}

void unpickler_memo_put(UnpicklerObject* u, uint64_t idx, Value v) {
  Ref old;
  if (idx < u->memo.size()) {
    old = std::move(u->memo[idx]);
    u->memo[idx] = Ref::new_ref(v);
  } else if (size_t limit = 2 * u->memo_len + (size_t{1} << 16); idx < limit) {
    // Dense while the index is near the number of entries stored: the table never outgrows
    // what the pickle has put (plus a constant), so hostile input's far indices, even a
    // doubling series of them, go to the sparse map instead of sizing a table.
    u->memo.resize(std::min(std::max<size_t>(idx + 1, u->memo.size() * 2), limit));
    u->memo[idx] = Ref::new_ref(v);
  } else {
    Ref& slot = u->sparse_memo[idx];
    old = std::move(slot);
    slot = Ref::new_ref(v);
  }
  if (!old) u->memo_len++;
}

Ref unpickler_memo_dict(UnpicklerObject* u) {
  Ref d = dict_new();
  for (size_t i = 0; i < u->memo.size(); i++) {
    if (!u->memo[i]) continue;
    Ref key = int_from_int64(static_cast<int64_t>(i));
    if (!dict_set(as_dict(d.get()), key.get(), u->memo[i].get())) return Ref();
  }
  for (const auto& [idx, v] : u->sparse_memo) {
    if (!v) continue;
    Ref key = int_from_bigint(BigInt::from_uint64(idx));
    if (!dict_set(as_dict(d.get()), key.get(), v.get())) return Ref();
  }
  return d;
}

bool unpickler_set_memo(UnpicklerObject* u, Value v) {
  std::vector<std::pair<uint64_t, Ref>> items;
  if (type_of(v) == &unpickler_memo_proxy_type) {
    Value owner = proxy_owner(v);
    if (!owner || owner.obj() == u) return true;
    UnpicklerObject* src = as_unpickler(owner);
    for (size_t i = 0; i < src->memo.size(); i++)
      if (src->memo[i]) items.emplace_back(i, src->memo[i].dup());
    for (const auto& [idx, r] : src->sparse_memo)
      if (r) items.emplace_back(idx, r.dup());
  } else if (is_dict(v)) {
    size_t pos = 0;
    Value k, value;
    while (dict_next(as_dict(v), &pos, &k, &value)) {
      if (!is_int(k)) {
        raise(&exc_TypeError, "memo key must be integers");
        return false;
      }
      int64_t idx;
      if (!int_to_int64(k, &idx)) return false;
      if (idx < 0) {
        raise(&exc_ValueError, "memo key must be positive integers.");
        return false;
      }
      items.emplace_back(static_cast<uint64_t>(idx), Ref::new_ref(value));
    }
  } else {
    raise_fmt(&exc_TypeError,
              "'memo' attribute must be an UnpicklerMemoProxy object or dict, not {}",
              type_name(v));
    return false;
  }
  unpickler_memo_clear(u);
  for (auto& [idx, obj] : items) unpickler_memo_put(u, idx, obj.get());
  return true;
}

void pickler_type_init() {
  if (pickler_type.dict != nullptr) return;
  pickler_type.name = "_pickle.Pickler";
  pickler_type.qualname = "Pickler";
  pickler_type.module = "_pickle";
  pickler_type.flags = kTypeBaseType;
  pickler_type.basic_size = sizeof(PicklerObject);
  pickler_type.subclass_dict_offset = offsetof(PicklerObject, dict);
  pickler_type.new_ = pickler_new;
  pickler_type.init = pickler_init;
  pickler_type.dealloc = pickler_dealloc;
  pickler_type.traverse = pickler_traverse;
  pickler_type.clear = pickler_clear;
  type_ready(&pickler_type, &object_type);
  add_methods(&pickler_type, kPicklerMethods);
  add_getset(&pickler_type, "memo", pickler_get_memo, pickler_set_memo_attr);
  add_getset(&pickler_type, "persistent_id", pickler_get_persid, pickler_set_persid);
  add_getset(&pickler_type, "dispatch_table", pickler_get_dispatch_table,
             pickler_set_dispatch_table);
  add_getset(&pickler_type, "bin", pickler_get_bin, pickler_set_bin);
  add_getset(&pickler_type, "fast", pickler_get_fast, pickler_set_fast);
  type_add_module_attr(&pickler_type);
  ready_proxy(&pickler_memo_proxy_type, "_pickle.PicklerMemoProxy", kPicklerMemoProxyMethods);
}

void unpickler_type_init() {
  if (unpickler_type.dict != nullptr) return;
  unpickler_type.name = "_pickle.Unpickler";
  unpickler_type.qualname = "Unpickler";
  unpickler_type.module = "_pickle";
  unpickler_type.flags = kTypeBaseType;
  unpickler_type.basic_size = sizeof(UnpicklerObject);
  unpickler_type.subclass_dict_offset = offsetof(UnpicklerObject, dict);
  unpickler_type.new_ = unpickler_new;
  unpickler_type.init = unpickler_init;
  unpickler_type.dealloc = unpickler_dealloc;
  unpickler_type.traverse = unpickler_traverse;
  unpickler_type.clear = unpickler_clear;
  type_ready(&unpickler_type, &object_type);
  add_methods(&unpickler_type, kUnpicklerMethods);
  add_getset(&unpickler_type, "memo", unpickler_get_memo, unpickler_set_memo_attr);
  add_getset(&unpickler_type, "persistent_load", unpickler_get_persload, unpickler_set_persload);
  type_add_module_attr(&unpickler_type);
  ready_proxy(&unpickler_memo_proxy_type, "_pickle.UnpicklerMemoProxy", kUnpicklerMemoProxyMethods);
}

}  // namespace minipy::lib::pickle
