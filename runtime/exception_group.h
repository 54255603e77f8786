// Exception groups (PEP 654) and notes (PEP 678): the BaseExceptionGroup/ExceptionGroup types
// and what `except*` needs from the runtime (runtime/exception_group.cpp).
#pragma once

#include "runtime/object.h"
#include "runtime/objects/tuple.h"

namespace minipy::rt {

/// builtins.ExceptionGroup (a heap type: bases BaseExceptionGroup and Exception, as CPython's).
extern TypeObject* exc_ExceptionGroup;

/// Adds the group methods to BaseExceptionGroup and creates ExceptionGroup (exceptions_init).
void exception_groups_init();

bool is_exception_group(Value v);
/// A class deriving from BaseException (CPython's PyExceptionClass_Check).
bool is_exception_class(Value v);

/// `except* T` (CHECK_EG_MATCH): the part of `exc` matching T and the rest (each may be None).
/// A matching exception that is not a group is wrapped in ExceptionGroup("", [exc]). -1 on error.
int exception_group_match(Value exc, Value type, Ref* match, Ref* rest);

/// The TypeErrors CPython gives for an except* type: not an exception class, or a group class.
int check_except_star_type(Value type);

/// After the except* clauses (PREP_RERAISE_STAR): from the original exception and the list of
/// what the clauses raised or re-raised (None entries ignored; the unhandled rest last), the
/// exception to propagate, or None.
Ref prep_reraise_star(Value orig, Value excs_list);

/// BaseException.add_note(note) (PEP 678).
Ref exception_add_note(Value self, const Value* args, size_t nargs, TupleObject* kwnames);

}  // namespace minipy::rt
