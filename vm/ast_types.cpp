// _ast.AST and the node classes of vm/ast_nodes.def. AST is a native type whose instances carry
// only a __dict__; its constructor binds positional arguments to `_fields` and keywords to any
// attribute, and __reduce__ makes nodes picklable and copyable (copy.deepcopy(tree)). Each table
// entry becomes a class made by type(name, (base,), ns), as CPython 3.11 makes them, so the
// classes are ordinary heap types that ast.py (and users) can subclass and extend.
#include "vm/ast_types.h"

#include <cstddef>
#include <string_view>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::vm {

using namespace rt;

TypeObject ast_base_type;

namespace {

struct AstObject : Object {
  DictObject* dict = nullptr;  // freed and traversed generically (dict_offset)
};

struct TableEntry {
  const char* name;
  AstNodeInfo::Kind kind;
  const char* base;  // the sum of a constructor
  const char* fields;
  const char* attributes;
};

const TableEntry kTable[] = {
#define AST_SUM(name, attributes) {#name, AstNodeInfo::kSum, nullptr, "", attributes},
#define AST_CTOR(name, sum, fields) {#name, AstNodeInfo::kCtor, #sum, fields, ""},
#define AST_PRODUCT(name, fields, attributes) \
  {#name, AstNodeInfo::kProduct, nullptr, fields, attributes},
#include "vm/ast_nodes.def"
#undef AST_SUM
#undef AST_CTOR
#undef AST_PRODUCT
};
constexpr size_t kNodeCount = static_cast<size_t>(AstNode::kCount);
static_assert(sizeof(kTable) / sizeof(kTable[0]) == kNodeCount);

AstNodeInfo g_info[kNodeCount];
Ref g_singletons[kNodeCount];
bool g_ready = false;

/// "expr? value, int simple" -> fields.
std::vector<AstField> parse_fields(std::string_view spec) {
  std::vector<AstField> out;
  while (!spec.empty()) {
    size_t comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t space = item.find(' ');
    AstField f;
    std::string_view type = item.substr(0, space);
    if (type.back() == '?') f.optional = true;
    if (type.back() == '*') f.sequence = true;
    if (f.optional || f.sequence) type.remove_suffix(1);
    f.type = std::string(type);
    f.name = intern(item.substr(space + 1));
    out.push_back(std::move(f));
  }
  return out;
}

/// The grammar text of one constructor or product: "Name(identifier id, expr_context ctx)".
std::string signature_text(const AstNodeInfo& info) {
  std::string s = info.name;
  if (info.fields.empty()) return s;
  s += '(';
  for (size_t i = 0; i < info.fields.size(); i++) {
    const AstField& f = info.fields[i];
    if (i > 0) s += ", ";
    s += f.type;
    if (f.optional) s += '?';
    if (f.sequence) s += '*';
    s += ' ';
    s += f.name->view();
  }
  s += ')';
  return s;
}

Ref names_tuple(const std::vector<AstField>& fields) {
  Ref t = tuple_new(fields.size());
  for (size_t i = 0; i < fields.size(); i++) {
    incref(fields[i].name);
    tuple_set_steal(as_tuple(t.get()), i, Value(fields[i].name));
  }
  return t;
}

// ---------------------------------------------------------------- _ast.AST

void ast_dealloc(Object* o) { delete static_cast<AstObject*>(o); }
void ast_traverse(Object*, VisitFn, void*) {}  // only the __dict__ (visited generically)
void ast_clear(Object* o) {
  auto* a = static_cast<AstObject*>(o);
  if (a->dict != nullptr) {
    DictObject* d = a->dict;
    a->dict = nullptr;
    decref(d);
  }
}

Ref ast_new(TypeObject* type, const Value*, size_t, TupleObject*) { return ast_node_new(type); }

/// AST.__init__: positional arguments fill `_fields` in order; keywords set any attribute.
bool ast_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  TypeObject* t = type_of(self);
  Ref fields = getattr_opt(Value(t), intern("_fields"));
  if (!fields && error_pending()) return false;
  int64_t nfields = 0;
  if (fields && !length(fields.get(), &nfields)) return false;
  if (static_cast<int64_t>(nargs) > nfields) {
    raise_fmt(&exc_TypeError, "{} constructor takes at most {} positional argument{}", t->name,
              nfields, nfields == 1 ? "" : "s");
    return false;
  }
  for (size_t i = 0; i < nargs; i++) {
    Ref name = getitem(fields.get(), Value::from_small(static_cast<int64_t>(i)));
    if (!name) return false;
    if (!is_str(name.get())) {
      raise_fmt(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name.get()));
      return false;
    }
    if (!setattr(self, as_str(name.get()), args[i])) return false;
  }
  size_t nkw = kwnames != nullptr ? kwnames->size : 0;
  for (size_t k = 0; k < nkw; k++) {
    Value key = kwnames->at(k);
    if (fields) {
      int has = contains(fields.get(), key);
      if (has < 0) return false;
      if (has == 1) {
        Ref pos = call_method(fields.get(), intern("index"), &key, 1);
        if (!pos) return false;
        int64_t p = 0;
        if (!index_int64(pos.get(), &p)) return false;
        if (p < static_cast<int64_t>(nargs)) {
          raise_fmt(&exc_TypeError, "{} got multiple values for argument '{}'", t->name,
                    as_str(key)->view());
          return false;
        }
      }
    }
    if (!setattr(self, as_str(key), args[nargs + k])) return false;
  }
  return true;
}

/// AST.__reduce__: (type(self), (), self.__dict__), so that pickle and copy rebuild the node
/// from its attributes (CPython's ast_type_reduce).
Ref ast_reduce(Value self, NativeArgs&) {
  Ref d = getattr_opt(self, intern("__dict__"));
  if (!d && error_pending()) return Ref();
  Ref empty = tuple_empty();
  if (d) return tuple_of({Value(type_of(self)), empty.get(), d.get()});
  return tuple_of({Value(type_of(self)), empty.get()});
}

const NativeDef kAstMethods[] = {
    {"__reduce__($self, /)", ast_reduce, 0, "Helper for pickle."},
};

bool setup_base_type() {
  ast_base_type.name = "AST";
  ast_base_type.module = "ast";
  ast_base_type.flags = kTypeBaseType;
  ast_base_type.basic_size = sizeof(AstObject);
  ast_base_type.dict_offset = offsetof(AstObject, dict);
  ast_base_type.subclass_dict_offset = offsetof(AstObject, dict);
  ast_base_type.dealloc = ast_dealloc;
  ast_base_type.traverse = ast_traverse;
  ast_base_type.clear = ast_clear;
  ast_base_type.new_ = ast_new;
  ast_base_type.init = ast_init;
  type_ready(&ast_base_type, &object_type);
  add_dict_descriptor(&ast_base_type);
  add_methods(&ast_base_type, kAstMethods);
  Ref empty = tuple_empty();
  add_attr(&ast_base_type, "_fields", empty.get());
  add_attr(&ast_base_type, "__match_args__", empty.get());
  add_attr(&ast_base_type, "_attributes", empty.get());
  Ref module = str_new("ast");
  add_attr(&ast_base_type, "__module__", module.get());
  return true;
}

/// Creates the class of table entry `i` (its base exists already).
bool make_class(size_t i) {
  AstNodeInfo& info = g_info[i];
  Ref ns = dict_new();
  DictObject* d = as_dict(ns.get());
  Ref module = str_new("ast");
  dict_set_cstr(d, "__module__", module.get());
  Ref fields = names_tuple(info.fields);
  dict_set_cstr(d, "_fields", fields.get());
  dict_set_cstr(d, "__match_args__", fields.get());
  std::string doc;
  if (info.kind == AstNodeInfo::kSum) {
    // "expr = BoolOp(...)\n     | NamedExpr(...)": the sum's constructors follow it in the table.
    doc = std::string(info.name) + " = ";
    std::string pad(std::string_view(info.name).size() + 1, ' ');
    // Sums whose kinds all lack fields (operator, cmpop, ...) are written on one line.
    bool simple = true;
    for (size_t j = i + 1; j < kNodeCount && g_info[j].base == static_cast<int>(i); j++) {
      simple = simple && g_info[j].fields.empty();
    }
    bool first = true;
    for (size_t j = i + 1; j < kNodeCount && g_info[j].base == static_cast<int>(i); j++) {
      if (!first) doc += simple ? " | " : "\n" + pad + "| ";
      doc += signature_text(g_info[j]);
      first = false;
    }
  } else {
    doc = signature_text(info);
  }
  Ref doc_str = str_new(doc);
  dict_set_cstr(d, "__doc__", doc_str.get());
  if (info.kind != AstNodeInfo::kCtor) {
    Ref attrs = names_tuple(info.attributes);
    dict_set_cstr(d, "_attributes", attrs.get());
    for (const AstField& f : info.attributes) {
      if (f.optional) dict_set_str(d, f.name, None());
    }
  }
  for (const AstField& f : info.fields) {
    if (f.optional) dict_set_str(d, f.name, None());
  }
  Value base = info.base >= 0 ? Value(g_info[info.base].type) : Value(&ast_base_type);
  Ref bases = tuple_of({base});
  StrObject* name = intern(info.name);
  Ref cls = type_new_class(&type_type, name, as_tuple(bases.get()), d);
  if (!cls) return false;
  info.type = static_cast<TypeObject*>(cls.release().obj());  // kept for the process
  return true;
}

}  // namespace

int ast_node_index(const std::string& name) {
  for (size_t i = 0; i < kNodeCount; i++) {
    if (name == kTable[i].name) return static_cast<int>(i);
  }
  return -1;
}

bool ast_types_init() {
  if (g_ready) return true;
  if (ast_base_type.dict == nullptr && !setup_base_type()) return false;
  if (g_info[0].name == nullptr) {
    for (size_t i = 0; i < kNodeCount; i++) {
      AstNodeInfo& info = g_info[i];
      const TableEntry& e = kTable[i];
      info.name = e.name;
      info.kind = e.kind;
      info.base = e.base != nullptr ? ast_node_index(e.base) : -1;
      info.fields = parse_fields(e.fields);
      info.attributes = parse_fields(info.base >= 0 ? kTable[info.base].attributes : e.attributes);
    }
  }
  for (size_t i = 0; i < kNodeCount; i++) {
    if (g_info[i].type == nullptr && !make_class(i)) return false;  // a retry keeps what was made
  }
  g_ready = true;
  return true;
}

const AstNodeInfo& ast_node_info(AstNode n) { return g_info[static_cast<size_t>(n)]; }

Ref ast_node_new(TypeObject* type) {
  auto* o = alloc_instance<AstObject>(type);
  // A __slots__ subclass keeps its slot values where the __dict__ would be: no dict for it.
  if (type->dict_offset == offsetof(AstObject, dict)) {
    Ref d = dict_new();
    o->dict = as_dict(d.release());
  }
  return Ref::steal(Value(o));
}

Value ast_singleton(AstNode n) {
  Ref& s = g_singletons[static_cast<size_t>(n)];
  if (!s) s = ast_node_new(ast_node_type(n));
  return s.get();
}

}  // namespace minipy::vm
