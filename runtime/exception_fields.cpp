// The fields of the builtin exception types, CPython's struct members: OSError's errno, strerror,
// filename, filename2 and characters_written; AttributeError's name and obj; ImportError's msg,
// name and path; NameError's name; SyntaxError's msg, filename, lineno, offset, text,
// end_lineno, end_offset and print_file_and_line; the Unicode errors' encoding, object, start,
// end and reason. They live in BaseExceptionObject::fields, not in the instance __dict__ (which
// stays empty, as CPython's), and each type's descriptor reads None while a field is unset;
// characters_written alone raises AttributeError then, as in CPython.
#include <array>
#include <utility>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"

namespace minipy::rt {

Value exc_field(Value exc, const char* name) {
  auto* e = static_cast<BaseExceptionObject*>(exc.obj());
  if (e->fields) {
    if (Value v = dict_get_str(as_dict(e->fields.get()), intern(name))) return v;
  }
  return Value();
}

void exc_set_field(Value exc, const char* name, Value v) {
  auto* e = static_cast<BaseExceptionObject*>(exc.obj());
  if (!v) {
    if (e->fields && dict_get_str(as_dict(e->fields.get()), intern(name))) {
      dict_del(as_dict(e->fields.get()), Value(intern(name)));
    }
    return;
  }
  if (!e->fields) e->fields = dict_new();
  dict_set_str(as_dict(e->fields.get()), intern(name), v);
}

namespace {

constexpr const char* kFieldNames[] = {
    "errno",
    "strerror",
    "filename",
    "filename2",
    "characters_written",  // OSError 0-4
    "name",
    "obj",  // 5-6
    "msg",
    "path",  // 7-8
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
    "print_file_and_line",  // 9-14
    "encoding",
    "object",
    "start",
    "end",
    "reason",  // 15-19
};
constexpr size_t kCharactersWritten = 4;
constexpr size_t kFieldCount = std::size(kFieldNames);

template <size_t I>
Ref field_get(Value self) {
  Value v = exc_field(self, kFieldNames[I]);
  if (v) return Ref::new_ref(v);
  if (I == kCharactersWritten) return raise(&exc_AttributeError, "characters_written");
  return none_ref();
}

template <size_t I>
bool field_set(Value self, Value v) {
  if (!v && I == kCharactersWritten && !exc_field(self, kFieldNames[I])) {
    raise(&exc_AttributeError, "characters_written");
    return false;
  }
  exc_set_field(self, kFieldNames[I], v);
  return true;
}

template <size_t... I>
constexpr std::array<std::pair<GetterFn, SetterFn>, sizeof...(I)> accessors(
    std::index_sequence<I...>) {
  return {std::pair<GetterFn, SetterFn>{&field_get<I>, &field_set<I>}...};
}
constexpr auto kAccessors = accessors(std::make_index_sequence<kFieldCount>());

void add_fields(TypeObject* t, std::initializer_list<size_t> fields) {
  for (size_t i : fields) add_getset(t, kFieldNames[i], kAccessors[i].first, kAccessors[i].second);
}

// ImportError.__reduce__ (CPython's ImportError_reduce): the instance __dict__ plus name and path
// when set, so that pickling keeps them.
Ref importerror_reduce(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  auto* e = static_cast<BaseExceptionObject*>(self.obj());
  Ref args = e->args ? e->args.dup() : tuple_empty();
  Ref state = dict_new();
  if (e->dict != nullptr && !dict_update(as_dict(state.get()), Value(e->dict))) return Ref();
  for (const char* f : {"name", "path"}) {
    Value v = exc_field(self, f);
    if (v && !is_none(v)) dict_set_str(as_dict(state.get()), intern(f), v);
  }
  if (as_dict(state.get())->used == 0) return tuple_of({Value(type_of(self)), args.get()});
  return tuple_of({Value(type_of(self)), args.get(), state.get()});
}

}  // namespace

void exception_fields_init() {
  add_method(&exc_ImportError, "__reduce__", importerror_reduce);
  add_fields(&exc_OSError, {0, 1, 2, 3, 4});
  add_fields(&exc_AttributeError, {5, 6});
  add_fields(&exc_ImportError, {7, 5, 8});
  add_fields(&exc_NameError, {5});
  add_fields(&exc_SyntaxError, {7, 2, 9, 10, 11, 12, 13, 14});
  for (TypeObject* t :
       {&exc_UnicodeEncodeError, &exc_UnicodeDecodeError, &exc_UnicodeTranslateError}) {
    add_fields(t, {15, 16, 17, 18, 19});
  }
}

}  // namespace minipy::rt
