// The _pickle module: minipy's own binary serialisation format (not CPython's pickle protocol),
// used by pickle.py and multiprocessing. dumps/loads handle the builtin value types natively;
// user-class instances, functions and classes go by module + qualified name and the
// __reduce_ex__/__reduce__/__getstate__/__setstate__ protocol, as CPython's pickle does.
//
// Stream: 0x80 'M' <varint body length> <body>. Body: one value, opcodes below. Mutable
// containers, instances and reduced objects get a memo slot (shared and recursive references);
// the loader assigns slots at the same points as the dumper (before filling a container, after
// constructing an instance).
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/code.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref g_pickling_error;    // set by pickle.py through _pickle._set_errors
Ref g_unpickling_error;

TypeObject* pickling_error() {
  return g_pickling_error ? static_cast<TypeObject*>(g_pickling_error.obj()) : &exc_TypeError;
}
TypeObject* unpickling_error() {
  return g_unpickling_error ? static_cast<TypeObject*>(g_unpickling_error.obj()) : &exc_ValueError;
}

enum Op : char {
  kNone = 'N',
  kTrue = 'T',
  kFalse = 'F',
  kSmallInt = 'i',
  kBigInt = 'I',
  kFloat = 'f',
  kStr = 's',
  kBytes = 'b',
  kByteArray = 'a',
  kTuple = '(',
  kList = '[',
  kDict = '{',
  kSet = 'S',
  kFrozenSet = 'Z',
  kMemoGet = 'g',
  kGlobal = 'G',
  kReduce = 'R',
  kInstance = 'O',
  kException = 'E',
  kEllipsis = '.',
};

constexpr int kMaxDepth = 2000;

void truncated_error() { raise(unpickling_error(), "pickle data was truncated"); }

std::string type_fullname(TypeObject* t) {
  if (t->module.empty() || t->module == "builtins") return t->name;
  return t->module + "." + (t->qualname.empty() ? t->name : t->qualname);
}

std::string qualname_of_type(TypeObject* t) { return t->qualname.empty() ? t->name : t->qualname; }

/// Imports `module` and walks `qualname`'s dotted path. Null + error when missing.
Ref lookup_global(const std::string& module, const std::string& qualname) {
  Ref mod;
  if (module == "builtins") {
    // minipy has no importable `builtins` module: resolve through the builtins namespace.
    size_t dot = qualname.find('.');
    std::string first = qualname.substr(0, dot);
    Ref key = str_new(first);
    Value v = dict_get(interp().builtins_dict(), key.get());
    if (!v) return raise_fmt(&exc_AttributeError, "module 'builtins' has no attribute '{}'", first);
    if (dot == std::string::npos) return Ref::new_ref(v);
    Ref rest = Ref::new_ref(v);
    size_t start = dot + 1;
    for (;;) {
      size_t d = qualname.find('.', start);
      Ref name = str_new(qualname.substr(start, d == std::string::npos ? std::string::npos : d - start));
      Ref next = getattr(rest.get(), as_str(name.get()));
      if (!next) return next;
      rest = std::move(next);
      if (d == std::string::npos) return rest;
      start = d + 1;
    }
  }
  Value modules = interp().modules.get();
  if (modules && is_dict(modules)) {
    Ref key = str_new(module);
    Value m = dict_get(as_dict(modules), key.get());
    if (m) mod = Ref::new_ref(m);
  }
  if (!mod) {
    mod = vm::import_module_absolute(module);
    if (!mod) return mod;
  }
  Ref cur = std::move(mod);
  size_t start = 0;
  while (start <= qualname.size()) {
    size_t dot = qualname.find('.', start);
    std::string part = qualname.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    Ref name = str_new(part);
    Ref next = getattr(cur.get(), as_str(name.get()));
    if (!next) return next;
    cur = std::move(next);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return cur;
}

struct Writer {
  std::string out;
  std::unordered_map<Object*, uint32_t> memo;
  std::vector<Ref> keep;  // temporaries whose addresses are memo keys
  uint32_t next_memo = 0;
  int depth = 0;
  int protocol = 5;

  void byte(char c) { out.push_back(c); }
  void varint(uint64_t n) {
    while (n >= 0x80) {
      out.push_back(static_cast<char>((n & 0x7f) | 0x80));
      n >>= 7;
    }
    out.push_back(static_cast<char>(n));
  }
  void raw(std::string_view s) {
    varint(s.size());
    out.append(s.data(), s.size());
  }
  void remember(Value v) { memo.emplace(v.obj(), next_memo++); }

  bool save_items(const Value* items, size_t n) {
    for (size_t i = 0; i < n; i++)
      if (!save(items[i])) return false;
    return true;
  }

  bool save_iterable(Value it) {
    Ref l = list_from_iterable(it);
    if (!l) return false;
    keep.push_back(l.dup());
    return save(l.get());
  }

  bool save_global(Value obj, const std::string& module, const std::string& qualname) {
    if (qualname.find("<locals>") != std::string::npos) {
      raise_fmt(&exc_AttributeError, "Can't pickle local object '{}'", qualname);
      return false;
    }
    Ref found = lookup_global(module, qualname);
    std::string r;
    if (!found) {
      clear_exception();
      if (!repr_text(obj, &r)) return false;
      size_t dot = qualname.rfind('.');
      std::string last = dot == std::string::npos ? qualname : qualname.substr(dot + 1);
      raise_fmt(pickling_error(), "Can't pickle {}: attribute lookup {} on {} failed", r, qualname, module);
      return false;
    }
    if (found.get() != obj) {
      if (!repr_text(obj, &r)) return false;
      raise_fmt(pickling_error(), "Can't pickle {}: it's not the same object as {}.{}", r, module, qualname);
      return false;
    }
    byte(kGlobal);
    raw(module);
    raw(qualname);
    return true;
  }

  static bool text_attr(Value obj, const char* name, std::string* out) {
    Ref a = getattr(obj, name);
    if (!a) return false;
    if (!is_str(a.get())) {
      raise_fmt(&exc_TypeError, "{} is not a string", name);
      return false;
    }
    *out = std::string(as_str(a.get())->view());
    return true;
  }

  bool save_type(TypeObject* t) {
    std::string module = t->module.empty() ? "builtins" : t->module;
    if (t->flags & kTypeHeap) {
      Ref m = getattr_opt(Value(t), intern("__module__"));
      if (m && is_str(m.get())) module = std::string(as_str(m.get())->view());
      clear_exception();
    }
    return save_global(Value(t), module, qualname_of_type(t));
  }

  bool save_function(Value v) {
    auto* f = vm::as_function(v);
    std::string module = "__main__", qual;
    if (f->module && is_str(f->module.get())) module = std::string(as_str(f->module.get())->view());
    if (!str_text(f->qualname.get(), &qual)) return false;
    return save_global(v, module, qual);
  }

  bool save_native_function(Value v) {
    auto* f = static_cast<NativeFunctionObject*>(v.obj());
    Value self = f->self.get();
    if (self && type_of(self) != &module_type) {
      // A bound builtin method ([].append): getattr(self, name).
      Ref getattr_fn = lookup_global("builtins", "getattr");
      if (!getattr_fn) return false;
      Ref name = str_new(f->name);
      Ref args = tuple_of({self, name.get()});
      return save_reduce(v, getattr_fn.get(), args.get(), Value(), Value(), Value());
    }
    std::string module = "builtins";
    if (self) {
      Ref n = getattr(self, names::name);
      if (!n) return false;
      if (!str_text(n.get(), &module)) return false;
    }
    return save_global(v, module, f->name);
  }

  bool save_reduce(Value obj, Value callable, Value args, Value state, Value listitems, Value dictitems) {
    if (!is_tuple(args)) {
      raise(pickling_error(), "second item of the tuple returned by __reduce__ must be a tuple");
      return false;
    }
    byte(kReduce);
    if (!save(callable) || !save(args)) return false;
    if (obj && obj.is_object()) remember(obj);
    if (!save(state && !is_none(state) ? state : None())) return false;
    if (listitems && !is_none(listitems)) {
      if (!save_iterable(listitems)) return false;
    } else {
      byte(kNone);
    }
    if (dictitems && !is_none(dictitems)) {
      Ref l = list_from_iterable(dictitems);
      if (!l) return false;
      keep.push_back(l.dup());
      return save(l.get());
    }
    byte(kNone);
    return true;
  }

  bool save_reduce_value(Value obj, Value rv) {
    if (is_str(rv)) {
      std::string module;
      if (!text_attr(obj, "__module__", &module)) return false;
      return save_global(obj, module, std::string(as_str(rv)->view()));
    }
    if (!is_tuple(rv)) {
      raise(pickling_error(), "__reduce__ must return a string or tuple");
      return false;
    }
    auto* t = as_tuple(rv);
    if (t->size < 2 || t->size > 6) {
      raise(pickling_error(), "tuple returned by __reduce__ must contain 2 through 6 elements");
      return false;
    }
    Value st = t->size > 2 ? t->at(2) : Value();
    Value li = t->size > 3 ? t->at(3) : Value();
    Value di = t->size > 4 ? t->at(4) : Value();
    return save_reduce(obj, t->at(0), t->at(1), st, li, di);
  }

  /// Pickles what v.__reduce_ex__(protocol) (ex) or v.__reduce__() returns.
  bool save_reduced(Value v, bool ex) {
    Ref proto = Ref::small(protocol);
    Value a = proto.get();
    Ref rv = ex ? call_method(v, intern("__reduce_ex__"), &a, 1) : call_method(v, intern("__reduce__"), nullptr, 0);
    if (!rv) return false;
    keep.push_back(rv.dup());
    return save_reduce_value(v, rv.get());
  }

  bool save_object(Value v) {
    TypeObject* t = type_of(v);
    // __reduce_ex__ / __reduce__ defined by the class (object's default only raises).
    Value rex = type_lookup(t, "__reduce_ex__");
    Value obj_rex = type_lookup(&object_type, "__reduce_ex__");
    if (rex && rex != obj_rex) return save_reduced(v, /*ex=*/true);
    Value red = type_lookup(t, "__reduce__");
    Value obj_red = type_lookup(&object_type, "__reduce__");
    if (red && red != obj_red) return save_reduced(v, /*ex=*/false);
    if (t->flags & kTypeException) {
      auto* e = static_cast<BaseExceptionObject*>(v.obj());
      byte(kException);
      if (!save_type(t)) return false;
      if (!save(e->args ? e->args.get() : tuple_empty().get())) return false;
      remember(v);
      if (e->dict && dict_size(e->dict) > 0) return save(Value(e->dict));
      byte(kNone);
      return true;
    }
    if (!(t->flags & kTypeHeap)) {
      raise_fmt(&exc_TypeError, "cannot pickle '{}' object", type_fullname(t));
      return false;
    }
    TypeObject* solid = t;
    while (solid->flags & kTypeHeap) solid = solid->base;
    if (solid != &object_type || t->slot_count != 0) {
      // A class over a builtin (a namedtuple, a list subclass): object.__reduce_ex__ knows how
      // (__getnewargs__, copyreg.__newobj__), or says it cannot, as in CPython. So does a class
      // with __slots__: its state is (__dict__ or None, the slots' values).
      return save_reduced(v, /*ex=*/true);
    }
    byte(kInstance);
    if (!save_type(t)) return false;
    remember(v);
    Value gs = type_lookup(t, "__getstate__");
    Value obj_gs = type_lookup(&object_type, "__getstate__");
    if (gs && gs != obj_gs) {
      Ref st = call_method(v, intern("__getstate__"), nullptr, 0);
      if (!st) return false;
      keep.push_back(st.dup());
      return save(st.get());
    }
    DictObject** slot = instance_dict_slot(v);
    if (slot && *slot && dict_size(*slot) > 0) return save(Value(*slot));
    byte(kNone);
    return true;
  }

  bool save(Value v) {
    if (v.is_small()) {
      int64_t n = v.small();
      byte(kSmallInt);
      varint((static_cast<uint64_t>(n) << 1) ^ static_cast<uint64_t>(n >> 63));
      return true;
    }
    if (is_none(v)) return byte(kNone), true;
    if (v == True()) return byte(kTrue), true;
    if (v == False()) return byte(kFalse), true;
    if (v == Ellipsis()) return byte(kEllipsis), true;
    TypeObject* t = type_of(v);
    if (t == &str_type) {
      byte(kStr);
      raw(as_str(v)->view());
      return true;
    }
    if (t == &int_type) {
      int64_t n;
      if (int_to_int64(v, &n)) {
        byte(kSmallInt);
        varint((static_cast<uint64_t>(n) << 1) ^ static_cast<uint64_t>(n >> 63));
        return true;
      }
      clear_exception();
      byte(kBigInt);
      raw(int_to_string(v, 16));
      return true;
    }
    if (t == &float_type) {
      byte(kFloat);
      double d = float_value(v);
      char buf[8];
      std::memcpy(buf, &d, 8);
      out.append(buf, 8);
      return true;
    }
    if (t == &bytes_type) {
      byte(kBytes);
      raw(static_cast<BytesObject*>(v.obj())->data);
      return true;
    }
    auto it = memo.find(v.obj());
    if (it != memo.end()) {
      byte(kMemoGet);
      varint(it->second);
      return true;
    }
    if (++depth > kMaxDepth) {
      depth = 0;
      raise(&exc_RecursionError, "maximum recursion depth exceeded while pickling an object");
      return false;
    }
    bool ok = save_container(v, t);
    depth--;
    return ok;
  }

  bool save_container(Value v, TypeObject* t) {
    if (t == &tuple_type) {
      auto* tp = as_tuple(v);
      byte(kTuple);
      varint(tp->size);
      if (!save_items(tp->items(), tp->size)) return false;
      if (memo.find(v.obj()) == memo.end()) remember(v);
      else {
        // A recursive tuple (through a mutable container) was saved inside itself: keep
        // numbering in step with the loader, which memoises this copy too.
        next_memo++;
      }
      return true;
    }
    if (t == &list_type) {
      auto* l = as_list(v);
      CriticalSection cs(l);
      byte(kList);
      varint(l->items.size());
      remember(v);
      for (size_t i = 0; i < l->items.size(); i++)
        if (!save(l->items[i])) return false;
      return true;
    }
    if (t == &dict_type) {
      auto* d = as_dict(v);
      byte(kDict);
      varint(dict_size(d));
      remember(v);
      size_t pos = 0;
      Value k, val;
      while (dict_next(d, &pos, &k, &val)) {
        if (!save(k) || !save(val)) return false;
      }
      return true;
    }
    if (t == &set_type || t == &frozenset_type) {
      Ref items = list_from_iterable(v);
      if (!items) return false;
      auto* l = as_list(items.get());
      byte(t == &set_type ? kSet : kFrozenSet);
      varint(l->items.size());
      if (t == &set_type) remember(v);
      for (Value x : l->items)
        if (!save(x)) return false;
      if (t == &frozenset_type) remember(v);
      return true;
    }
    if (t == &bytearray_type) {
      byte(kByteArray);
      raw(static_cast<ByteArrayObject*>(v.obj())->data);
      remember(v);
      return true;
    }
    if (t == &vm::function_type) return save_function(v);
    if (is_subtype(t, &type_type)) return save_type(static_cast<TypeObject*>(v.obj()));
    if (t == &native_function_type) return save_native_function(v);
    if (t == &method_type) {
      auto* m = static_cast<MethodObject*>(v.obj());
      Ref getattr_fn = lookup_global("builtins", "getattr");
      if (!getattr_fn) return false;
      Ref name = getattr(m->func.get(), names::name);
      if (!name) return false;
      Ref args = tuple_of({m->self.get(), name.get()});
      keep.push_back(args.dup());
      return save_reduce(v, getattr_fn.get(), args.get(), Value(), Value(), Value());
    }
    return save_object(v);
  }
};

struct Reader {
  const unsigned char* p;
  const unsigned char* end;
  std::vector<Ref> memo;
  int depth = 0;

  Ref truncated() { return raise(unpickling_error(), "pickle data was truncated"); }

  bool varint(uint64_t* out) {
    uint64_t n = 0;
    int shift = 0;
    for (;;) {
      if (p >= end || shift > 63) return truncated(), false;
      unsigned char c = *p++;
      n |= static_cast<uint64_t>(c & 0x7f) << shift;
      if (!(c & 0x80)) break;
      shift += 7;
    }
    *out = n;
    return true;
  }
  bool raw(std::string_view* out) {
    uint64_t n;
    if (!varint(&n)) return false;
    if (static_cast<uint64_t>(end - p) < n) return truncated(), false;
    *out = std::string_view(reinterpret_cast<const char*>(p), n);
    p += n;
    return true;
  }

  Ref load() {
    if (++depth > kMaxDepth) return raise(&exc_RecursionError, "maximum recursion depth exceeded while unpickling");
    Ref r = load_one();
    depth--;
    return r;
  }

  bool set_state(Value obj, Value state) {
    if (is_none(state)) return true;
    Value ss = type_lookup(type_of(obj), "__setstate__");
    if (ss) {
      Ref r = call_method(obj, intern("__setstate__"), &state, 1);
      return static_cast<bool>(r);
    }
    Value slotstate;
    if (is_tuple(state) && as_tuple(state)->size == 2) {
      slotstate = as_tuple(state)->at(1);
      state = as_tuple(state)->at(0);
    }
    for (Value st : {state, slotstate}) {
      if (!st || is_none(st)) continue;
      if (!is_dict(st)) {
        raise(unpickling_error(), "state is not a dictionary");
        return false;
      }
      size_t pos = 0;
      Value k, v;
      DictObject** slot = st == state ? instance_dict_slot(obj) : nullptr;
      while (dict_next(as_dict(st), &pos, &k, &v)) {
        if (slot && *slot && is_str(k)) {
          if (!dict_set(*slot, k, v)) return false;
        } else {
          if (!is_str(k)) {
            raise(unpickling_error(), "state key is not a string");
            return false;
          }
          if (!setattr(obj, as_str(k), v)) return false;
        }
      }
    }
    return true;
  }

  Ref load_one() {
    if (p >= end) return truncated();
    char op = static_cast<char>(*p++);
    switch (op) {
      case kNone: return none_ref();
      case kTrue: return bool_ref(true);
      case kFalse: return bool_ref(false);
      case kEllipsis: return Ref::new_ref(Ellipsis());
      case kSmallInt: {
        uint64_t z;
        if (!varint(&z)) return Ref();
        int64_t n = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
        return int_from_int64(n);
      }
      case kBigInt: {
        std::string_view s;
        if (!raw(&s)) return Ref();
        return int_from_string(s, 16);
      }
      case kFloat: {
        if (end - p < 8) return truncated();
        double d;
        std::memcpy(&d, p, 8);
        p += 8;
        return float_new(d);
      }
      case kStr: {
        std::string_view s;
        if (!raw(&s)) return Ref();
        return str_new(s);
      }
      case kBytes: {
        std::string_view s;
        if (!raw(&s)) return Ref();
        return bytes_new(s);
      }
      case kByteArray: {
        std::string_view s;
        if (!raw(&s)) return Ref();
        Ref b = bytearray_new(s);
        memo.push_back(b.dup());
        return b;
      }
      case kTuple: {
        uint64_t n;
        if (!varint(&n)) return Ref();
        if (n > static_cast<uint64_t>(end - p)) return truncated();
        std::vector<Ref> items;
        items.reserve(n);
        for (uint64_t i = 0; i < n; i++) {
          Ref x = load();
          if (!x) return x;
          items.push_back(std::move(x));
        }
        Ref t = tuple_new(n);
        for (uint64_t i = 0; i < n; i++) tuple_set_steal(as_tuple(t.get()), i, items[i].release());
        memo.push_back(t.dup());
        return t;
      }
      case kList: {
        uint64_t n;
        if (!varint(&n)) return Ref();
        if (n > static_cast<uint64_t>(end - p)) return truncated();
        Ref l = list_new(n);
        memo.push_back(l.dup());
        for (uint64_t i = 0; i < n; i++) {
          Ref x = load();
          if (!x) return x;
          list_append_steal(as_list(l.get()), x.release());
        }
        return l;
      }
      case kDict: {
        uint64_t n;
        if (!varint(&n)) return Ref();
        if (n > static_cast<uint64_t>(end - p)) return truncated();
        Ref d = dict_new();
        memo.push_back(d.dup());
        for (uint64_t i = 0; i < n; i++) {
          Ref k = load();
          if (!k) return k;
          Ref v = load();
          if (!v) return v;
          if (!dict_set(as_dict(d.get()), k.get(), v.get())) return Ref();
        }
        return d;
      }
      case kSet:
      case kFrozenSet: {
        uint64_t n;
        if (!varint(&n)) return Ref();
        if (n > static_cast<uint64_t>(end - p)) return truncated();
        Ref s = set_new(op == kSet ? &set_type : &frozenset_type);
        if (op == kSet) memo.push_back(s.dup());
        for (uint64_t i = 0; i < n; i++) {
          Ref x = load();
          if (!x) return x;
          if (!set_add(as_set(s.get()), x.get())) return Ref();
        }
        if (op == kFrozenSet) memo.push_back(s.dup());
        return s;
      }
      case kMemoGet: {
        uint64_t i;
        if (!varint(&i)) return Ref();
        if (i >= memo.size()) return raise(unpickling_error(), "Memo value not found at index " + std::to_string(i));
        return memo[i].dup();
      }
      case kGlobal: {
        std::string_view m, q;
        if (!raw(&m) || !raw(&q)) return Ref();
        return lookup_global(std::string(m), std::string(q));
      }
      case kReduce: {
        Ref f = load();
        if (!f) return f;
        Ref args = load();
        if (!args) return args;
        if (!is_tuple(args.get())) return raise(unpickling_error(), "reduce arguments are not a tuple");
        Ref obj = call(f.get(), as_tuple(args.get())->items(), as_tuple(args.get())->size);
        if (!obj) return obj;
        if (obj.get().is_object()) memo.push_back(obj.dup());
        Ref state = load();
        if (!state) return state;
        if (!set_state(obj.get(), state.get())) return Ref();
        Ref li = load();
        if (!li) return li;
        if (!is_none(li.get())) {
          Ref app = getattr(obj.get(), "append");
          if (!app) return app;
          for (Value x : as_list(li.get())->items)
            if (!call1(app.get(), x)) return Ref();
        }
        Ref di = load();
        if (!di) return di;
        if (!is_none(di.get())) {
          for (Value kv : as_list(di.get())->items) {
            if (!is_tuple(kv) || as_tuple(kv)->size != 2) return raise(unpickling_error(), "bad dict item");
            if (!setitem(obj.get(), as_tuple(kv)->at(0), as_tuple(kv)->at(1))) return Ref();
          }
        }
        return obj;
      }
      case kInstance: {
        Ref cls = load();
        if (!cls) return cls;
        Ref newfn = getattr(cls.get(), "__new__");
        if (!newfn) return newfn;
        Ref obj = call1(newfn.get(), cls.get());
        if (!obj) return obj;
        memo.push_back(obj.dup());
        Ref state = load();
        if (!state) return state;
        if (!set_state(obj.get(), state.get())) return Ref();
        return obj;
      }
      case kException: {
        Ref cls = load();
        if (!cls) return cls;
        Ref args = load();
        if (!args) return args;
        if (!is_tuple(args.get())) return raise(unpickling_error(), "exception arguments are not a tuple");
        Ref obj = call(cls.get(), as_tuple(args.get())->items(), as_tuple(args.get())->size);
        if (!obj) return obj;
        memo.push_back(obj.dup());
        Ref state = load();
        if (!state) return state;
        if (!is_none(state.get())) {
          size_t pos = 0;
          Value k, v;
          while (dict_next(as_dict(state.get()), &pos, &k, &v))
            if (!is_str(k) || !setattr(obj.get(), as_str(k), v)) return Ref();
        }
        return obj;
      }
      default:
        return raise_fmt(unpickling_error(), "invalid load key, '{}'.", std::string(1, op));
    }
  }
};

#define PK_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

Ref do_dumps(Value obj, Value protocol) {
  Writer w;
  if (protocol && !is_none(protocol)) {
    int64_t pr;
    if (!index_int64(protocol, &pr)) return Ref();
    if (pr > 5) return raise(&exc_ValueError, "pickle protocol must be <= 5");
    w.protocol = pr < 0 ? 5 : static_cast<int>(pr);
  }
  if (!w.save(obj)) return Ref();
  std::string head;
  head.push_back(static_cast<char>(0x80));
  head.push_back('M');
  uint64_t n = w.out.size();
  while (n >= 0x80) {
    head.push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  head.push_back(static_cast<char>(n));
  head += w.out;
  return bytes_new(head);
}

/// Parses the header; sets *body_len and returns the header length, or -1 (error set).
int64_t parse_header(std::string_view data, uint64_t* body_len) {
  if (data.empty()) {
    raise(&exc_EOFError, "Ran out of input");
    return -1;
  }
  if (data.size() < 2) return truncated_error(), -1;
  if (static_cast<unsigned char>(data[0]) != 0x80 || data[1] != 'M') {
    raise_fmt(unpickling_error(), "invalid load key, '{}'.", data.substr(0, 1));
    return -1;
  }
  uint64_t n = 0;
  int shift = 0;
  size_t i = 2;
  for (;;) {
    if (i >= data.size() || shift > 63) return truncated_error(), -1;
    unsigned char c = static_cast<unsigned char>(data[i++]);
    n |= static_cast<uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) break;
    shift += 7;
  }
  *body_len = n;
  return static_cast<int64_t>(i);
}

Ref do_loads(std::string_view data, size_t* consumed) {
  uint64_t n;
  int64_t h = parse_header(data, &n);
  if (h < 0) return Ref();
  if (data.size() - h < n) return raise(unpickling_error(), "pickle data was truncated");
  Reader r;
  r.p = reinterpret_cast<const unsigned char*>(data.data()) + h;
  r.end = r.p + n;
  Ref v = r.load();
  if (!v) return v;
  if (consumed) *consumed = h + n;
  return v;
}

PK_FN(pk_dumps) {
  Value a[3] = {};
  if (!parse_args("dumps", args, nargs, kw, {"obj", "protocol", "*", "fix_imports"}, 1, a)) return Ref();
  return do_dumps(a[0], a[1]);
}

PK_FN(pk_loads) {
  Value a[1] = {};
  if (!parse_args("loads", args, nargs, kw, {"data"}, 1, a)) return Ref();
  std::string_view data;
  if (!bytes_like_data(a[0], &data)) return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(a[0]));
  return do_loads(data, nullptr);
}

PK_FN(pk_header_size) {
  // _header_size(prefix: bytes) -> total message length, or -1 when the prefix is too short.
  if (!check_nargs("_header_size", nargs, kw, 1, 1)) return Ref();
  std::string_view data;
  if (!bytes_like_data(args[0], &data)) {
    return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(args[0]));
  }
  if (data.size() >= 2 && (static_cast<unsigned char>(data[0]) != 0x80 || data[1] != 'M'))
    return raise_fmt(unpickling_error(), "invalid load key, '{}'.", data.substr(0, 1));
  for (size_t i = 2; i < data.size(); i++) {
    if (!(static_cast<unsigned char>(data[i]) & 0x80)) {
      uint64_t n;
      int64_t h = parse_header(data.substr(0, i + 1), &n);
      if (h < 0) return Ref();
      return int_from_int64(h + static_cast<int64_t>(n));
    }
  }
  return Ref::small(-1);
}

PK_FN(pk_set_errors) {
  if (!check_nargs("_set_errors", nargs, kw, 2, 2)) return Ref();
  // They are raised later as exception types: anything else would be a crash then.
  for (size_t i = 0; i < 2; i++) {
    if (!isinstance(args[i], &type_type) || !(static_cast<TypeObject*>(args[i].obj())->flags & kTypeException)) {
      return raise(&exc_TypeError, "_set_errors() arguments must be exception classes");
    }
  }
  g_pickling_error = Ref::new_ref(args[0]);
  g_unpickling_error = Ref::new_ref(args[1]);
  return none_ref();
}

}  // namespace

bool init__pickle(Value module, DictObject* ns) {
  add_function(ns, module, "dumps", pk_dumps);
  add_function(ns, module, "loads", pk_loads);
  add_function(ns, module, "_header_size", pk_header_size);
  add_function(ns, module, "_set_errors", pk_set_errors);
  dict_set_cstr(ns, "HIGHEST_PROTOCOL", Value::from_small(5));
  dict_set_cstr(ns, "DEFAULT_PROTOCOL", Value::from_small(4));
  return true;
}

/// For other native modules (multiprocessing): serialise / deserialise.
Ref pickle_dumps(Value obj) { return do_dumps(obj, Value()); }
Ref pickle_loads(std::string_view data) { return do_loads(data, nullptr); }

}  // namespace minipy::lib
