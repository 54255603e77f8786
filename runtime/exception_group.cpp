// BaseExceptionGroup and ExceptionGroup (PEP 654) with CPython 3.11's constructor rules and
// messages, split()/subgroup()/derive(), and the two operations `except*` runs through the VM
// (CHECK_EG_MATCH and PREP_RERAISE_STAR in vm/opcodes.def): matching a raised exception against
// a clause, and working out what to re-raise once every clause ran (CPython's
// _PyExc_PrepReraiseStar). A group keeps its message and exceptions tuple in the BaseException
// object (group_message, group_excs). ExceptionGroup derives from BaseExceptionGroup and
// Exception, so, as in CPython, it is built like a class statement's class at start-up.
#include "runtime/exception_group.h"

#include <set>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject* exc_ExceptionGroup = nullptr;

bool is_exception_class(Value v) {
  // A class is an instance of type or of a metaclass (kTypeTypeSubclass): flags, no MRO walk
  // (`except` checks its classes on every match).
  return (type_of(v)->flags & kTypeTypeSubclass) &&
         (static_cast<TypeObject*>(v.obj())->flags & kTypeException);
}

namespace {

BaseExceptionObject* as_exc(Value v) { return static_cast<BaseExceptionObject*>(v.obj()); }

// The copy shares the traceback objects (CPython sets the same __traceback__ on the new group):
// the source's chain is built first, so that both sides read the same objects.
void copy_traceback(BaseExceptionObject* dst, BaseExceptionObject* src) {
  exception_traceback(Value(src));
  dst->traceback.clear();
  dst->tb_chain = src->tb_chain ? src->tb_chain.dup() : Ref();  // split groups share tracebacks
  dst->tb_chain_len = src->tb_chain_len;
  for (const TracebackEntry& t : src->traceback)
    dst->traceback.push_back(TracebackEntry{t.code.dup(), t.insn, t.frame.dup()});
}

bool is_exception_instance(Value v) { return (type_of(v)->flags & kTypeException) != 0; }

// The items of a sequence as a tuple (CPython's PySequence_Tuple); null with an error set.
Ref sequence_to_tuple(Value seq) {
  if (type_of(seq) == &tuple_type) return Ref::new_ref(seq);
  Ref it = get_iter(seq);
  if (!it) return Ref();
  std::vector<Ref> items;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) break;
    items.push_back(std::move(x));
  }
  if (error_pending()) return Ref();
  Ref t = tuple_new(items.size());
  for (size_t i = 0; i < items.size(); i++)
    tuple_set_steal(as_tuple(t.get()), i, items[i].release());
  return t;
}

// PySequence_Check: __getitem__ and not a dict.
bool is_sequence(Value v) {
  TypeObject* t = type_of(v);
  if (is_subtype(t, &dict_type)) return false;
  return t->getitem != nullptr || type_lookup(t, "__getitem__");
}

Ref eg_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  (void)kwnames;
  if (nargs != 2) {
    return raise_fmt(&exc_TypeError,
                     "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", nargs);
  }
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
                     type_name(args[0]));
  }
  if (!is_sequence(args[1]))
    return raise(&exc_TypeError, "second argument (exceptions) must be a sequence");
  Ref excs = sequence_to_tuple(args[1]);
  if (!excs) return Ref();
  TupleObject* items = as_tuple(excs.get());
  if (items->size == 0)
    return raise(&exc_ValueError, "second argument (exceptions) must be a non-empty sequence");
  bool nested_base = false;
  for (size_t i = 0; i < items->size; i++) {
    Value e = items->at(i);
    if (!is_exception_instance(e)) {
      return raise_fmt(&exc_ValueError,
                       "Item {} of second argument (exceptions) is not an exception", i);
    }
    if (!isinstance(e, &exc_Exception)) nested_base = true;
  }
  TypeObject* cls = type;
  if (cls == &exc_BaseExceptionGroup) {
    if (!nested_base) cls = exc_ExceptionGroup;  // all Exceptions: an ExceptionGroup
  } else if (cls == exc_ExceptionGroup) {
    if (nested_base)
      return raise(&exc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (nested_base && is_subtype(cls, &exc_Exception)) {
    return raise_fmt(&exc_TypeError, "Cannot nest BaseExceptions in '{}'", cls->name);
  }
  auto* e = alloc_instance<BaseExceptionObject>(cls);
  Ref self = Ref::steal(Value(e));
  e->args = tuple_from(args, nargs);
  e->group_message = Ref::new_ref(args[0]);
  e->group_excs = std::move(excs);
  return self;
}

bool eg_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames != nullptr && kwnames->size > 0) {
    raise_fmt(&exc_TypeError, "{}() takes no keyword arguments", type_of(self)->name);
    return false;
  }
  as_exc(self)->args = tuple_from(args, nargs);
  return true;
}

Ref eg_str(Value self) {
  BaseExceptionObject* e = as_exc(self);
  size_t n = e->group_excs ? as_tuple(e->group_excs.get())->size : 0;
  std::string msg =
      e->group_message ? std::string(as_str(e->group_message.get())->view()) : std::string();
  return str_new(fmt::format("{} ({} sub-exception{})", msg, n, n == 1 ? "" : "s"));
}

Ref eg_get_message(Value self) {
  return as_exc(self)->group_message ? as_exc(self)->group_message.dup() : none_ref();
}
Ref eg_get_exceptions(Value self) {
  return as_exc(self)->group_excs ? as_exc(self)->group_excs.dup() : tuple_empty();
}

Ref m_derive(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "derive() takes no keyword arguments");
  if (nargs != 1)
    return raise_fmt(&exc_TypeError, "function takes exactly 1 argument ({} given)", nargs);
  Value new_args[2] = {
      as_exc(self)->group_message ? as_exc(self)->group_message.get() : Value(str_empty().get()),
      args[0]};
  return call(Value(&exc_BaseExceptionGroup), new_args, 2);
}

// ---------------------------------------------------------------- split

enum class Matcher { ByType, ByPredicate, InstanceIds };

bool matcher_of(Value value, Matcher* out) {
  if (callable(value) && !isinstance(value, &type_type)) {
    *out = Matcher::ByPredicate;
    return true;
  }
  if (is_exception_class(value)) {
    *out = Matcher::ByType;
    return true;
  }
  if (is_tuple(value)) {
    TupleObject* t = as_tuple(value);
    bool all = true;
    for (size_t i = 0; i < t->size && all; i++) all = is_exception_class(t->at(i));
    if (all) {
      *out = Matcher::ByType;
      return true;
    }
  }
  raise(&exc_TypeError, "expected a function, exception type or tuple of exception types");
  return false;
}

// 1 match, 0 no match, -1 error.
int split_check_match(Value exc, Matcher m, Value value, const std::set<Object*>* ids) {
  switch (m) {
    case Matcher::ByType:
      return exception_matches_spec(exc, value);
    case Matcher::ByPredicate: {
      Ref r = call1(value, exc);
      if (!r) return -1;
      return truthy(r.get());
    }
    case Matcher::InstanceIds:
      if (is_exception_group(exc)) return 0;
      return ids->count(exc.obj()) ? 1 : 0;
  }
  return 0;
}

// A group of `excs` (a list) derived from `orig`, carrying orig's traceback, cause, context and
// a copy of its notes; None when excs is empty.
Ref exception_group_subset(Value orig, Value excs) {
  if (as_list(excs)->items.empty()) return none_ref();
  Ref eg = call_method(orig, intern("derive"), &excs, 1);
  if (!eg) return Ref();
  if (!is_exception_group(eg.get()))
    return raise(&exc_TypeError, "derive must return an instance of BaseExceptionGroup");
  BaseExceptionObject* src = as_exc(orig);
  BaseExceptionObject* dst = as_exc(eg.get());
  copy_traceback(dst, src);
  dst->context = src->context ? src->context.dup() : Ref();
  dst->cause = src->cause ? src->cause.dup() : Ref();
  dst->suppress_context = true;  // as PyException_SetCause
  Ref notes = getattr_opt(orig, intern("__notes__"));
  if (notes) {
    if (is_sequence(notes.get())) {
      Ref copy = list_new(0);
      Ref it = get_iter(notes.get());
      if (!it) return Ref();
      for (;;) {
        Ref x = iter_next(it.get());
        if (!x) break;
        list_append(as_list(copy.get()), x.get());
      }
      if (error_pending()) return Ref();
      if (!setattr(eg.get(), intern("__notes__"), copy.get())) return Ref();
    }
  } else if (error_pending()) {
    return Ref();
  }
  return eg;
}

struct SplitResult {
  Ref match, rest;
};

bool split_recursive(Value exc, Matcher m, Value value, const std::set<Object*>* ids,
                     bool construct_rest, SplitResult* out, int depth) {
  if (depth > 1000) {
    raise(&exc_RecursionError, "maximum recursion depth exceeded in split()");
    return false;
  }
  int is_match = split_check_match(exc, m, value, ids);
  if (is_match < 0) return false;
  if (is_match) {
    out->match = Ref::new_ref(exc);
    return true;
  }
  if (!is_exception_group(exc)) {
    if (construct_rest) out->rest = Ref::new_ref(exc);
    return true;
  }
  // A partial match: split every member.
  Ref excs = Ref::new_ref(as_exc(exc)->group_excs.get());
  Ref match_list = list_new(0);
  Ref rest_list = list_new(0);
  TupleObject* t = as_tuple(excs.get());
  for (size_t i = 0; i < t->size; i++) {
    SplitResult sub;
    if (!split_recursive(t->at(i), m, value, ids, construct_rest, &sub, depth + 1)) return false;
    if (sub.match) list_append(as_list(match_list.get()), sub.match.get());
    if (sub.rest) list_append(as_list(rest_list.get()), sub.rest.get());
  }
  Ref match = exception_group_subset(exc, match_list.get());
  if (!match) return false;
  if (!is_none(match.get())) out->match = std::move(match);
  if (construct_rest) {
    Ref rest = exception_group_subset(exc, rest_list.get());
    if (!rest) return false;
    if (!is_none(rest.get())) out->rest = std::move(rest);
  }
  return true;
}

Ref m_split(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "split() takes no keyword arguments");
  if (nargs != 1) {  // PyArg_UnpackTuple's wording
    return raise_fmt(&exc_TypeError, "split expected 1 argument{}, got {}", "", nargs);
  }
  Matcher m;
  if (!matcher_of(args[0], &m)) return Ref();
  SplitResult r;
  if (!split_recursive(self, m, args[0], nullptr, true, &r, 0)) return Ref();
  Value pair[2] = {r.match ? r.match.get() : None(), r.rest ? r.rest.get() : None()};
  return tuple_from(pair, 2);
}

Ref m_subgroup(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "subgroup() takes no keyword arguments");
  if (nargs != 1) {  // PyArg_UnpackTuple's wording
    return raise_fmt(&exc_TypeError, "subgroup expected 1 argument{}, got {}", "", nargs);
  }
  Matcher m;
  if (!matcher_of(args[0], &m)) return Ref();
  SplitResult r;
  if (!split_recursive(self, m, args[0], nullptr, false, &r, 0)) return Ref();
  return r.match ? std::move(r.match) : none_ref();
}

Ref m_class_getitem(Value cls, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__class_getitem__", nargs, kw, 1, 1)) return Ref();
  return generic_alias_new(cls, args[0]);
}

void collect_leaf_ids(Value exc, std::set<Object*>& ids, int depth) {
  if (is_none(exc) || depth > 1000) return;
  if (!is_exception_group(exc)) {
    ids.insert(exc.obj());
    return;
  }
  TupleObject* t = as_tuple(as_exc(exc)->group_excs.get());
  for (size_t i = 0; i < t->size; i++) collect_leaf_ids(t->at(i), ids, depth + 1);
}

// The traceback, cause, context and notes are those of the original: a re-raised (part of) the
// group, not a new exception raised by an except* body.
bool same_metadata(Value a, Value b) {
  BaseExceptionObject* x = as_exc(a);
  BaseExceptionObject* y = as_exc(b);
  auto notes = [](Value v) {
    DictObject** slot = instance_dict_slot(v);
    return (slot && *slot) ? dict_get_str(*slot, intern("__notes__")) : Value();
  };
  if (x->cause.get() != y->cause.get() || x->context.get() != y->context.get()) return false;
  if (notes(a) != notes(b) || x->traceback.size() != y->traceback.size()) return false;
  for (size_t i = 0; i < x->traceback.size(); i++) {
    if (x->traceback[i].code.get() != y->traceback[i].code.get() ||
        x->traceback[i].insn != y->traceback[i].insn) {
      return false;
    }
  }
  return true;
}

Ref make_group(Value message, Value excs) {
  Value args[2] = {message, excs};
  return call(Value(&exc_BaseExceptionGroup), args, 2);
}

}  // namespace

bool is_exception_group(Value v) { return v && isinstance(v, &exc_BaseExceptionGroup); }

int exception_group_match(Value exc, Value type, Ref* match, Ref* rest) {
  if (is_none(exc)) {
    *match = none_ref();
    *rest = none_ref();
    return 0;
  }
  int m = exception_matches_spec(exc, type);
  if (m < 0) return -1;
  if (m) {
    if (is_exception_group(exc)) {
      *match = Ref::new_ref(exc);
    } else {
      // A naked exception is wrapped in a group (keeping its traceback on the group).
      Ref excs = tuple_from(&exc, 1);
      Ref empty = str_empty();
      Ref wrapped = make_group(empty.get(), excs.get());
      if (!wrapped) return -1;
      copy_traceback(as_exc(wrapped.get()), as_exc(exc));
      *match = std::move(wrapped);
    }
    *rest = none_ref();
    return 0;
  }
  if (is_exception_group(exc)) {
    Ref pair = call_method(exc, intern("split"), &type, 1);
    if (!pair) return -1;
    if (!is_tuple(pair.get()) || as_tuple(pair.get())->size != 2) {
      raise(&exc_TypeError, "split must return a 2-tuple");
      return -1;
    }
    *match = Ref::new_ref(as_tuple(pair.get())->at(0));
    *rest = Ref::new_ref(as_tuple(pair.get())->at(1));
    return 0;
  }
  *match = none_ref();
  *rest = none_ref();
  return 0;
}

int check_except_star_type(Value type) {
  auto bad = [](Value t) -> int {
    if (!is_exception_class(t)) {
      raise(&exc_TypeError,
            "catching classes that do not inherit from BaseException is not allowed");
      return -1;
    }
    if (is_subtype(static_cast<TypeObject*>(t.obj()), &exc_BaseExceptionGroup)) {
      raise(&exc_TypeError,
            "catching ExceptionGroup with except* is not allowed. Use except instead.");
      return -1;
    }
    return 0;
  };
  if (is_tuple(type)) {
    TupleObject* t = as_tuple(type);
    for (size_t i = 0; i < t->size; i++) {
      if (bad(t->at(i)) < 0) return -1;
    }
    return 0;
  }
  return bad(type);
}

Ref prep_reraise_star(Value orig, Value excs_list) {
  ListObject* excs = as_list(excs_list);
  if (excs->items.empty()) return none_ref();
  if (!is_exception_group(orig)) {
    // A naked exception was wrapped: only one clause ran, so at most one exception to raise.
    for (Value e : excs->items) {
      if (!is_none(e)) return Ref::new_ref(e);
    }
    return none_ref();
  }
  Ref raised = list_new(0);
  Ref reraised = list_new(0);
  for (Value e : excs->items) {
    if (is_none(e)) continue;
    list_append(as_list(same_metadata(e, orig) ? reraised.get() : raised.get()), e);
  }
  // The part of the original group that was re-raised (or not handled), as one subgroup.
  std::set<Object*> ids;
  for (Value e : as_list(reraised.get())->items) collect_leaf_ids(e, ids, 0);
  SplitResult r;
  if (!split_recursive(orig, Matcher::InstanceIds, Value(), &ids, false, &r, 0)) return Ref();
  Ref reraised_eg = r.match ? std::move(r.match) : none_ref();
  ListObject* rl = as_list(raised.get());
  if (rl->items.empty()) return reraised_eg;
  if (!is_none(reraised_eg.get())) list_append(rl, reraised_eg.get());
  if (rl->items.size() > 1) {
    Ref empty = str_empty();
    return make_group(empty.get(), raised.get());
  }
  return Ref::new_ref(rl->items[0]);
}

Ref exception_add_note(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("add_note", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0]))
    return raise_fmt(&exc_TypeError, "note must be a str, not '{}'", type_name(args[0]));
  StrObject* name = intern("__notes__");
  Ref notes = getattr_opt(self, name);
  if (!notes) {
    if (error_pending()) return Ref();
    notes = list_new(0);
    if (!setattr(self, name, notes.get())) return Ref();
  }
  if (!is_list(notes.get()))
    return raise(&exc_TypeError, "Cannot add note: __notes__ is not a list");
  list_append(as_list(notes.get()), args[0]);
  return none_ref();
}

void exception_groups_init() {
  TypeObject* beg = &exc_BaseExceptionGroup;
  beg->new_ = eg_new;
  beg->init = eg_init;
  beg->str = eg_str;
  add_getset(beg, "message", eg_get_message);
  add_getset(beg, "exceptions", eg_get_exceptions);
  add_method(beg, "derive", m_derive);
  add_method(beg, "split", m_split);
  add_method(beg, "subgroup", m_subgroup);
  add_method(beg, "__class_getitem__", m_class_getitem, kNativeClassMethod);
  // class ExceptionGroup(BaseExceptionGroup, Exception), a heap type as in CPython.
  Ref ns = dict_new();
  dict_set_cstr(as_dict(ns.get()), "__module__", str_new("builtins").get());
  Value bases[2] = {Value(beg), Value(&exc_Exception)};
  Ref bases_tuple = tuple_from(bases, 2);
  Ref eg = type_new_class(&type_type, intern("ExceptionGroup"), as_tuple(bases_tuple.get()),
                          as_dict(ns.get()));
  exc_ExceptionGroup = static_cast<TypeObject*>(eg.release().obj());
}

}  // namespace minipy::rt
