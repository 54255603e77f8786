// Runtime support for the match statement (see match.h): sequence/mapping tests, MATCH_KEYS and
// MATCH_CLASS, following CPython 3.11's ceval.c (messages included).
#include "vm/match.h"

#include "runtime/errors.h"
#include "runtime/objects/list.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/type.h"

namespace minipy::vm {

using namespace rt;

bool match_is_sequence(Value subject) { return (type_of(subject)->flags & kTypeSequence) != 0; }
bool match_is_mapping(Value subject) { return (type_of(subject)->flags & kTypeMapping) != 0; }

Ref match_keys(Value map, TupleObject* keys) {
  if (keys->size == 0) return tuple_new(0);
  Ref get = getattr(map, "get");
  if (!get) return Ref();
  Ref seen = set_new();
  if (!seen) return Ref();
  // A private sentinel: map.get(key, dummy) tells a missing key from any stored value without
  // creating it (a defaultdict's __missing__ is not run).
  Ref dummy = call0(Value(&object_type));
  if (!dummy) return Ref();
  Ref values = tuple_new(keys->size);
  if (!values) return Ref();
  for (size_t i = 0; i < keys->size; i++) {
    Value key = keys->at(i);
    int present = set_contains(as_set(seen.get()), key);
    if (present < 0) return Ref();
    if (present) {
      Ref r = repr(key);
      if (!r) return Ref();
      return raise_fmt(&exc_ValueError, "mapping pattern checks duplicate key ({})",
                       as_str(r.get())->view());
    }
    if (!set_add(as_set(seen.get()), key)) return Ref();
    Ref value = call2(get.get(), key, dummy.get());
    if (!value) return Ref();
    if (value.get() == dummy.get()) {
      // A key is missing: the items of the tuple built so far are dropped with it.
      for (size_t j = i; j < keys->size; j++) tuple_set_steal(as_tuple(values.get()), j, None());
      return Ref::new_ref(None());
    }
    tuple_set_steal(as_tuple(values.get()), i, value.release());
  }
  return values;
}

// isinstance(subject, cls) for a type `cls`, honouring a metaclass __instancecheck__ (ABCMeta).
static int match_isinstance(Value subject, TypeObject* cls) {
  if (type_of(subject) == cls) return 1;
  if (type_of(Value(cls)) == &type_type) return isinstance(subject, cls) ? 1 : 0;
  bool found = false;
  Ref r = call_special(Value(cls), intern("__instancecheck__"), &subject, 1, &found);
  if (!found && !error_pending()) return isinstance(subject, cls) ? 1 : 0;
  if (!r) return -1;
  return truthy(r.get());
}

// One attribute of the subject; null without an exception when it is missing (AttributeError).
// Repeated names raise TypeError, as CPython's match_class_attr.
static Ref match_class_attr(Value subject, TypeObject* cls, Value name, SetObject* seen,
                            bool* failed) {
  int present = set_contains(seen, name);
  if (present < 0 || (present == 0 && !set_add(seen, name))) {
    *failed = true;
    return Ref();
  }
  if (present) {
    *failed = true;
    Ref r = repr(name);
    if (!r) return Ref();
    return raise_fmt(&exc_TypeError, "{}() got multiple sub-patterns for attribute {}", cls->name,
                     as_str(r.get())->view());
  }
  Ref attr = getattr(subject, as_str(name));
  if (!attr) {
    if (exception_matches(&exc_AttributeError)) {
      clear_exception();
    } else {
      *failed = true;
    }
  }
  return attr;
}

Ref match_class(Value subject, Value cls_value, size_t nargs, TupleObject* kwnames) {
  if (!isinstance(cls_value, &type_type))
    return raise(&exc_TypeError, "called match pattern must be a type");
  TypeObject* cls = static_cast<TypeObject*>(cls_value.obj());
  int inst = match_isinstance(subject, cls);
  if (inst < 0) return Ref();
  if (inst == 0) return Ref::new_ref(None());
  Ref seen = set_new();
  if (!seen) return Ref();
  Ref attrs = list_new(0);
  if (!attrs) return Ref();
  bool failed = false;
  if (nargs > 0) {
    bool match_self = false;
    Ref match_args = getattr(cls_value, "__match_args__");
    if (match_args) {
      if (type_of(match_args.get()) != &tuple_type) {
        return raise_fmt(&exc_TypeError, "{}.__match_args__ must be a tuple (got {})", cls->name,
                         type_name(match_args.get()));
      }
    } else if (exception_matches(&exc_AttributeError)) {
      // kTypeMatchSelf counts only where __match_args__ is not defined (a subclass that defines
      // it loses the behaviour, as in CPython).
      clear_exception();
      match_args = tuple_new(0);
      match_self = (cls->flags & kTypeMatchSelf) != 0;
    } else {
      return Ref();
    }
    size_t allowed = match_self ? 1 : as_tuple(match_args.get())->size;
    if (allowed < nargs) {
      return raise_fmt(&exc_TypeError, "{}() accepts {} positional sub-pattern{} ({} given)",
                       cls->name, allowed, allowed == 1 ? "" : "s", nargs);
    }
    if (match_self) {
      list_append(as_list(attrs.get()), subject);
    } else {
      TupleObject* names = as_tuple(match_args.get());
      for (size_t i = 0; i < nargs; i++) {
        Value name = names->at(i);
        if (!is_str_exact(name)) {
          return raise_fmt(&exc_TypeError, "__match_args__ elements must be strings (got {})",
                           type_name(name));
        }
        Ref attr = match_class_attr(subject, cls, name, as_set(seen.get()), &failed);
        if (!attr) return failed ? Ref() : Ref::new_ref(None());
        list_append(as_list(attrs.get()), attr.get());
      }
    }
  }
  for (size_t i = 0; i < kwnames->size; i++) {
    Ref attr = match_class_attr(subject, cls, kwnames->at(i), as_set(seen.get()), &failed);
    if (!attr) return failed ? Ref() : Ref::new_ref(None());
    list_append(as_list(attrs.get()), attr.get());
  }
  ListObject* l = as_list(attrs.get());
  return tuple_from(l->items.data(), l->items.size());
}

}  // namespace minipy::vm
