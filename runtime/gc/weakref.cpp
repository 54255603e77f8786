// Weak references: the side table of each referent's weak references, ReferenceType,
// ProxyType and CallableProxyType (design note in weakref.h).
#include "runtime/gc/weakref.h"

#include <fmt/format.h>

#include <mutex>
#include <unordered_map>

#include "runtime/errors.h"
#include "runtime/gc/collector.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject weakref_type;
TypeObject weakproxy_type;
TypeObject weakcallableproxy_type;

namespace {

constexpr uintptr_t kDisguise = 0xa5a5a5a5a5a5a5a5ull;

/// referent (disguised) -> head of its list. The mutex guards the table and every list; it is
/// never held while Python code runs (callbacks), so a free-threaded build needs nothing more.
struct WeakTable {
  std::mutex mu;
  std::unordered_map<uintptr_t, WeakRefObject*> heads;
};
WeakTable& table() {
  static WeakTable* t = new WeakTable();
  return *t;
}
inline uintptr_t key_of(Object* o) { return reinterpret_cast<uintptr_t>(o) ^ kDisguise; }

WeakRefObject* as_wr(Value v) { return static_cast<WeakRefObject*>(v.obj()); }

bool is_basic_ref(WeakRefObject* w) { return w->type == &weakref_type && !w->callback; }
bool is_basic_proxy(WeakRefObject* w) {
  return (w->type == &weakproxy_type || w->type == &weakcallableproxy_type) && !w->callback;
}

// Both called with the table lock held.
void link(WeakRefObject* w, Object* referent) {
  WeakTable& t = table();
  auto [it, inserted] = t.heads.try_emplace(key_of(referent), nullptr);
  WeakRefObject* head = it->second;
  // CPython's order: the basic ref first, then the basic proxy, then everything else, newest
  // first (callbacks run in list order, so weakref.finalize callbacks run newest first).
  bool head_is_basic = head != nullptr && (is_basic_ref(head) || is_basic_proxy(head));
  if (is_basic_ref(w) || !head_is_basic || (is_basic_proxy(w) && !is_basic_ref(head))) {
    w->next = head;
    w->prev = nullptr;
    if (head) head->prev = w;
    it->second = w;
  } else {
    WeakRefObject* after = head;
    if (is_basic_ref(after) && after->next && is_basic_proxy(after->next)) after = after->next;
    w->prev = after;
    w->next = after->next;
    if (after->next) after->next->prev = w;
    after->next = w;
  }
  w->referent = referent;
  gc_bits_or(referent, kGcHasWeakrefs);
}

void unlink(WeakRefObject* w) {
  Object* r = w->referent;
  if (r == nullptr) return;
  WeakTable& t = table();
  if (w->prev) {
    w->prev->next = w->next;
  } else {
    auto it = t.heads.find(key_of(r));
    if (it != t.heads.end()) {
      if (w->next) {
        it->second = w->next;
      } else {
        t.heads.erase(it);
        gc_bits_and(r, ~kGcHasWeakrefs);
      }
    }
  }
  if (w->next) w->next->prev = w->prev;
  w->prev = w->next = nullptr;
  w->referent = nullptr;
}

/// Detaches every weak reference of `o`; returns those with callbacks (with a reference each)
/// that `keep` accepts.
template <class Keep>
std::vector<Ref> detach_all(Object* o, Keep keep) {
  std::vector<Ref> with_callbacks;
  std::lock_guard<std::mutex> lock(table().mu);
  auto it = table().heads.find(key_of(o));
  if (it == table().heads.end()) {
    gc_bits_and(o, ~kGcHasWeakrefs);
    return with_callbacks;
  }
  WeakRefObject* w = it->second;
  table().heads.erase(it);
  gc_bits_and(o, ~kGcHasWeakrefs);
  while (w) {
    WeakRefObject* next = w->next;
    w->prev = w->next = nullptr;
    w->referent = nullptr;
    // A weakref whose count is zero is being freed right now (its dealloc waits on our lock).
    if (w->callback && refcount_total(w) > 0 && keep(w)) with_callbacks.push_back(Ref::new_ref(w));
    w = next;
  }
  return with_callbacks;
}

void run_callbacks(std::vector<Ref>& wrs) {
  for (Ref& w : wrs) {
    auto* wr = as_wr(w.get());
    Ref cb = std::move(wr->callback);
    if (!cb) continue;
    Ref r = call1(cb.get(), w.get());
    if (!r) write_unraisable(cb.get(), nullptr);
  }
}

Object* live_referent(Value self) {
  Object* o = as_wr(self)->referent;
  if (o == nullptr) raise(&exc_ReferenceError, "weakly-referenced object no longer exists");
  return o;
}

// ---------------------------------------------------------------- ReferenceType

void wr_dealloc(Object* o) {
  auto* w = static_cast<WeakRefObject*>(o);
  {
    std::lock_guard<std::mutex> lock(table().mu);
    unlink(w);
  }
  delete w;
}

void wr_traverse(Object* o, VisitFn visit, void* arg) {
  auto* w = static_cast<WeakRefObject*>(o);
  if (w->callback) visit(w->callback.obj(), arg);  // the referent is not owned
}

void wr_clear(Object* o) {
  auto* w = static_cast<WeakRefObject*>(o);
  {
    std::lock_guard<std::mutex> lock(table().mu);
    unlink(w);
  }
  w->callback.reset();
}

Ref wr_call(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  (void)args;
  if (!check_nargs("weakref", nargs, kwnames, 0, 0)) return Ref();
  Object* o = as_wr(self)->referent;
  return o ? Ref::new_ref(o) : none_ref();
}

bool wr_hash(Value self, int64_t* out) {
  auto* w = as_wr(self);
  if (w->hash != -1) {
    *out = w->hash;
    return true;
  }
  if (w->referent == nullptr) {
    raise(&exc_TypeError, "weak object has gone away");
    return false;
  }
  Ref keep = Ref::new_ref(w->referent);
  if (!hash(keep.get(), out)) return false;
  w->hash = *out;
  return true;
}

Ref wr_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::Eq && op != CmpOp::Ne) || !isinstance(b, &weakref_type))
    return not_implemented_ref();
  Object* x = as_wr(a)->referent;
  Object* y = as_wr(b)->referent;
  if (x == nullptr || y == nullptr) {
    bool same = a == b;
    return bool_ref(op == CmpOp::Eq ? same : !same);
  }
  Ref kx = Ref::new_ref(x), ky = Ref::new_ref(y);
  return compare(kx.get(), ky.get(), op);
}

Ref wr_repr(Value self) {
  Object* o = as_wr(self)->referent;
  if (o == nullptr) return str_new(fmt::format("<weakref at {:#x}; dead>", self.bits()));
  Ref keep = Ref::new_ref(o);
  Ref name = getattr_opt(keep.get(), names::name);
  if (!name && error_pending()) clear_exception();
  const std::string& tn = o->type->name;
  if (name && is_str(name.get())) {
    return str_new(fmt::format("<weakref at {:#x}; to '{}' at {:#x} ({})>", self.bits(), tn,
                               keep.get().bits(), as_str(name.get())->view()));
  }
  return str_new(
      fmt::format("<weakref at {:#x}; to '{}' at {:#x}>", self.bits(), tn, keep.get().bits()));
}

/// ob and an optional callback, positionally (CPython's parse_weakref_init_args).
bool check_wr_args(const char* who, size_t nargs) {
  if (nargs < 1) {
    raise_fmt(&exc_TypeError, "{} expected at least 1 argument, got {}", who, nargs);
    return false;
  }
  if (nargs > 2) {
    raise_fmt(&exc_TypeError, "{} expected at most 2 arguments, got {}", who, nargs);
    return false;
  }
  return true;
}

// As CPython: __new__ ignores keyword arguments (a subclass's __init__ may take them,
// MyRef(o, value=24)) and __init__ refuses them (so ref(o, callback=f) fails there).
// Subclasses taking more positional arguments (KeyedRef(ob, callback, key)) define a __new__
// that passes ob and callback on.
Ref wr_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject*) {
  if (!check_wr_args("__new__", nargs)) return Ref();
  return weakref_new(type, args[0], nargs > 1 ? args[1] : Value());
}

bool wr_init_slot(Value, const Value*, size_t nargs, TupleObject* kwnames) {
  if (kwnames != nullptr && kwnames->size > 0) {
    raise(&exc_TypeError, "ref() takes no keyword arguments");
    return false;
  }
  return check_wr_args("__init__", nargs);
}

Ref wr_get_callback(Value self) {
  auto* w = as_wr(self);
  return w->callback ? w->callback.dup() : none_ref();
}

Ref wr_class_getitem(Value cls, const Value*, size_t, TupleObject*) { return Ref::new_ref(cls); }

// ---------------------------------------------------------------- proxies

Ref px_unwrap(Value v) {  // operands that are proxies stand for their referents
  TypeObject* t = type_of(v);
  if (t == &weakproxy_type || t == &weakcallableproxy_type) {
    Object* o = live_referent(v);
    return o ? Ref::new_ref(o) : Ref();
  }
  return Ref::new_ref(v);
}

Ref px_getattr(Value self, StrObject* name) {
  Ref o = px_unwrap(self);
  return o ? getattr(o.get(), name) : Ref();
}
bool px_setattr(Value self, StrObject* name, Value v) {
  Ref o = px_unwrap(self);
  if (!o) return false;
  return v ? setattr(o.get(), name, v) : delattr(o.get(), name);
}
Ref px_repr(Value self) {
  Object* o = as_wr(self)->referent;
  if (o == nullptr) return str_new(fmt::format("<weakproxy at {:#x}; dead>", self.bits()));
  return str_new(fmt::format("<weakproxy at {:#x}; to '{}' at {:#x}>", self.bits(), o->type->name,
                             Value(o).bits()));
}
Ref px_str(Value self) {
  Ref o = px_unwrap(self);
  return o ? to_str(o.get()) : Ref();
}
Ref px_call(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  Ref o = px_unwrap(self);
  return o ? call(o.get(), args, nargs, kwnames) : Ref();
}
bool px_len(Value self, int64_t* out) {
  Ref o = px_unwrap(self);
  return o && length(o.get(), out);
}
Ref px_getitem(Value self, Value key) {
  Ref o = px_unwrap(self);
  return o ? getitem(o.get(), key) : Ref();
}
bool px_setitem(Value self, Value key, Value v) {
  Ref o = px_unwrap(self);
  if (!o) return false;
  return v ? setitem(o.get(), key, v) : delitem(o.get(), key);
}
int px_contains(Value self, Value item) {
  Ref o = px_unwrap(self);
  return o ? contains(o.get(), item) : -1;
}
Ref px_iter(Value self) {
  Ref o = px_unwrap(self);
  return o ? get_iter(o.get()) : Ref();
}
Ref px_iternext(Value self) {
  Ref o = px_unwrap(self);
  if (!o) return o;
  if (type_of(o.get())->iternext == nullptr) {
    return raise_fmt(&exc_TypeError, "Weakref proxy referenced a non-iterator '{}' object",
                     type_name(o.get()));
  }
  return iter_next(o.get());
}
int px_bool(Value self) {
  Ref o = px_unwrap(self);
  return o ? truthy(o.get()) : -1;
}
Ref px_richcompare(Value a, Value b, CmpOp op) {
  Ref x = px_unwrap(a);
  if (!x) return x;
  Ref y = px_unwrap(b);
  if (!y) return y;
  return compare(x.get(), y.get(), op);
}

/// proxy.__bytes__() and proxy.__reversed__(): the referent's method (CPython's proxy_methods).
template <const char* kName>
Ref px_forward_method(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  (void)args;
  if (!check_nargs(kName, nargs, kwnames, 0, 0)) return Ref();
  Ref o = px_unwrap(self);
  return o ? call_method(o.get(), intern(kName), nullptr, 0) : Ref();
}
constexpr char kBytesName[] = "__bytes__";
constexpr char kReversedName[] = "__reversed__";

/// a op b and a op= b with proxies unwrapped (`fn` is binary_op or inplace_op).
template <Ref (*fn)(Value, Value, NumOp), NumOp op>
Ref px_numeric(Value a, Value b) {
  Ref x = px_unwrap(a);
  if (!x) return x;
  Ref y = px_unwrap(b);
  if (!y) return y;
  return fn(x.get(), y.get(), op);
}
template <Ref (*fn)(Value)>
Ref px_unary(Value self) {
  Ref o = px_unwrap(self);
  return o ? fn(o.get()) : Ref();
}

template <size_t... I>
void set_proxy_number_slots(TypeObject* t, std::index_sequence<I...>) {
  ((t->nb[I] = px_numeric<binary_op, static_cast<NumOp>(I)>), ...);
  ((t->nb_inplace[I] = px_numeric<inplace_op, static_cast<NumOp>(I)>), ...);
}

void proxy_type_setup(TypeObject* t, const char* name, bool callable_proxy) {
  t->name = name;
  t->module = "weakref";
  t->basic_size = sizeof(WeakRefObject);
  t->dealloc = wr_dealloc;
  t->traverse = wr_traverse;
  t->clear = wr_clear;
  t->getattr = px_getattr;
  t->setattr = px_setattr;
  t->repr = px_repr;
  t->str = px_str;
  if (callable_proxy) t->call = px_call;
  t->len = px_len;
  t->getitem = px_getitem;
  t->setitem = px_setitem;
  t->contains = px_contains;
  t->iter = px_iter;
  t->iternext = px_iternext;
  t->nb_bool = px_bool;
  t->richcompare = px_richcompare;
  set_proxy_number_slots(t, std::make_index_sequence<static_cast<size_t>(NumOp::kCount)>());
  t->nb_neg = px_unary<negative>;
  t->nb_pos = px_unary<positive>;
  t->nb_invert = px_unary<invert>;
  t->nb_abs = px_unary<absolute>;
  t->nb_int = px_unary<number_int>;
  t->nb_float = px_unary<number_float>;
  t->nb_index = px_unary<number_index>;
  type_ready(t, &object_type);
  t->hash = nullptr;  // proxies are unhashable: the referent may die
  t->new_ = nullptr;
  add_attr(t, "__hash__", None());
  add_method(t, "__bytes__", px_forward_method<kBytesName>);
  add_method(t, "__reversed__", px_forward_method<kReversedName>);
}

}  // namespace

bool weakrefable(Value o) { return o.is_object() && (o.obj()->type->flags & kTypeWeakrefable); }

Ref weakref_new(TypeObject* type, Value ob, Value callback) {
  if (!weakrefable(ob)) {
    return raise_fmt(&exc_TypeError, "cannot create weak reference to '{}' object", type_name(ob));
  }
  if (callback && is_none(callback)) callback = Value();
  Object* referent = ob.obj();
  if (!callback && (type == &weakref_type || type == &weakproxy_type)) {
    // A basic weak reference (no callback, exact type) is shared, as CPython does.
    std::lock_guard<std::mutex> lock(table().mu);
    auto it = table().heads.find(key_of(referent));
    if (it != table().heads.end()) {
      for (WeakRefObject* w = it->second; w; w = w->next) {
        bool match = type == &weakref_type ? is_basic_ref(w) : is_basic_proxy(w);
        if (match && refcount_total(w) > 0) return Ref::new_ref(w);
      }
    }
  }
  if (type == &weakproxy_type && callable(ob)) type = &weakcallableproxy_type;
  auto* w = alloc_instance<WeakRefObject>(type);
  if (callback) w->callback = Ref::new_ref(callback);
  std::lock_guard<std::mutex> lock(table().mu);
  link(w, referent);
  return Ref::steal(Value(w));
}

Ref weakproxy_new(Value ob, Value callback) { return weakref_new(&weakproxy_type, ob, callback); }

int64_t weakref_count(Object* o) {
  if (!(gc_bits_load(o) & kGcHasWeakrefs)) return 0;
  std::lock_guard<std::mutex> lock(table().mu);
  auto it = table().heads.find(key_of(o));
  int64_t n = 0;
  if (it != table().heads.end()) {
    for (WeakRefObject* w = it->second; w; w = w->next) n++;
  }
  return n;
}

Ref weakref_first(Value self) {
  Object* o = self.obj();
  if (gc_bits_load(o) & kGcHasWeakrefs) {
    std::lock_guard<std::mutex> lock(table().mu);
    auto it = table().heads.find(key_of(o));
    if (it != table().heads.end()) return Ref::new_ref(it->second);
  }
  return none_ref();
}

Ref weakref_list(Object* o) {
  Ref l = list_new();
  if (!(gc_bits_load(o) & kGcHasWeakrefs)) return l;
  std::lock_guard<std::mutex> lock(table().mu);
  auto it = table().heads.find(key_of(o));
  if (it != table().heads.end()) {
    for (WeakRefObject* w = it->second; w; w = w->next) {
      if (refcount_total(w) > 0) list_append(as_list(l.get()), Value(w));
    }
  }
  return l;
}

void weakrefs_clear_on_dealloc(Object* o) {
  std::vector<Ref> wrs = detach_all(o, [](WeakRefObject*) { return true; });
  if (wrs.empty()) return;
  Ref saved = take_exception();
  run_callbacks(wrs);
  if (saved) set_exception(std::move(saved));
}

void weakrefs_clear_for_gc(const std::vector<Ref>& garbage) {
  std::vector<Ref> wrs;
  for (const Ref& g : garbage) {
    Object* o = g.obj();
    if (!(gc_bits_load(o) & kGcHasWeakrefs)) continue;
    // A weak reference that is garbage itself is freed with the rest: its callback never runs.
    std::vector<Ref> part = detach_all(o, [](WeakRefObject* w) {
      return !(gc_is_tracked(w) && ((gc_bits_load(w) & kGcListMask) >> kGcListShift) == kGcCollecting);
    });
    for (Ref& w : part) wrs.push_back(std::move(w));
  }
  if (wrs.empty()) return;
  Ref saved = take_exception();
  run_callbacks(wrs);
  if (saved) set_exception(std::move(saved));
}

void weakref_types_init() {
  weakref_type.name = "ReferenceType";
  weakref_type.module = "weakref";
  weakref_type.flags = kTypeBaseType;
  weakref_type.basic_size = sizeof(WeakRefObject);
  weakref_type.subclass_dict_offset = offsetof(WeakRefObject, dict);
  weakref_type.dealloc = wr_dealloc;
  weakref_type.traverse = wr_traverse;
  weakref_type.clear = wr_clear;
  weakref_type.call = wr_call;
  weakref_type.hash = wr_hash;
  weakref_type.richcompare = wr_richcompare;
  weakref_type.repr = wr_repr;
  weakref_type.new_ = wr_new_slot;
  weakref_type.init = wr_init_slot;
  type_ready(&weakref_type, &object_type);
  add_getset(&weakref_type, "__callback__", wr_get_callback);
  add_method(&weakref_type, "__class_getitem__", wr_class_getitem, kNativeClassMethod);
  proxy_type_setup(&weakproxy_type, "ProxyType", false);
  proxy_type_setup(&weakcallableproxy_type, "CallableProxyType", true);
}

}  // namespace minipy::rt
