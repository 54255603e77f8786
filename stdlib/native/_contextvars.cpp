// The _contextvars module (PEP 567): ContextVar, Token, Context and copy_context, under
// CPython's `contextvars`. A Context maps variables to values through a dict that is never
// changed once published: ContextVar.set makes a new one (copy-on-write, where CPython uses a
// HAMT), so Context.copy() and copy_context() are O(1) and a copied context never sees later
// changes. Each thread starts in an empty context of its own (ThreadState::context), as in 3.11.
#include <fmt/format.h>

#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/_contextvars.h"

namespace minipy::lib {

using namespace rt;

namespace {

TypeObject context_type;
TypeObject context_var_type;
TypeObject token_type;
Object token_missing;  // Token.MISSING
TypeObject token_missing_type;

struct ContextObject : Object {
  Ref vars;  // dict ContextVar -> value; replaced, never mutated, once the context holds it
  Ref prev;  // while entered (run): the context to restore
  bool entered = false;
};

struct ContextVarObject : Object {
  Ref name;
  Ref default_value;  // null = no default
};

struct TokenObject : Object {
  Ref ctx;
  Ref var;
  Ref old_value;  // null = Token.MISSING
  bool used = false;
};

bool is_context(Value v) { return v.is_object() && v.obj()->type == &context_type; }
bool is_context_var(Value v) { return v.is_object() && v.obj()->type == &context_var_type; }
ContextObject* as_ctx(Value v) { return static_cast<ContextObject*>(v.obj()); }
ContextVarObject* as_var(Value v) { return static_cast<ContextVarObject*>(v.obj()); }
TokenObject* as_token(Value v) { return static_cast<TokenObject*>(v.obj()); }

Ref context_new(Ref vars) {
  auto* c = alloc_instance<ContextObject>(&context_type);
  c->vars = vars ? std::move(vars) : dict_new();
  return Ref::steal(Value(c));
}

/// The current thread's context, created empty on first use.
ContextObject* current_context() {
  ThreadState* ts = tstate();
  if (!ts->context) ts->context = context_new(Ref());
  return as_ctx(ts->context.get());
}

DictObject* vars_of(ContextObject* c) { return as_dict(c->vars.get()); }

std::string var_repr(Value v) {
  ContextVarObject* var = as_var(v);
  std::string out = "<ContextVar name=";
  std::string text;
  out += repr_text(var->name.get(), &text) ? text : "?";
  if (var->default_value) {
    clear_exception();
    if (repr_text(var->default_value.get(), &text)) out += " default=" + text;
  }
  clear_exception();
  return out + fmt::format(" at {}>", static_cast<const void*>(v.obj()));
}

std::string token_repr_text(Value v) {
  TokenObject* t = as_token(v);
  return fmt::format("<Token{} var={} at {}>", t->used ? " used" : "", var_repr(t->var.get()),
                     static_cast<const void*>(v.obj()));
}

#define CV_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

// ---------------------------------------------------------------- ContextVar

Ref var_new_slot(TypeObject*, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2] = {};
  if (!parse_args("ContextVar", args, nargs, kw, {"name", "*", "default"}, 1, a)) return Ref();
  if (!is_str(a[0])) return raise(&exc_TypeError, "context variable name must be a str");
  auto* v = alloc_instance<ContextVarObject>(&context_var_type);
  v->name = Ref::new_ref(a[0]);
  if (a[1]) v->default_value = Ref::new_ref(a[1]);
  return Ref::steal(Value(v));
}

CV_FN(var_get) {
  if (!check_nargs("get", nargs, kw, 0, 1)) return Ref();
  Value v = dict_get(vars_of(current_context()), self);
  if (v) return Ref::new_ref(v);
  if (error_pending()) return Ref();
  if (nargs == 1) return Ref::new_ref(args[0]);
  if (as_var(self)->default_value) return as_var(self)->default_value.dup();
  return raise_with_value(&exc_LookupError, self);
}

/// ctx's mapping with var set to value (value null = var removed), as a new dict.
bool replace_var(ContextObject* ctx, Value var, Value value) {
  Ref copy = dict_copy(vars_of(ctx));
  if (!copy) return false;
  if (value) {
    if (!dict_set(as_dict(copy.get()), var, value)) return false;
  } else if (dict_del(as_dict(copy.get()), var) < 0) {
    return false;
  }
  ctx->vars = std::move(copy);
  return true;
}

CV_FN(var_set) {
  if (!check_nargs("set", nargs, kw, 1, 1)) return Ref();
  ContextObject* ctx = current_context();
  Value old = dict_get(vars_of(ctx), self);
  if (!old && error_pending()) return Ref();
  auto* t = alloc_instance<TokenObject>(&token_type);
  Ref token = Ref::steal(Value(t));
  t->ctx = Ref::new_ref(Value(ctx));
  t->var = Ref::new_ref(self);
  if (old) t->old_value = Ref::new_ref(old);
  if (!replace_var(ctx, self, args[0])) return Ref();
  return token;
}

CV_FN(var_reset) {
  if (!check_nargs("reset", nargs, kw, 1, 1)) return Ref();
  if (!args[0].is_object() || args[0].obj()->type != &token_type) {
    std::string text;
    if (!repr_text(args[0], &text)) return Ref();
    return raise_fmt(&exc_TypeError, "expected an instance of Token, got {}", text);
  }
  TokenObject* t = as_token(args[0]);
  if (t->used)
    return raise_fmt(&exc_RuntimeError, "{} has already been used once", token_repr_text(args[0]));
  if (t->var.get() != self) {
    return raise_fmt(&exc_ValueError, "{} was created by a different ContextVar",
                     token_repr_text(args[0]));
  }
  ContextObject* ctx = current_context();
  if (t->ctx.get() != Value(ctx)) {
    return raise_fmt(&exc_ValueError, "{} was created in a different Context",
                     token_repr_text(args[0]));
  }
  t->used = true;
  if (!replace_var(ctx, self, t->old_value ? t->old_value.get() : Value())) return Ref();
  return none_ref();
}

Ref var_repr_slot(Value v) { return str_new(var_repr(v)); }
Ref var_get_name(Value self) { return as_var(self)->name.dup(); }
bool var_hash(Value v, int64_t* out) {
  *out = hash_pointer(v.obj());
  return true;
}

CV_FN(class_getitem) {
  if (!check_nargs("__class_getitem__", nargs, kw, 1, 1)) return Ref();
  return generic_alias_new(self, args[0]);
}

// ---------------------------------------------------------------- Token

Ref token_repr_slot(Value v) { return str_new(token_repr_text(v)); }
Ref token_get_var(Value self) { return as_token(self)->var.dup(); }
Ref token_get_old_value(Value self) {
  TokenObject* t = as_token(self);
  return t->old_value ? t->old_value.dup() : Ref::new_ref(Value(&token_missing));
}
Ref missing_repr(Value) { return str_new("<Token.MISSING>"); }

// ---------------------------------------------------------------- Context

Ref context_new_slot(TypeObject*, const Value*, size_t nargs, TupleObject* kw) {
  if (nargs != 0 || (kw != nullptr && kw->size != 0)) {
    return raise(&exc_TypeError, "Context() does not accept any arguments");
  }
  return context_new(Ref());
}

CV_FN(context_run) {
  if (nargs < 1) return raise(&exc_TypeError, "run() missing 1 required positional argument");
  ContextObject* ctx = as_ctx(self);
  std::string text;
  if (ctx->entered) {
    return raise_fmt(&exc_RuntimeError,
                     "cannot enter context: <_contextvars.Context object at {}> is already entered",
                     static_cast<const void*>(self.obj()));
  }
  ThreadState* ts = tstate();
  ctx->prev = std::move(ts->context);
  ctx->entered = true;
  ts->context = Ref::new_ref(self);
  Ref r = call(args[0], args + 1, nargs - 1, kw);
  ts->context = std::move(ctx->prev);
  ctx->entered = false;
  return r;
}

bool check_var_key(Value key) {
  if (is_context_var(key)) return true;
  std::string text;
  if (!repr_text(key, &text)) return false;
  raise_fmt(&exc_TypeError, "a ContextVar key was expected, got {}", text);
  return false;
}

Ref context_getitem(Value self, Value key) {
  if (!check_var_key(key)) return Ref();
  Value v = dict_get(vars_of(as_ctx(self)), key);
  if (v) return Ref::new_ref(v);
  if (error_pending()) return Ref();
  return raise_with_value(&exc_KeyError, key);
}

int context_contains(Value self, Value key) {
  if (!check_var_key(key)) return -1;
  Value v = dict_get(vars_of(as_ctx(self)), key);
  if (!v && error_pending()) return -1;
  return v ? 1 : 0;
}

bool context_len(Value self, int64_t* out) {
  *out = static_cast<int64_t>(vars_of(as_ctx(self))->used);
  return true;
}

Ref context_iter(Value self) { return get_iter(as_ctx(self)->vars.get()); }

CV_FN(context_get) {
  if (!check_nargs("get", nargs, kw, 1, 2)) return Ref();
  if (!check_var_key(args[0])) return Ref();
  Value v = dict_get(vars_of(as_ctx(self)), args[0]);
  if (v) return Ref::new_ref(v);
  if (error_pending()) return Ref();
  return nargs == 2 ? Ref::new_ref(args[1]) : none_ref();
}

/// keys(), values(), items(): lists, as the documentation describes them.
Ref context_list(Value self, int which) {
  Ref out = list_new();
  DictObject* d = vars_of(as_ctx(self));
  size_t pos = 0;
  Value k, v;
  while (dict_next(d, &pos, &k, &v)) {
    if (which == 0) {
      list_append(as_list(out.get()), k);
    } else if (which == 1) {
      list_append(as_list(out.get()), v);
    } else {
      Ref pair = tuple_of({k, v});
      list_append(as_list(out.get()), pair.get());
    }
  }
  return out;
}
CV_FN(context_keys) { return check_nargs("keys", nargs, kw, 0, 0) ? context_list(self, 0) : Ref(); }
CV_FN(context_values) {
  return check_nargs("values", nargs, kw, 0, 0) ? context_list(self, 1) : Ref();
}
CV_FN(context_items) {
  return check_nargs("items", nargs, kw, 0, 0) ? context_list(self, 2) : Ref();
}
CV_FN(context_copy) {
  if (!check_nargs("copy", nargs, kw, 0, 0)) return Ref();
  return context_new(as_ctx(self)->vars.dup());
}

CV_FN(copy_context) {
  if (!check_nargs("copy_context", nargs, kw, 0, 0)) return Ref();
  return context_new(current_context()->vars.dup());
}

// ---------------------------------------------------------------- slots

template <class T>
void dealloc(Object* o) {
  delete static_cast<T*>(o);
}
void context_traverse(Object* o, VisitFn visit, void* arg) {
  auto* c = static_cast<ContextObject*>(o);
  visit_value(c->vars.get(), visit, arg);
  visit_value(c->prev.get(), visit, arg);
}
void context_clear(Object* o) {
  auto* c = static_cast<ContextObject*>(o);
  c->vars.reset();
  c->prev.reset();
}
void var_traverse(Object* o, VisitFn visit, void* arg) {
  auto* v = static_cast<ContextVarObject*>(o);
  visit_value(v->name.get(), visit, arg);
  visit_value(v->default_value.get(), visit, arg);
}
void var_clear(Object* o) {
  auto* v = static_cast<ContextVarObject*>(o);
  v->default_value.reset();
}
void token_traverse(Object* o, VisitFn visit, void* arg) {
  auto* t = static_cast<TokenObject*>(o);
  visit_value(t->ctx.get(), visit, arg);
  visit_value(t->var.get(), visit, arg);
  visit_value(t->old_value.get(), visit, arg);
}
void token_clear(Object* o) {
  auto* t = static_cast<TokenObject*>(o);
  t->ctx.reset();
  t->var.reset();
  t->old_value.reset();
}

void types_init() {
  static bool done = false;
  if (done) return;
  done = true;
  context_type.name = "_contextvars.Context";  // tp_name, as in messages
  context_type.qualname = "Context";
  context_type.module = "_contextvars";
  context_type.basic_size = sizeof(ContextObject);
  context_type.dealloc = dealloc<ContextObject>;
  context_type.traverse = context_traverse;
  context_type.clear = context_clear;
  context_type.new_ = context_new_slot;
  context_type.getitem = context_getitem;
  context_type.contains = context_contains;
  context_type.len = context_len;
  context_type.iter = context_iter;
  type_ready(&context_type, &object_type);
  add_method(&context_type, "run", context_run);
  add_method(&context_type, "get", context_get);
  add_method(&context_type, "keys", context_keys);
  add_method(&context_type, "values", context_values);
  add_method(&context_type, "items", context_items);
  add_method(&context_type, "copy", context_copy);

  context_var_type.name = "_contextvars.ContextVar";  // tp_name, as in messages
  context_var_type.qualname = "ContextVar";
  context_var_type.module = "_contextvars";
  context_var_type.basic_size = sizeof(ContextVarObject);
  context_var_type.dealloc = dealloc<ContextVarObject>;
  context_var_type.traverse = var_traverse;
  context_var_type.clear = var_clear;
  context_var_type.new_ = var_new_slot;
  context_var_type.repr = var_repr_slot;
  context_var_type.hash = var_hash;
  type_ready(&context_var_type, &object_type);
  add_method(&context_var_type, "get", var_get);
  add_method(&context_var_type, "set", var_set);
  add_method(&context_var_type, "reset", var_reset);
  add_method(&context_var_type, "__class_getitem__", class_getitem, kNativeClassMethod);
  add_getset(&context_var_type, "name", var_get_name);

  token_missing_type.name = "Token.MISSING";
  token_missing_type.repr = missing_repr;
  type_ready(&token_missing_type, &object_type);
  token_missing.type = &token_missing_type;
  make_immortal(&token_missing);

  token_type.name = "_contextvars.Token";  // tp_name, as in messages
  token_type.qualname = "Token";
  token_type.module = "_contextvars";
  token_type.basic_size = sizeof(TokenObject);
  token_type.dealloc = dealloc<TokenObject>;
  token_type.traverse = token_traverse;
  token_type.clear = token_clear;
  token_type.repr = token_repr_slot;
  type_ready(&token_type, &object_type);
  add_getset(&token_type, "var", token_get_var);
  add_getset(&token_type, "old_value", token_get_old_value);
  add_attr(&token_type, "MISSING", Value(&token_missing));
  add_method(&token_type, "__class_getitem__", class_getitem, kNativeClassMethod);
}

}  // namespace

Ref contextvars_copy_current() { return context_new(current_context()->vars.dup()); }

bool init__contextvars(Value module, DictObject* ns) {
  types_init();
  add_function(ns, module, "copy_context", copy_context);
  return dict_set_cstr(ns, "Context", Value(&context_type)) &&
         dict_set_cstr(ns, "ContextVar", Value(&context_var_type)) &&
         dict_set_cstr(ns, "Token", Value(&token_type));
}

}  // namespace minipy::lib
