// The builtin exception types (from exceptions.def), BaseException's behaviour, and raising.
#include "runtime/errors.h"

#include <cerrno>
#include <cstdio>

#include <cstddef>
#include <exception>
#include <map>
#include <new>
#include <stdexcept>

#include "runtime/critical_section.h"
#include "runtime/exception_group.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

#define EXC(name, base) TypeObject exc_##name;
#include "runtime/exceptions.def"
#undef EXC

std::string int_to_string_for_errors(Value v);

TypeObject traceback_type;
int (*g_code_line_hook)(Value code, int insn) = nullptr;
void (*g_print_exception_hook)(Value exc) = nullptr;
void (*g_write_stderr_hook)(const std::string& text) = nullptr;

void (*g_unraisable_hook)(Value exc, Value obj, const char* msg) = nullptr;
bool (*g_warn_hook)(TypeObject* category, std::string_view msg, int stacklevel) = nullptr;

bool warn(TypeObject* category, std::string_view msg, int stacklevel) {
  return g_warn_hook == nullptr || g_warn_hook(category, msg, stacklevel);
}

void write_unraisable(Value obj, const char* msg) {
  Ref exc = take_exception();
  if (!exc) return;
  if (g_unraisable_hook) {
    g_unraisable_hook(exc.get(), obj, msg);
    clear_exception();
    return;
  }
  std::string head = msg ? fmt::format("Exception ignored {}", msg) : std::string("Exception ignored in");
  if (obj) {
    std::string r;
    if (!repr_text(obj, &r)) {
      clear_exception();
      r = fmt::format("<object repr() failed>");
    }
    head += ": " + r;
  }
  if (g_write_stderr_hook) {
    g_write_stderr_hook(head + "\n");
  } else {
    std::fprintf(stderr, "%s\n", head.c_str());
  }
  if (g_print_exception_hook) g_print_exception_hook(exc.get());
  clear_exception();
}

namespace {

BaseExceptionObject* as_exc(Value v) { return static_cast<BaseExceptionObject*>(v.obj()); }

Ref exc_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  auto* e = alloc_instance<BaseExceptionObject>(type);
  e->args = tuple_from(args, nargs);
  return Ref::steal(Value(e));
}

bool exc_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames != nullptr && kwnames->size > 0 && !(type_of(self)->flags & kTypeHeap)) {
    raise_fmt(&exc_TypeError, "{}() takes no keyword arguments", type_of(self)->name);
    return false;
  }
  as_exc(self)->args = tuple_from(args, nargs);
  return true;
}

void exc_dealloc(Object* o) { delete static_cast<BaseExceptionObject*>(o); }

void exc_traverse(Object* o, VisitFn visit, void* arg) {
  auto* e = static_cast<BaseExceptionObject*>(o);
  visit_value(e->args, visit, arg);
  visit_value(e->cause, visit, arg);
  visit_value(e->context, visit, arg);
  visit_value(e->name_error_globals, visit, arg);
  visit_value(e->group_message, visit, arg);
  visit_value(e->group_excs, visit, arg);
  for (const TracebackEntry& t : e->traceback) {
    visit_value(t.code, visit, arg);
    visit_value(t.frame, visit, arg);
  }
  visit_value(e->tb_chain, visit, arg);
  visit_value(e->fields, visit, arg);
}

void exc_clear(Object* o) {
  auto* e = static_cast<BaseExceptionObject*>(o);
  e->args = tuple_empty();  // readers expect a tuple
  e->cause.reset();
  e->context.reset();
  e->name_error_globals.reset();
  e->group_excs.reset();
  std::vector<TracebackEntry> tb = std::move(e->traceback);
  e->traceback.clear();
  Ref chain = std::move(e->tb_chain);
  e->tb_chain_len = 0;
  Ref fields = std::move(e->fields);
}

Ref exc_str(Value self) {
  TupleObject* args = as_tuple(as_exc(self)->args.get());
  if (args->size == 0) return str_empty();
  if (args->size == 1) return to_str(args->at(0));
  return to_str(Value(args));
}

Ref exc_repr(Value self) {
  TupleObject* args = as_tuple(as_exc(self)->args.get());
  const std::string& name = type_of(self)->name;
  std::string inner;
  if (args->size == 1) {
    if (!repr_text(args->at(0), &inner)) return Ref();
    return str_new(fmt::format("{}({})", name, inner));
  }
  if (!repr_text(Value(args), &inner)) return Ref();
  if (args->size == 0) return str_new(name + "()");
  return str_new(name + inner);
}

Ref key_error_str(Value self) {
  TupleObject* args = as_tuple(as_exc(self)->args.get());
  if (args->size == 1) return repr(args->at(0));
  return exc_str(self);
}

Ref exc_get_args(Value self) { return as_exc(self)->args.dup(); }
bool exc_set_args(Value self, Value v) {
  if (!v) {
    raise(&exc_TypeError, "args may not be deleted");
    return false;
  }
  Ref t = is_tuple(v) ? Ref::new_ref(v) : Ref();
  if (!t) {
    Ref it = get_iter(v);
    if (!it) return false;
    std::vector<Ref> items;
    for (;;) {
      Ref x = iter_next(it.get());
      if (!x) break;
      items.push_back(std::move(x));
    }
    if (error_pending()) return false;
    t = tuple_new(items.size());
    for (size_t i = 0; i < items.size(); i++) tuple_set_steal(as_tuple(t.get()), i, items[i].release());
  }
  as_exc(self)->args = std::move(t);
  return true;
}
Ref exc_get_cause(Value self) {
  return as_exc(self)->cause ? as_exc(self)->cause.dup() : none_ref();
}
/// The chaining attributes take None or an exception instance and cannot be deleted
/// (CPython's BaseException_set_cause / _set_context).
static bool check_chain_value(Value v, const char* attr, const char* what) {
  if (!v) {
    raise_fmt(&exc_TypeError, "{} may not be deleted", attr);
    return false;
  }
  if (!is_none(v) && !(type_of(v)->flags & kTypeException)) {
    raise_fmt(&exc_TypeError, "exception {} must be None or derive from BaseException", what);
    return false;
  }
  return true;
}
bool exc_set_cause(Value self, Value v) {
  if (!check_chain_value(v, "__cause__", "cause")) return false;
  as_exc(self)->cause = !is_none(v) ? Ref::new_ref(v) : Ref();
  as_exc(self)->suppress_context = true;
  return true;
}
Ref exc_get_context(Value self) {
  return as_exc(self)->context ? as_exc(self)->context.dup() : none_ref();
}
bool exc_set_context(Value self, Value v) {
  if (!check_chain_value(v, "__context__", "context")) return false;
  as_exc(self)->context = !is_none(v) ? Ref::new_ref(v) : Ref();
  return true;
}
Ref exc_get_suppress(Value self) { return bool_ref(as_exc(self)->suppress_context); }
bool exc_set_suppress(Value self, Value v) {
  int t = v ? truthy(v) : 0;
  if (t < 0) return false;
  as_exc(self)->suppress_context = t;
  return true;
}
// __traceback__: the entries live in the exception (innermost first); Python sees a chain of
// traceback objects, outermost first, built when read and kept (tb_chain): entries added since
// the last read get new objects around the kept chain. tb_frame is the frame object the VM
// recorded with the entry (vm/frame_object.h).
struct TracebackObject : Object {
  Ref code;  // a VM code object
  int insn = 0;
  Ref next;   // null = None
  Ref frame;  // null = None
  // Made by types.TracebackType(...): tb_lasti and tb_lineno as given (insn is lasti / 2).
  bool given = false;
  int lasti = 0;
  int lineno = -1;
};

Ref exc_get_traceback(Value self) {
  BaseExceptionObject* exc = as_exc(self);
  CriticalSection cs(self);  // free-threaded: two readers must not both extend tb_chain
  size_t n = exc->traceback.size();
  if (exc->tb_chain_len > n) {  // not expected (the entries only grow between resets)
    exc->tb_chain.reset();
    exc->tb_chain_len = 0;
  }
  Ref chain = exc->tb_chain ? exc->tb_chain.dup() : Ref();
  for (size_t i = exc->tb_chain_len; i < n; i++) {  // innermost first: build inside out
    const TracebackEntry& e = exc->traceback[i];
    auto* tb = alloc_instance<TracebackObject>(&traceback_type);
    tb->code = e.code.dup();
    tb->insn = e.insn;
    tb->frame = e.frame.dup();
    tb->next = std::move(chain);
    chain = Ref::steal(Value(tb));
  }
  exc->tb_chain = chain ? chain.dup() : Ref();
  exc->tb_chain_len = n;
  return chain ? std::move(chain) : none_ref();
}
bool exc_set_traceback(Value self, Value v) {
  if (!v) {
    raise(&exc_TypeError, "__traceback__ may not be deleted");
    return false;
  }
  if (!is_none(v) && type_of(v) != &traceback_type) {
    raise(&exc_TypeError, "__traceback__ must be a traceback or None");
    return false;
  }
  std::vector<TracebackEntry> entries;
  for (Value t = v; t && !is_none(t); t = static_cast<TracebackObject*>(t.obj())->next.get()) {
    auto* tb = static_cast<TracebackObject*>(t.obj());
    entries.insert(entries.begin(), TracebackEntry{tb->code.dup(), tb->insn, tb->frame.dup()});
  }
  BaseExceptionObject* exc = as_exc(self);
  CriticalSection cs(self);
  exc->traceback = std::move(entries);
  exc->tb_chain = is_none(v) ? Ref() : Ref::new_ref(v);  // the very objects read back
  exc->tb_chain_len = exc->traceback.size();
  return true;
}

Ref exc_with_traceback(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("with_traceback", nargs, kw, 1, 1)) return Ref();
  if (!exc_set_traceback(self, args[0])) return Ref();
  return Ref::new_ref(self);
}

/// BaseException.__reduce__: (type, args), plus the instance __dict__ when it holds anything.
Ref exc_reduce(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  Ref args = as_exc(self)->args ? as_exc(self)->args.dup() : tuple_empty();
  DictObject* d = as_exc(self)->dict;
  if (d != nullptr && d->used > 0) return tuple_of({Value(type_of(self)), args.get(), Value(d)});
  return tuple_of({Value(type_of(self)), args.get()});
}

/// BaseException.__setstate__: the dict's items become attributes; None is accepted.
Ref exc_setstate(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__setstate__", nargs, kw, 1, 1)) return Ref();
  if (is_none(args[0])) return none_ref();
  if (!is_dict(args[0])) return raise(&exc_TypeError, "state is not a dictionary");
  Ref items = dict_new();  // a copy: setting attributes may run code that changes the state
  if (!dict_update(as_dict(items.get()), args[0])) return Ref();
  size_t pos = 0;
  Value key, value;
  while (dict_next(as_dict(items.get()), &pos, &key, &value)) {
    if (!is_str(key)) return raise(&exc_TypeError, "attribute name must be string");
    if (!setattr(self, as_str(key), value)) return Ref();
  }
  return none_ref();
}

void tb_dealloc(Object* o) { delete static_cast<TracebackObject*>(o); }
void tb_traverse(Object* o, VisitFn visit, void* arg) {
  auto* tb = static_cast<TracebackObject*>(o);
  visit_value(tb->code, visit, arg);
  visit_value(tb->next, visit, arg);
  visit_value(tb->frame, visit, arg);
}
Ref tb_get_next(Value self) {
  auto* tb = static_cast<TracebackObject*>(self.obj());
  return tb->next ? tb->next.dup() : none_ref();
}
/// tb_next is writable (unittest trims its own frames off a chain), with CPython's checks.
bool tb_set_next(Value self, Value v) {
  if (!v) {
    raise(&exc_TypeError, "can't delete tb_next attribute");
    return false;
  }
  if (!is_none(v) && type_of(v) != &traceback_type) {
    raise_fmt(&exc_TypeError, "expected traceback object or None, got '{}'", type_name(v));
    return false;
  }
  for (Value t = v; t && !is_none(t); t = static_cast<TracebackObject*>(t.obj())->next.get()) {
    if (t == self) {
      raise(&exc_ValueError, "traceback loop detected");
      return false;
    }
  }
  static_cast<TracebackObject*>(self.obj())->next = is_none(v) ? Ref() : Ref::new_ref(v);
  return true;
}
Ref tb_get_lineno(Value self) {
  auto* tb = static_cast<TracebackObject*>(self.obj());
  if (tb->given && tb->lineno != -1) return Ref::small(tb->lineno);
  // CPython's PyCode_Addr2Line: a negative offset is the code's first line (its RESUME's).
  int insn = tb->given && tb->lasti < 0 ? -1 : tb->insn;
  return Ref::small(g_code_line_hook ? g_code_line_hook(tb->code.get(), insn) : 0);
}
Ref tb_get_lasti(Value self) {
  auto* tb = static_cast<TracebackObject*>(self.obj());
  return Ref::small(tb->given ? tb->lasti : 2 * tb->insn);
}
Ref tb_get_frame(Value self) {
  auto* tb = static_cast<TracebackObject*>(self.obj());
  return tb->frame ? tb->frame.dup() : none_ref();
}

/// First positional arg, or None (StopIteration.value, SystemExit.code).
Ref exc_first_arg(Value self) {
  TupleObject* args = as_tuple(as_exc(self)->args.get());
  if (args->size == 0) return none_ref();
  if (type_of(self) == &exc_SystemExit || is_subtype(type_of(self), &exc_SystemExit)) {
    if (args->size > 1) return Ref::new_ref(Value(args));
  }
  return Ref::new_ref(args->at(0));
}

// The OSError subclass for an errno (CPython's errnomap), used by OSError.__new__ below.
static TypeObject* oserror_type_for_errno(int err) {
  switch (err) {
    case ENOENT: return &exc_FileNotFoundError;
    case EEXIST: return &exc_FileExistsError;
    case EACCES:
    case EPERM: return &exc_PermissionError;
    case EISDIR: return &exc_IsADirectoryError;
    case ENOTDIR: return &exc_NotADirectoryError;
    case EPIPE:
    case ESHUTDOWN: return &exc_BrokenPipeError;
    case EINTR: return &exc_InterruptedError;
    case ECHILD: return &exc_ChildProcessError;
    case ESRCH: return &exc_ProcessLookupError;
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS: return &exc_BlockingIOError;
    case ECONNREFUSED: return &exc_ConnectionRefusedError;
    case ECONNRESET: return &exc_ConnectionResetError;
    case ECONNABORTED: return &exc_ConnectionAbortedError;
    case ETIMEDOUT: return &exc_TimeoutError;
    default: return &exc_OSError;
  }
}

// OSError(errno, strerror, ...) called on OSError itself picks the subclass for the errno, as
// CPython's OSError.__new__ does (subprocess re-raises a child's exec failure this way).
Ref oserror_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (type == &exc_OSError && nargs >= 2 && nargs <= 5 && is_int(args[0])) {
    int64_t err;
    if (int_to_int64(args[0], &err) && err >= INT32_MIN && err <= INT32_MAX) {
      type = oserror_type_for_errno(static_cast<int>(err));
    } else {
      clear_exception();
    }
  }
  return exc_new(type, args, nargs, kwnames);
}

/// OSError(errno, strerror[, filename[, winerror[, filename2]]]); BlockingIOError's third
/// argument, an int, is characters_written instead (CPython's oserror_parse_args).
bool oserror_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!exc_init(self, args, nargs, kwnames)) return false;
  for (const char* f : {"errno", "strerror", "filename", "filename2", "characters_written"}) {
    exc_set_field(self, f, Value());
  }
  if (nargs < 2 || nargs > 5) return true;
  exc_set_field(self, "errno", args[0]);
  exc_set_field(self, "strerror", args[1]);
  if (nargs >= 3) {
    if (nargs == 3 && is_subtype(type_of(self), &exc_BlockingIOError) && is_int(args[2])) {
      exc_set_field(self, "characters_written", args[2]);
    } else if (!is_none(args[2])) {
      exc_set_field(self, "filename", args[2]);
      if (nargs >= 5) exc_set_field(self, "filename2", args[4]);
      // As CPython's oserror_init: with a file name, args keeps only (errno, strerror);
      // __reduce__ puts the names back.
      as_exc(self)->args = tuple_from(args, 2);
    }
  }
  return true;
}

/// OSError.__reduce__ (CPython's OSError_reduce): args of two items regain the file name(s),
/// so that OSError(*args) rebuilds them.
Ref oserror_reduce(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  Ref args = as_exc(self)->args ? as_exc(self)->args.dup() : tuple_empty();
  Value fn = exc_field(self, "filename"), fn2 = exc_field(self, "filename2");
  if (as_tuple(args.get())->size == 2 && fn) {
    TupleObject* a = as_tuple(args.get());
    if (fn2) {
      args = tuple_of({a->at(0), a->at(1), fn, None(), fn2});
    } else {
      args = tuple_of({a->at(0), a->at(1), fn});
    }
  }
  DictObject* d = as_exc(self)->dict;
  if (d != nullptr && d->used > 0) return tuple_of({Value(type_of(self)), args.get(), Value(d)});
  return tuple_of({Value(type_of(self)), args.get()});
}

Ref oserror_str(Value self) {
  // CPython's OSError_str: from the fields, which a program may have changed since.
  Value err = exc_field(self, "errno"), why = exc_field(self, "strerror");
  Value fn = exc_field(self, "filename"), fn2 = exc_field(self, "filename2");
  if (fn && !is_none(fn)) {
    std::string e, s, f;
    if (!str_text(err ? err : None(), &e) || !str_text(why ? why : None(), &s) || !repr_text(fn, &f)) {
      return Ref();
    }
    if (fn2 && !is_none(fn2)) {
      std::string f2;
      if (!repr_text(fn2, &f2)) return Ref();
      return str_new(fmt::format("[Errno {}] {}: {} -> {}", e, s, f, f2));
    }
    return str_new(fmt::format("[Errno {}] {}: {}", e, s, f));
  }
  if (err && why) {
    std::string e, s;
    if (!str_text(err, &e) || !str_text(why, &s)) return Ref();
    return str_new(fmt::format("[Errno {}] {}", e, s));
  }
  return exc_str(self);
}

/// ImportError(msg, name=None, path=None): keyword arguments become attributes.
bool importerror_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  as_exc(self)->args = tuple_from(args, nargs);
  exc_set_field(self, "name", Value());
  exc_set_field(self, "path", Value());
  exc_set_field(self, "msg", nargs == 1 ? args[0] : Value());
  for (size_t i = 0; kwnames && i < kwnames->size; i++) {
    std::string_view k = as_str(kwnames->at(i))->view();
    if (k != "name" && k != "path") {
      raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for ImportError()", k);
      return false;
    }
    exc_set_field(self, k == "name" ? "name" : "path", args[nargs + i]);
  }
  return true;
}

/// AttributeError(*args, name=None, obj=None) and NameError(*args, name=None): keyword-only
/// fields, each reset to None when not given (CPython 3.10's AttributeError_init, NameError_init).
bool keyword_fields_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames,
                         std::initializer_list<const char*> fields, const char* tname) {
  as_exc(self)->args = tuple_from(args, nargs);
  for (const char* f : fields) exc_set_field(self, f, Value());
  for (size_t i = 0; kwnames && i < kwnames->size; i++) {
    std::string_view k = as_str(kwnames->at(i))->view();
    const char* field = nullptr;
    for (const char* f : fields) {
      if (k == f) field = f;
    }
    if (field == nullptr) {
      raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for {}()", k, tname);
      return false;
    }
    exc_set_field(self, field, args[nargs + i]);
  }
  return true;
}
bool attributeerror_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  return keyword_fields_init(self, args, nargs, kwnames, {"name", "obj"}, "AttributeError");
}
bool nameerror_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  return keyword_fields_init(self, args, nargs, kwnames, {"name"}, "NameError");
}

bool syntaxerror_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!exc_init(self, args, nargs, kwnames)) return false;
  const char* fields[] = {"filename", "lineno", "offset", "text", "end_lineno", "end_offset"};
  exc_set_field(self, "msg", nargs >= 1 ? args[0] : Value());
  for (const char* f : fields) exc_set_field(self, f, Value());
  if (nargs == 2) {
    // SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])): any
    // sequence, parsed as CPython's SyntaxError_init does ("OOOO|OO").
    Ref info = list_from_iterable(args[1]);
    if (!info) return false;
    const std::vector<Value>& items = as_list(info.get())->items;
    if (items.size() < 4 || items.size() > 6) {
      raise_fmt(&exc_TypeError, "function takes {} {} arguments ({} given)",
                items.size() < 4 ? "at least" : "at most", items.size() < 4 ? 4 : 6, items.size());
      return false;
    }
    if (items.size() == 5) {
      raise(&exc_TypeError, "end_offset must be provided when end_lineno is provided");
      return false;
    }
    for (size_t i = 0; i < items.size(); i++) exc_set_field(self, fields[i], items[i]);
  }
  return true;
}

Ref syntaxerror_str(Value self) {
  Value msg = exc_field(self, "msg");
  Value fn = exc_field(self, "filename");
  Value ln = exc_field(self, "lineno");
  std::string m;
  if (!str_text(msg ? msg : None(), &m)) return Ref();
  std::string base;
  if (fn && is_str(fn)) {
    std::string_view f = as_str(fn)->view();
    auto slash = f.rfind('/');
    base = std::string(slash == std::string_view::npos ? f : f.substr(slash + 1));
  }
  if (!base.empty() && ln && is_int(ln)) {
    return str_new(fmt::format("{} ({}, line {})", m, base, int_to_string_for_errors(ln)));
  }
  if (!base.empty()) return str_new(fmt::format("{} ({})", m, base));
  if (ln && is_int(ln)) return str_new(fmt::format("{} (line {})", m, int_to_string_for_errors(ln)));
  return str_new(m);
}

// UnicodeDecodeError(encoding, object, start, end, reason) / UnicodeEncodeError(...): the five
// arguments become attributes and str() is CPython's "'utf-8' codec can't decode byte 0xff in
// position 0: invalid start byte". Other argument shapes behave as plain exceptions.
bool unicodeerror_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!exc_init(self, args, nargs, kwnames)) return false;
  if (is_subtype(type_of(self), &exc_UnicodeTranslateError)) {
    // UnicodeTranslateError(object, start, end, reason): no encoding.
    if (nargs != 4) return true;
    if (!is_str(args[0]) || !is_int(args[1]) || !is_int(args[2]) || !is_str(args[3])) {
      raise(&exc_TypeError, "function takes exactly 4 arguments (object, start, end, reason)");
      return false;
    }
    const char* fields[] = {"object", "start", "end", "reason"};
    for (size_t i = 0; i < 4; i++) exc_set_field(self, fields[i], args[i]);
    return true;
  }
  if (nargs != 5) return true;
  bool decode = is_subtype(type_of(self), &exc_UnicodeDecodeError);
  if (!is_str(args[0]) || !is_int(args[2]) || !is_int(args[3]) || !is_str(args[4]) ||
      (!decode && !is_str(args[1]))) {
    raise_fmt(&exc_TypeError, "function takes exactly 5 arguments (encoding, object, start, end, reason)");
    return false;
  }
  const char* fields[] = {"encoding", "object", "start", "end", "reason"};
  for (size_t i = 0; i < 5; i++) exc_set_field(self, fields[i], args[i]);
  return true;
}

Ref unicodeerror_str(Value self) {
  auto get = [&](const char* n) { return exc_field(self, n); };
  Value enc = get("encoding"), obj = get("object"), st = get("start"), en = get("end"), why = get("reason");
  bool translate = is_subtype(type_of(self), &exc_UnicodeTranslateError);
  if ((!enc && !translate) || !obj || !st || !en || !why || !st.is_small() || !en.is_small()) {
    return exc_str(self);
  }
  std::string e, r;
  if ((!translate && !str_text(enc, &e)) || !str_text(why, &r)) return Ref();
  int64_t start = st.small(), end = en.small();
  bool decode = is_subtype(type_of(self), &exc_UnicodeDecodeError);
  // "'utf-8' codec can't encode" / "can't translate" (CPython's UnicodeTranslateError_str).
  std::string what = translate ? "can't translate"
                               : fmt::format("'{}' codec can't {}", e, decode ? "decode" : "encode");
  if (end == start + 1) {
    if (decode) {
      std::string_view data;
      if (bytes_like_data(obj, &data) && start >= 0 && start < static_cast<int64_t>(data.size())) {
        return str_new(fmt::format("{} byte 0x{:02x} in position {}: {}", what,
                                   static_cast<unsigned char>(data[start]), start, r));
      }
    } else if (int64_t n = 0; is_str(obj) && start >= 0 && length(obj, &n) && start < n) {
      std::string_view text = as_str(obj)->view();
      size_t pos = 0;
      uint32_t cp = 0;
      for (int64_t i = 0; i <= start && pos < text.size(); i++) cp = utf8_decode(text, pos);
      std::string ch = cp < 0x100 ? fmt::format("\\x{:02x}", cp)
                       : cp < 0x10000 ? fmt::format("\\u{:04x}", cp) : fmt::format("\\U{:08x}", cp);
      return str_new(fmt::format("{} character '{}' in position {}: {}", what, ch, start, r));
    }
  }
  return str_new(fmt::format("{} {} in position {}-{}: {}", what, decode ? "bytes" : "characters",
                             start, end - 1, r));
}

void init_one(TypeObject* t, const char* name, TypeObject* base) {
  t->name = name;
  t->flags |= kTypeException | kTypeBaseType;
  if (base == &object_type) {
    t->basic_size = sizeof(BaseExceptionObject);
    t->subclass_dict_offset = offsetof(BaseExceptionObject, dict);
    t->dict_offset = offsetof(BaseExceptionObject, dict);
    t->new_ = exc_new;
    t->init = exc_init;
    t->dealloc = exc_dealloc;
    t->traverse = exc_traverse;
    t->clear = exc_clear;
    t->repr = exc_repr;
    t->str = exc_str;
  } else {
    t->dict_offset = base->dict_offset;
  }
  type_ready(t, base);
}

}  // namespace

Ref exception_traceback(Value exc) { return exc_get_traceback(exc); }

Ref traceback_new(Value next, Value frame, Value code, int lasti, int lineno) {
  auto* tb = alloc_instance<TracebackObject>(&traceback_type);
  Ref result = Ref::steal(Value(tb));
  tb->code = Ref::new_ref(code);
  tb->frame = Ref::new_ref(frame);
  if (!is_none(next)) tb->next = Ref::new_ref(next);
  tb->given = true;
  tb->lasti = lasti;
  tb->lineno = lineno;
  tb->insn = lasti > 0 ? lasti / 2 : 0;
  return result;
}

std::string int_to_string_for_errors(Value v) {
  std::string s;
  str_text(v, &s);
  return s;
}

void exception_fields_init();  // exception_fields.cpp

void exceptions_init() {
  std::map<std::string_view, TypeObject*> by_name = {{"object", &object_type}};
#define EXC(name, base)                                \
  init_one(&exc_##name, #name, by_name.at(#base));     \
  by_name[#name] = &exc_##name;
#include "runtime/exceptions.def"
#undef EXC
  for (TypeObject* t : {&exc_BaseException}) {
    add_getset(t, "args", exc_get_args, exc_set_args);
    add_getset(t, "__cause__", exc_get_cause, exc_set_cause);
    add_getset(t, "__context__", exc_get_context, exc_set_context);
    add_getset(t, "__suppress_context__", exc_get_suppress, exc_set_suppress);
    add_getset(t, "__traceback__", exc_get_traceback, exc_set_traceback);
    add_method(t, "with_traceback", exc_with_traceback);
    add_method(t, "add_note", exception_add_note);
    add_method(t, "__reduce__", exc_reduce);
    add_method(t, "__setstate__", exc_setstate);
  }
  traceback_type.name = "traceback";
  traceback_type.basic_size = sizeof(TracebackObject);
  traceback_type.dealloc = tb_dealloc;
  traceback_type.traverse = tb_traverse;
  type_ready(&traceback_type, &object_type);
  add_getset(&traceback_type, "tb_next", tb_get_next, tb_set_next);
  add_getset(&traceback_type, "tb_lineno", tb_get_lineno);
  add_getset(&traceback_type, "tb_lasti", tb_get_lasti);
  add_getset(&traceback_type, "tb_frame", tb_get_frame);
  exc_KeyError.str = key_error_str;
  add_getset(&exc_StopIteration, "value", exc_first_arg);
  add_getset(&exc_SystemExit, "code", exc_first_arg);
  exc_OSError.init = oserror_init;
  exc_OSError.str = oserror_str;
  exc_OSError.new_ = oserror_new;
  exc_SyntaxError.init = syntaxerror_init;
  add_method(&exc_OSError, "__reduce__", oserror_reduce);
  exc_ImportError.init = importerror_init;
  exc_ModuleNotFoundError.init = importerror_init;
  exc_AttributeError.init = attributeerror_init;
  exc_NameError.init = nameerror_init;
  exc_UnboundLocalError.init = nameerror_init;
  exc_SyntaxError.str = syntaxerror_str;
  for (TypeObject* t : {&exc_UnicodeDecodeError, &exc_UnicodeEncodeError, &exc_UnicodeTranslateError}) {
    t->init = unicodeerror_init;
    t->str = unicodeerror_str;
  }
  // Subclasses readied before these overrides must pick them up too.
  for (TypeObject* t : {&exc_BlockingIOError, &exc_ChildProcessError, &exc_ConnectionError,
                        &exc_BrokenPipeError, &exc_ConnectionAbortedError,
                        &exc_ConnectionRefusedError, &exc_ConnectionResetError,
                        &exc_FileExistsError, &exc_FileNotFoundError, &exc_InterruptedError,
                        &exc_IsADirectoryError, &exc_NotADirectoryError, &exc_PermissionError,
                        &exc_ProcessLookupError, &exc_TimeoutError}) {
    t->init = oserror_init;
    t->str = oserror_str;
  }
  for (TypeObject* t : {&exc_IndentationError, &exc_TabError}) {
    t->init = syntaxerror_init;
    t->str = syntaxerror_str;
  }
  exception_groups_init();
  exception_fields_init();
}

// ---------------------------------------------------------------- raising

Ref make_exception(TypeObject* type, const Value* args, size_t nargs) {
  // Builtin exception types are built directly, not through call(): raising RecursionError at
  // the recursion limit must not itself hit the limit.
  if (!(type->flags & kTypeHeap) && type->new_ != nullptr) {
    Ref e = type->new_(type, args, nargs, nullptr);
    if (e && type->init != nullptr && !type->init(e.get(), args, nargs, nullptr)) return Ref();
    return e;
  }
  return call(Value(type), args, nargs);
}

Ref make_exception(TypeObject* type, std::string_view msg) {
  Ref m = str_new(msg);
  Value a = m.get();
  return make_exception(type, &a, 1);
}

// Chains `exc` to the exception being handled (__context__), as CPython's _PyErr_SetObject.
// `raise` statements replace an existing context (`raise e` of an old exception inside a handler
// gives it the new one); exceptions first seen by the unwinder keep any context they have.
void chain_to_handled(ThreadState* ts, Value exc, bool replace) {
  if (ts->handled.empty()) return;
  Value ctx = ts->handled.back().get();
  if (!ctx || ctx == exc || is_none(ctx)) return;
  auto* e = static_cast<BaseExceptionObject*>(exc.obj());
  if (e->context && !replace) return;
  // Break a cycle ctx -> ... -> exc. The chain may already hold a cycle of its own (user code
  // can set __context__): Floyd's tortoise and hare stops the walk there, as CPython's
  // _PyErr_SetObject does, instead of looping forever.
  Value o = ctx;
  Value slow = ctx;
  bool move_slow = false;
  while (o) {
    auto* oe = static_cast<BaseExceptionObject*>(o.obj());
    Value next = oe->context.get();
    if (next == exc) {
      oe->context.reset();
      break;
    }
    o = next;
    if (o == slow) break;  // a pre-existing cycle: every exception on it was checked
    if (move_slow) slow = static_cast<BaseExceptionObject*>(slow.obj())->context.get();
    move_slow = !move_slow;
  }
  e->context = Ref::new_ref(ctx);
}

Ref set_exception(Ref exc) {
  ThreadState* ts = tstate();
  ts->exc = std::move(exc);
  return Ref();
}

Ref raise(TypeObject* type, std::string_view msg) {
  Ref e = make_exception(type, msg);
  if (!e) return Ref();
  return set_exception(std::move(e));
}

Ref raise_with_value(TypeObject* type, Value v) {
  Ref e = make_exception(type, &v, 1);
  if (!e) return Ref();
  return set_exception(std::move(e));
}

bool error_pending() { return static_cast<bool>(tstate()->exc); }
Value pending_exception() { return tstate()->exc.get(); }
Ref take_exception() { return std::move(tstate()->exc); }
void clear_exception() { tstate()->exc.reset(); }

bool exception_matches(TypeObject* type) {
  Value e = tstate()->exc.get();
  return e && isinstance(e, type);
}

int exception_matches_spec(Value exc, Value spec) {
  // The common `except SomeError:` (a class whose metaclass is type) without a call.
  if (type_of(spec) == &type_type && (static_cast<TypeObject*>(spec.obj())->flags & kTypeException)) {
    return isinstance(exc, static_cast<TypeObject*>(spec.obj())) ? 1 : 0;
  }
  // As CPython's check_except_type_valid: every item of a tuple is checked before any match
  // (`except (ValueError, 42)` is TypeError even for a ValueError), and items are classes.
  if (is_tuple(spec)) {
    TupleObject* t = as_tuple(spec);
    for (size_t i = 0; i < t->size; i++) {
      if (!is_exception_class(t->at(i))) {
        raise(&exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
        return -1;
      }
    }
    for (size_t i = 0; i < t->size; i++) {
      if (isinstance(exc, static_cast<TypeObject*>(t->at(i).obj()))) return 1;
    }
    return 0;
  }
  if (!is_exception_class(spec)) {
    raise(&exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
  }
  return isinstance(exc, static_cast<TypeObject*>(spec.obj())) ? 1 : 0;
}

Ref raise_type_error_unsupported(std::string_view op, Value a, Value b) {
  return raise_fmt(&exc_TypeError, "unsupported operand type(s) for {}: '{}' and '{}'", op,
                   type_name(a), type_name(b));
}

Ref raise_attribute_error(Value obj, StrObject* name) {
  if (isinstance(obj, &type_type)) {
    return raise_fmt(&exc_AttributeError, "type object '{}' has no attribute '{}'",
                     static_cast<TypeObject*>(obj.obj())->name, name->view());
  }
  if (type_of(obj) == &module_type) {
    Value n = dict_get_str(module_dict(obj), names::name);
    std::string mn = (n && is_str(n)) ? std::string(as_str(n)->view()) : "?";
    return raise_fmt(&exc_AttributeError, "module '{}' has no attribute '{}'", mn, name->view());
  }
  Ref e = make_exception(&exc_AttributeError,
                         fmt::format("'{}' object has no attribute '{}'", type_name(obj), name->view()));
  if (!e) return e;
  // AttributeError.name/.obj (3.10+): the traceback printer uses them for "Did you mean".
  exc_set_field(e.get(), "name", Value(name));
  exc_set_field(e.get(), "obj", obj);
  return set_exception(std::move(e));
}

Ref raise_no_memory() {
  // CPython's MemoryError has no arguments (repr "MemoryError()"); it is built without a message
  // so that raising it allocates as little as possible.
  Ref e = make_exception(&exc_MemoryError, nullptr, 0);
  if (!e) return Ref();
  return set_exception(std::move(e));
}

void raise_from_cpp_exception(std::exception_ptr ep) {
  try {
    std::rethrow_exception(ep);
  } catch (const std::bad_alloc&) {
    raise_no_memory();
  } catch (const std::length_error&) {
    // A container asked for more than max_size(): a size too large to allocate.
    raise_no_memory();
  } catch (const std::exception& e) {
    raise_fmt(&exc_SystemError, "uncaught C++ exception in native code: {}", e.what());
  } catch (...) {
    raise(&exc_SystemError, "uncaught C++ exception in native code");
  }
}

const std::string& type_name(Value v) { return type_of(v)->name; }

}  // namespace minipy::rt
