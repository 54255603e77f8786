// types.GenericAlias (PEP 585: list[int], dict[str, int], type[int]) and types.UnionType
// (PEP 604: int | str, int | None). Both are what annotations evaluate to; CPython's types.py
// finds them as type(list[int]) and type(int | str). GenericAlias forwards attribute reads to its
// origin, calls it, refuses isinstance(); a union works in isinstance()/issubclass() like a tuple
// of its arguments (stdlib/native/builtins_functions.cpp asks union_args for them).
#pragma once

#include <string>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct TupleObject;

struct GenericAliasObject : Object {
  Ref origin;
  Ref args;        // always a tuple
  Ref parameters;  // tuple of the type variables in args, computed on first use
  bool starred = false;
};

struct UnionObject : Object {
  Ref args;  // tuple of at least two distinct members; None is stored as NoneType
  Ref parameters;
};

extern TypeObject generic_alias_type;  // types.GenericAlias
extern TypeObject union_type;          // types.UnionType

inline bool is_generic_alias(Value v) {
  return v.is_object() && isinstance(v, &generic_alias_type);
}
inline bool is_union(Value v) { return v.is_object() && v.obj()->type == &union_type; }

/// origin[args]: args may be a tuple (several arguments) or a single object.
Ref generic_alias_new(Value origin, Value args);

/// Gives builtin type `t` CPython's Py_GenericAlias as a classmethod __class_getitem__ (PEP 585):
/// t[int] is types.GenericAlias(t, int).
void add_class_getitem(TypeObject* t);

/// The members of a union (a tuple, borrowed).
TupleObject* union_args(Value u);

/// a | b for types, None, aliases and unions (type.__or__ / __ror__): NotImplemented otherwise.
Ref union_or(Value a, Value b);

/// How an alias or a union names one argument: `int`, `mod.Class`, `...`, else repr().
bool type_repr_item(Value p, std::string* out);

/// The TypeVars among args, in order and without repeats (CPython's _Py_make_parameters).
Ref make_parameters(TupleObject* args);

/// Substitutes item for the parameters of obj (an alias or a union): the new argument tuple.
Ref subs_parameters(Value obj, TupleObject* args, TupleObject* parameters, Value item);

}  // namespace minipy::rt
