// Builtins that need the VM: __build_class__, super, globals, locals, eval, exec, compile,
// __import__. They are added to the builtins dict by vm_init; the rest of builtins lives in
// stdlib/native/builtins.cpp.
#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/objects/native_sig.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/ast_convert.h"
#include "vm/ast_types.h"
#include "vm/code.h"
#include "vm/eval.h"
#include "vm/import.h"
#include "vm/interpreter.h"

namespace minipy::vm {

using namespace rt;

// ---------------------------------------------------------------- __build_class__

/// PEP 560: a base that is not a class but has __mro_entries__ (list[int], typing.Generic[T])
/// is replaced by the classes that method returns. Returns the bases unchanged when none does.
static Ref update_bases(Ref bases) {
  TupleObject* orig = as_tuple(bases.get());
  Ref out;  // a list, created at the first replacement
  for (size_t i = 0; i < orig->size; i++) {
    Value b = orig->at(i);
    Ref meth;
    if (!isinstance(b, &type_type)) {
      meth = getattr_opt(b, intern("__mro_entries__"));
      if (!meth && error_pending()) return Ref();
    }
    if (!meth) {
      if (out) list_append(as_list(out.get()), b);
      continue;
    }
    if (!out) {
      out = list_new();
      for (size_t j = 0; j < i; j++) list_append(as_list(out.get()), orig->at(j));
    }
    Ref entries = call1(meth.get(), bases.get());
    if (!entries) return entries;
    if (!is_tuple(entries.get())) return raise(&exc_TypeError, "__mro_entries__ must return a tuple");
    TupleObject* et = as_tuple(entries.get());
    for (size_t j = 0; j < et->size; j++) list_append(as_list(out.get()), et->at(j));
  }
  if (!out) return bases;
  ListObject* l = as_list(out.get());
  return tuple_from(l->items.data(), l->items.size());
}

static Ref build_class(Value, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (nargs < 2) return raise(&exc_TypeError, "__build_class__: not enough arguments");
  if (!is_function(args[0])) return raise(&exc_TypeError, "__build_class__: func must be a function");
  if (!is_str(args[1])) return raise(&exc_TypeError, "__build_class__: name is not a string");
  FunctionObject* body = as_function(args[0]);
  Ref orig_bases = tuple_from(args + 2, nargs - 2);
  Ref bases = update_bases(Ref::new_ref(orig_bases.get()));
  if (!bases) return bases;
  Value meta;
  Ref kwds = dict_new();
  if (kwnames) {
    for (size_t i = 0; i < kwnames->size; i++) {
      if (as_str(kwnames->at(i))->view() == "metaclass") {
        meta = args[nargs + i];
      } else {
        dict_set(as_dict(kwds.get()), kwnames->at(i), args[nargs + i]);
      }
    }
  }
  if (!meta) meta = as_tuple(bases.get())->size ? Value(type_of(as_tuple(bases.get())->at(0))) : Value(&type_type);
  if (isinstance(meta, &type_type)) {
    TypeObject* m = type_calculate_metaclass(static_cast<TypeObject*>(meta.obj()), as_tuple(bases.get()));
    if (!m) return Ref();
    meta = Value(m);
  }
  // The class keywords other than metaclass= go to both __prepare__ and the metaclass call.
  Ref names_t;
  std::vector<Value> kw_values;
  DictObject* kd = as_dict(kwds.get());
  if (kd->used) {
    names_t = tuple_new(kd->used);
    size_t pos = 0, i = 0;
    Value k, v;
    while (dict_next(kd, &pos, &k, &v)) {
      incref(k);
      tuple_set_steal(as_tuple(names_t.get()), i++, k);
      kw_values.push_back(v);
    }
  }
  TupleObject* kwnames_t = names_t ? as_tuple(names_t.get()) : nullptr;
  Ref ns;
  Ref prepare = getattr_opt(meta, intern("__prepare__"));
  if (prepare) {
    std::vector<Value> pargs = {args[1], bases.get()};
    pargs.insert(pargs.end(), kw_values.begin(), kw_values.end());
    ns = call(prepare.get(), pargs.data(), 2, kwnames_t);
    if (!ns) return ns;
  } else {
    if (error_pending()) return Ref();
    ns = dict_new();
  }
  if (!is_dict(ns.get())) {
    std::string who =
        isinstance(meta, &type_type) ? static_cast<TypeObject*>(meta.obj())->name : "<metaclass>";
    if (!type_lookup(type_of(ns.get()), "__getitem__")) {
      return raise_fmt(&exc_TypeError, "{}.__prepare__() must return a mapping, not {}", who,
                       type_name(ns.get()));
    }
    // Class bodies store their names in a dict (run_class_body); other mappings are not supported.
    return raise_fmt(&exc_TypeError, "{}.__prepare__() returned a {}: minipy needs a dict", who,
                     type_name(ns.get()));
  }
  if (bases.get() != orig_bases.get() && !setitem(ns.get(), Value(intern("__orig_bases__")), orig_bases.get())) {
    return Ref();
  }
  Ref cell = run_class_body(body, as_dict(ns.get()));
  if (!cell) return cell;
  // type.__new__ fills the methods' __class__ cell before __set_name__ and __init_subclass__
  // run (runtime/type_new_hooks.cpp); filled again below for a metaclass that does not pass
  // the namespace on.
  if (type_of(cell.get()) == &cell_type &&
      !dict_set_str(as_dict(ns.get()), intern("__classcell__"), cell.get())) {
    return Ref();
  }
  std::vector<Value> call_args = {args[1], bases.get(), ns.get()};
  call_args.insert(call_args.end(), kw_values.begin(), kw_values.end());
  Ref cls = call(meta, call_args.data(), 3, kwnames_t);
  if (!cls) return cls;
  if (type_of(cell.get()) == &cell_type) {
    auto* c = static_cast<CellObject*>(cell.obj());
    Value old = c->ref;
    incref(cls.get());
    c->ref = cls.get();
    decref(old);
  }
  return cls;
}

// ---------------------------------------------------------------- super

TypeObject super_type;

struct SuperObject : Object {
  TypeObject* start;  // the class after which lookup starts (__thisclass__)
  Ref obj;           // the instance or class (__self__)
  TypeObject* obj_type;  // __self_class__
  Ref owned_start, owned_obj_type;  // references keeping start and obj_type alive
};

static Ref super_new(TypeObject* t, const Value* args, size_t nargs, TupleObject* kw) {
  auto* s = alloc_instance<SuperObject>(t);
  s->start = nullptr;
  s->obj_type = nullptr;
  return Ref::steal(Value(s));
}

static bool super_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  auto* s = static_cast<SuperObject*>(self.obj());
  Value type, obj;
  if (nargs == 0) {
    Frame* f = current_frame();
    if (f == nullptr || f->func == nullptr || f->code->unit->argcount == 0) {
      raise(&exc_RuntimeError, "super(): no arguments");
      return false;
    }
    CodeObject* co = f->code;
    obj = f->fast()[0];
    if (!obj && !co->unit->cell2arg.empty()) {
      for (size_t i = 0; i < co->unit->cell2arg.size(); i++) {
        if (co->unit->cell2arg[i] == 0) obj = static_cast<CellObject*>(f->cells()[i].obj())->ref;
      }
    }
    if (!obj) {
      raise(&exc_RuntimeError, "super(): arg[0] deleted");
      return false;
    }
    for (size_t i = 0; i < co->freevars.size(); i++) {
      if (co->freevars[i]->view() == "__class__") {
        type = static_cast<CellObject*>(f->cells()[co->cellvars.size() + i].obj())->ref;
      }
    }
    if (!type) {
      raise(&exc_RuntimeError, "super(): __class__ cell not found");
      return false;
    }
  } else {
    type = args[0];
    obj = nargs > 1 ? args[1] : Value();
  }
  if (!isinstance(type, &type_type)) {
    raise_fmt(&exc_TypeError, "super() argument 1 must be a type, not {}", type_name(type));
    return false;
  }
  s->start = static_cast<TypeObject*>(type.obj());
  s->owned_start = Ref::new_ref(type);
  s->obj = Ref();  // super.__init__ called again starts over, as CPython's super_init
  s->obj_type = nullptr;
  s->owned_obj_type = Ref();
  if (obj && !is_none(obj)) {
    if (isinstance(obj, &type_type) && is_subtype(static_cast<TypeObject*>(obj.obj()), s->start)) {
      s->obj_type = static_cast<TypeObject*>(obj.obj());
    } else if (isinstance(obj, s->start)) {
      s->obj_type = type_of(obj);
    } else {
      raise(&exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
      return false;
    }
    s->obj = Ref::new_ref(obj);
    s->owned_obj_type = Ref::new_ref(Value(s->obj_type));
  }
  return true;
}

// super.__get__ (CPython's super_descr_get): an unbound super in a class dict binds to the
// instance it is fetched through; a bound one, or one fetched without an instance, is itself.
static Ref super_descr_get(Value self, Value obj, Value) {
  auto* s = static_cast<SuperObject*>(self.obj());
  if (!obj || is_none(obj) || s->obj) return Ref::new_ref(self);
  Value args[2] = {Value(s->start), obj};
  return call(Value(type_of(self)), args, 2);
}

static Ref type_or_none(TypeObject* t) { return t ? Ref::new_ref(Value(t)) : none_ref(); }
static Ref super_thisclass(Value self) { return type_or_none(static_cast<SuperObject*>(self.obj())->start); }
static Ref super_self_class(Value self) {
  return type_or_none(static_cast<SuperObject*>(self.obj())->obj_type);
}
static Ref super_self(Value self) {
  auto* s = static_cast<SuperObject*>(self.obj());
  return s->obj ? Ref::new_ref(s->obj.get()) : none_ref();
}

static Ref super_getattr(Value self, StrObject* name) {
  auto* s = static_cast<SuperObject*>(self.obj());
  if (s->obj_type != nullptr && name->view() != "__class__") {
    const auto& mro = s->obj_type->mro;
    size_t i = 0;
    while (i < mro.size() && mro[i] != s->start) i++;
    for (i++; i < mro.size(); i++) {
      Value v = dict_get_str(mro[i]->dict, name);
      if (!v) continue;
      TypeObject* vt = type_of(v);
      if (vt->descr_get) {
        Value inst = s->obj.get() == Value(s->obj_type) ? Value() : s->obj.get();
        return vt->descr_get(v, inst, Value(s->obj_type));
      }
      return Ref::new_ref(v);
    }
  }
  Ref r = generic_getattr_noerror(self, name);
  if (r || error_pending()) return r;
  return raise_fmt(&exc_AttributeError, "'super' object has no attribute '{}'", name->view());
}

static void super_dealloc(Object* o) { delete static_cast<SuperObject*>(o); }
static void super_traverse(Object* o, VisitFn visit, void* arg) {
  auto* s = static_cast<SuperObject*>(o);
  visit_value(s->obj, visit, arg);
  visit_value(s->owned_start, visit, arg);
  visit_value(s->owned_obj_type, visit, arg);
}

static Ref super_repr(Value self) {
  auto* s = static_cast<SuperObject*>(self.obj());
  if (s->obj_type) {
    return str_new(fmt::format("<super: <class '{}'>, <{} object>>", s->start->name, s->obj_type->name));
  }
  return str_new(fmt::format("<super: <class '{}'>, NULL>", s->start ? s->start->name : "?"));
}

// ---------------------------------------------------------------- globals, locals, eval, exec

static Ref b_globals(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("globals", nargs, kw, 0, 0)) return Ref();
  return Ref::new_ref(Value(current_globals()));
}

static Ref b_locals(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("locals", nargs, kw, 0, 0)) return Ref();
  Frame* f = current_frame();
  if (f == nullptr) return Ref::new_ref(Value(current_globals()));
  if (f->locals) return f->locals.dup();
  if (f->func == nullptr) return Ref::new_ref(Value(f->globals));
  Ref d = dict_new();
  CodeObject* co = f->code;
  for (int i = 0; i < co->nlocals; i++) {
    if (f->fast()[i]) dict_set_str(as_dict(d.get()), co->varnames[i], f->fast()[i]);
  }
  for (size_t i = 0; i < co->cellvars.size() + co->freevars.size(); i++) {
    Value c = f->cells()[i];
    if (c && static_cast<CellObject*>(c.obj())->ref) {
      StrObject* n = i < co->cellvars.size() ? co->cellvars[i] : co->freevars[i - co->cellvars.size()];
      dict_set_str(as_dict(d.get()), n, static_cast<CellObject*>(c.obj())->ref);
    }
  }
  return d;
}

static Ref eval_or_exec(const Value* args, size_t nargs, TupleObject* kw, const char* fname, const char* mode) {
  Value a[3] = {};
  if (!parse_args(fname, args, nargs, kw, {"", "globals", "locals"}, 1, a)) return Ref();
  Value src = a[0];
  DictObject* globals;
  if (a[1] && !is_none(a[1])) {
    if (!is_dict(a[1])) return raise_fmt(&exc_TypeError, "{}() globals must be a dict, not {}", fname, type_name(a[1]));
    globals = as_dict(a[1]);
  } else {
    globals = current_globals();
  }
  Value locals_v = (a[2] && !is_none(a[2])) ? a[2] : Value();
  DictObject* locals = nullptr;
  Ref locals_holder;
  if (locals_v) {
    locals = as_dict(locals_v);
  } else if (!(a[1] && !is_none(a[1]))) {
    locals_holder = b_locals(Value(), nullptr, 0, nullptr);
    if (!locals_holder) return locals_holder;
    locals = as_dict(locals_holder.get());
  } else {
    locals = globals;
  }
  if (!dict_get_str(globals, names::builtins)) dict_set_str(globals, names::builtins, Value(interp().builtins_dict()));
  Ref code;
  if (type_of(src) == &code_type) {
    code = Ref::new_ref(src);
  } else {
    std::string text;
    std::string_view bytes;
    if (is_str(src)) {
      text = std::string(as_str(src)->view());
    } else if (!(type_of(src)->flags & kTypeIntSubclass) && buffer_view(src, &bytes)) {
      text = std::string(bytes);  // bytes-like source, decoded by the lexer as compile()'s (BOM)
    } else {
      clear_exception();
      return raise_fmt(&exc_TypeError, "{}() arg 1 must be a string, bytes or code object", fname);
    }
    if (std::string_view(mode) == "eval") {
      size_t b = text.find_first_not_of(" \t");
      text = b == std::string::npos ? "" : text.substr(b);
    }
    code = compile_source(text, "<string>", mode);
    if (!code) return code;
  }
  Ref r = run_code(code.get(), globals, locals);
  if (!r) return r;
  if (std::string_view(mode) == "exec") return none_ref();
  return r;
}

static Ref b_eval(Value, const Value* args, size_t nargs, TupleObject* kw) {
  return eval_or_exec(args, nargs, kw, "eval", "eval");
}
static Ref b_exec(Value, const Value* args, size_t nargs, TupleObject* kw) {
  return eval_or_exec(args, nargs, kw, "exec", "exec");
}

// compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1):
// source is str, bytes or an `_ast` tree; PyCF_ONLY_AST returns the tree instead of code.
static Ref b_compile(Value, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[7] = {};
  if (!parse_args("compile", args, nargs, kw,
                  {"source", "filename", "mode", "flags", "dont_inherit", "optimize", "*", "_feature_version"}, 3,
                  a)) {
    return Ref();
  }
  int flags = 0;
  int optimize = -1;
  if (a[3] && !convert_to_cint(a[3], &flags)) return Ref();
  if (a[5] && !convert_to_cint(a[5], &optimize)) return Ref();
  // CPython's PyCF_MASK (the __future__ flags), PyCF_MASK_OBSOLETE and PyCF_COMPILE_MASK.
  constexpr int kKnownFlags = 0x1FE0000 | 0x10 | 0x200 | 0x800 | 0x4000 | kCfOnlyAst | kCfTypeComments |
                              kCfAllowTopLevelAwait;
  if (flags & ~kKnownFlags) return raise(&exc_ValueError, "compile(): unrecognised flags");
  if (optimize < -1 || optimize > 2) return raise(&exc_ValueError, "compile(): invalid optimize value");
  if (!is_str(a[1])) return raise_fmt(&exc_TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(a[1]));
  if (!is_str(a[2])) return raise_fmt(&exc_TypeError, "compile() argument 'mode' must be str, not {}", type_name(a[2]));
  std::string filename(as_str(a[1])->view());
  std::string_view mode = as_str(a[2])->view();
  bool only_ast = (flags & kCfOnlyAst) != 0;
  if (mode == "func_type") {
    if (!only_ast) return raise(&exc_ValueError, "compile() mode 'func_type' requires flag PyCF_ONLY_AST");
    return raise(&exc_NotImplementedError, "compile() mode 'func_type' is not supported by minipy");
  }
  if (mode != "exec" && mode != "eval" && mode != "single") {
    return raise(&exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
  }
  if (is_ast_object(a[0])) {
    if (only_ast) return Ref::new_ref(a[0]);
    return compile_ast_object(a[0], filename, mode);
  }
  std::string_view text;
  if (is_str(a[0])) {
    text = as_str(a[0])->view();
  } else if (type_of(a[0])->flags & kTypeIntSubclass || !buffer_view(a[0], &text)) {
    clear_exception();
    return raise(&exc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
  }
  if (text.find('\0') != std::string_view::npos) {
    return raise(&exc_SyntaxError, "source code string cannot contain null bytes");
  }
  if (only_ast) return parse_to_ast_object(text, filename, mode);
  return compile_source(text, filename, mode);
}

static Ref b_import(Value, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[5] = {};
  if (!parse_args("__import__", args, nargs, kw, {"name", "globals", "locals", "fromlist", "level"}, 1, a)) return Ref();
  if (!is_str(a[0])) return raise(&exc_TypeError, "__import__() argument 1 must be str");
  Ref name = intern_ref(Ref::new_ref(a[0]));
  DictObject* g = (a[1] && is_dict(a[1])) ? as_dict(a[1]) : nullptr;
  Ref level = a[4] ? Ref::new_ref(a[4]) : Ref::small(0);
  return import_name(as_str(name.get()), g, a[3] ? a[3] : None(), level.get());
}

void vm_builtins_init(DictObject* builtins) {
  super_type.name = "super";
  super_type.flags = kTypeBaseType;
  super_type.basic_size = sizeof(SuperObject);
  super_type.dealloc = super_dealloc;
  super_type.traverse = super_traverse;
  super_type.new_ = super_new;
  super_type.init = super_init;
  super_type.getattr = super_getattr;
  super_type.repr = super_repr;
  super_type.descr_get = super_descr_get;
  type_ready(&super_type, &object_type);
  add_getset(&super_type, "__thisclass__", super_thisclass);
  add_getset(&super_type, "__self__", super_self);
  add_getset(&super_type, "__self_class__", super_self_class);
  dict_set_cstr(builtins, "super", Value(&super_type));
  Value none_module;
  add_function(builtins, none_module, "__build_class__", build_class);
  add_function(builtins, none_module, "globals", b_globals);
  add_function(builtins, none_module, "locals", b_locals);
  add_function(builtins, none_module, "eval", b_eval);
  add_function(builtins, none_module, "exec", b_exec);
  add_function(builtins, none_module, "compile", b_compile);
  add_function(builtins, none_module, "__import__", b_import);
}

}  // namespace minipy::vm
