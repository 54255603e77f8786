// _csv: the C half of CPython's csv package (csv.py runs unchanged on top), our own code with
// CPython 3.11's semantics and messages (Modules/_csv.c): the Dialect type and its validation,
// the reader (a character state machine fed one line at a time, so quoted fields may span
// lines), the writer (quoting and escaping decided per field), the dialect registry and
// field_size_limit. Text is handled as code points: minipy's str is UTF-8, so fields are
// gathered as UTF-8 and their length counted in code points for the field size limit.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/native_args.h"

namespace minipy::lib {

using namespace rt;

namespace {

constexpr int kQuoteMinimal = 0, kQuoteAll = 1, kQuoteNonNumeric = 2, kQuoteNone = 3;
constexpr int64_t kNotSet = -1;  // a character option that is None
constexpr int64_t kEol = -2;     // the end of a line, fed to the reader's state machine

TypeObject dialect_type, reader_type, writer_type;
Ref g_error;     // _csv.Error
Ref g_dialects;  // _csv._dialects: name -> Dialect
int64_t g_field_limit = 128 * 1024;

TypeObject* error_type() { return static_cast<TypeObject*>(g_error.get().obj()); }

// ------------------------------------------------------------------ Dialect

struct DialectObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  int64_t delimiter = ',';
  int64_t quotechar = '"';
  int64_t escapechar = kNotSet;
  std::string lineterminator = "\r\n";
  int quoting = kQuoteMinimal;
  bool doublequote = true;
  bool skipinitialspace = false;
  bool strict = false;
};

DialectObject* as_dialect(Value v) { return static_cast<DialectObject*>(v.obj()); }
bool is_dialect(Value v) { return v.is_object() && is_subtype(v.obj()->type, &dialect_type); }

// The options in CPython's keyword order (Dialect's positional order after `dialect`).
constexpr const char* kOptionNames[] = {"delimiter",        "doublequote", "escapechar",
                                        "lineterminator",   "quotechar",   "quoting",
                                        "skipinitialspace", "strict"};
constexpr size_t kNumOptions = std::size(kOptionNames);

/// The one code point of a 1-character str, or -1 (the caller words the error).
int64_t single_char(Value v) {
  StrObject* s = as_str(v);
  if (s->length != 1) return -1;
  size_t pos = 0;
  return utf8_decode(s->view(), pos);
}

/// CPython's _set_char: a required 1-character string.
bool set_char(const char* name, int64_t* target, Value src, int64_t dflt) {
  if (!src) {
    *target = dflt;
    return true;
  }
  if (!is_str(src)) {
    raise_fmt(&exc_TypeError, "\"{}\" must be string, not {}", name, type_name(src));
    return false;
  }
  *target = single_char(src);
  if (*target < 0) {
    raise_fmt(&exc_TypeError, "\"{}\" must be a 1-character string", name);
    return false;
  }
  return true;
}

/// CPython's _set_char_or_none: a 1-character string or None (kNotSet).
bool set_char_or_none(const char* name, int64_t* target, Value src, int64_t dflt) {
  if (!src) {
    *target = dflt;
    return true;
  }
  *target = kNotSet;
  if (src == None()) return true;
  if (!is_str(src)) {
    raise_fmt(&exc_TypeError, "\"{}\" must be string or None, not {}", name, type_name(src));
    return false;
  }
  *target = single_char(src);
  if (*target < 0) {
    raise_fmt(&exc_TypeError, "\"{}\" must be a 1-character string", name);
    return false;
  }
  return true;
}

bool set_bool(bool* target, Value src, bool dflt) {
  if (!src) {
    *target = dflt;
    return true;
  }
  int t = truthy(src);
  if (t < 0) return false;
  *target = t != 0;
  return true;
}

Ref char_value(int64_t c) {
  if (c == kNotSet) return none_ref();
  return str_from_char(static_cast<uint32_t>(c));
}

/// Dialect(dialect=None, delimiter=..., ...): every option from the keywords, else from the
/// `dialect` object's attributes (a registered name, a Dialect, or any object), else the
/// default. Positional arguments follow the same order (CPython's "|OOOOOOOOO").
Ref dialect_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value opts[1 + kNumOptions] = {};  // [0] = dialect
  size_t nkw = kw != nullptr ? kw->size : 0;
  if (nargs + nkw > 1 + kNumOptions) {
    return raise_fmt(&exc_TypeError, "function takes at most {} arguments ({} given)",
                     1 + kNumOptions, nargs + nkw);
  }
  for (size_t i = 0; i < nargs; i++) opts[i] = args[i];
  for (size_t k = 0; k < nkw; k++) {
    std::string_view key = as_str(kw->at(k))->view();
    size_t slot = 0;
    if (key != "dialect") {
      for (slot = 1; slot <= kNumOptions && key != kOptionNames[slot - 1]; slot++) {
      }
      if (slot > kNumOptions) {
        return raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for this function",
                         key);
      }
    }
    if (slot < nargs) {
      return raise_fmt(&exc_TypeError,
                       "argument for function given by name ('{}') and position ({})", key,
                       slot + 1);
    }
    opts[slot] = args[nargs + k];
  }
  Ref dialect;
  if (opts[0]) {
    if (is_str(opts[0])) {
      dialect = dict_get_ref(as_dict(g_dialects.get()), opts[0]);
      if (!dialect) {
        if (error_pending()) return Ref();
        return raise(error_type(), "unknown dialect");
      }
    } else {
      dialect = Ref::new_ref(opts[0]);
    }
    // An existing Dialect with nothing to change is shared, as in CPython.
    bool any_option = false;
    for (size_t i = 1; i <= kNumOptions; i++) any_option |= !opts[i].is_null();
    if (is_dialect(dialect.get()) && !any_option) return dialect;
  }
  Ref from_dialect[kNumOptions];
  if (dialect) {
    for (size_t i = 0; i < kNumOptions; i++) {
      if (opts[i + 1]) continue;
      from_dialect[i] = getattr(dialect.get(), kOptionNames[i]);
      if (!from_dialect[i]) clear_exception();  // a missing attribute means the default
      opts[i + 1] = from_dialect[i].get();
    }
  }
  auto* self = alloc_instance<DialectObject>(type);
  Ref result = Ref::steal(Value(self));
  Value delimiter = opts[1], doublequote = opts[2], escapechar = opts[3], lineterminator = opts[4],
        quotechar = opts[5], quoting = opts[6], skipinitialspace = opts[7], strict = opts[8];
  if (!set_char("delimiter", &self->delimiter, delimiter, ',')) return Ref();
  if (!set_bool(&self->doublequote, doublequote, true)) return Ref();
  if (!set_char_or_none("escapechar", &self->escapechar, escapechar, kNotSet)) return Ref();
  bool lineterminator_set = true;
  if (lineterminator) {
    if (lineterminator == None()) {
      lineterminator_set = false;
    } else if (!is_str(lineterminator)) {
      return raise(&exc_TypeError, "\"lineterminator\" must be a string");
    } else {
      self->lineterminator = std::string(as_str(lineterminator)->view());
    }
  }
  if (!set_char_or_none("quotechar", &self->quotechar, quotechar, '"')) return Ref();
  if (quoting) {
    if (!is_int(quoting)) return raise(&exc_TypeError, "\"quoting\" must be an integer");
    int q;
    if (!convert_to_cint(quoting, &q)) return Ref();
    self->quoting = q;
  }
  if (!set_bool(&self->skipinitialspace, skipinitialspace, false)) return Ref();
  if (!set_bool(&self->strict, strict, false)) return Ref();
  if (self->quoting < kQuoteMinimal || self->quoting > kQuoteNone)
    return raise(&exc_TypeError, "bad \"quoting\" value");
  if (quotechar == None() && !quoting) self->quoting = kQuoteNone;
  if (self->quoting != kQuoteNone && self->quotechar == kNotSet)
    return raise(&exc_TypeError, "quotechar must be set if quoting enabled");
  if (!lineterminator_set) return raise(&exc_TypeError, "lineterminator must be set");
  return result;
}

void dialect_dealloc(Object* o) { delete static_cast<DialectObject*>(o); }

Ref get_delimiter(Value v) { return char_value(as_dialect(v)->delimiter); }
Ref get_quotechar(Value v) { return char_value(as_dialect(v)->quotechar); }
Ref get_escapechar(Value v) { return char_value(as_dialect(v)->escapechar); }
Ref get_lineterminator(Value v) { return str_new(as_dialect(v)->lineterminator); }
Ref get_quoting(Value v) { return Ref::small(as_dialect(v)->quoting); }
Ref get_doublequote(Value v) { return bool_ref(as_dialect(v)->doublequote); }
Ref get_skipinitialspace(Value v) { return bool_ref(as_dialect(v)->skipinitialspace); }
Ref get_strict(Value v) { return bool_ref(as_dialect(v)->strict); }

Ref dialect_reduce_ex(Value self, NativeArgs&) {
  return raise_fmt(&exc_TypeError, "cannot pickle '{}' instances", type_of(self)->name);
}

const NativeDef kDialectMethods[] = {
    {"__reduce_ex__($self, protocol, /)", dialect_reduce_ex},
};

/// reader/writer/register_dialect's `dialect, **fmtparams`: Dialect(dialect, **fmtparams), or
/// Dialect(**fmtparams) when no dialect was given (CPython's _call_dialect).
Ref call_dialect(const Value* dialect_and_kw, size_t has_dialect, TupleObject* kw) {
  size_t nkw = kw != nullptr ? kw->size : 0;
  return call(Value(&dialect_type), dialect_and_kw, has_dialect, nkw != 0 ? kw : nullptr);
}

// ------------------------------------------------------------------ reader

enum class State : uint8_t {
  kStartRecord,
  kStartField,
  kEscapedChar,
  kInField,
  kInQuotedField,
  kEscapeInQuotedField,
  kQuoteInQuotedField,
  kEatCrnl,
  kAfterEscapedCrnl,
};

struct ReaderObject : Object {
  Ref input_iter;
  Ref dialect;
  Ref fields;             // the record being parsed (a list), null between records
  std::string field;      // the field being parsed, UTF-8
  int64_t field_len = 0;  // in code points (the field size limit counts these)
  State state = State::kStartRecord;
  bool numeric_field = false;  // QUOTE_NONNUMERIC: an unquoted field becomes a float
  int64_t line_num = 0;
};

ReaderObject* as_reader(Value v) { return static_cast<ReaderObject*>(v.obj()); }

void reader_dealloc(Object* o) { delete static_cast<ReaderObject*>(o); }
void reader_traverse(Object* o, VisitFn visit, void* arg) {
  auto* r = static_cast<ReaderObject*>(o);
  visit_value(r->input_iter.get(), visit, arg);
  visit_value(r->dialect.get(), visit, arg);
  visit_value(r->fields.get(), visit, arg);
}
void reader_clear(Object* o) {
  auto* r = static_cast<ReaderObject*>(o);
  Ref it = std::move(r->input_iter), d = std::move(r->dialect), f = std::move(r->fields);
}

void parse_reset(ReaderObject* r) {
  r->fields = list_new();
  r->field.clear();
  r->field_len = 0;
  r->state = State::kStartRecord;
  r->numeric_field = false;
}

bool parse_save_field(ReaderObject* r) {
  Ref field = str_new(r->field);
  r->field.clear();
  r->field_len = 0;
  if (r->numeric_field) {
    r->numeric_field = false;
    field = call1(Value(&float_type), field.get());  // float(str): parses
    if (!field) return false;
  }
  list_append_steal(as_list(r->fields.get()), field.release());
  return true;
}

bool parse_add_char(ReaderObject* r, int64_t c) {
  if (r->field_len >= g_field_limit) {
    raise_fmt(error_type(), "field larger than field limit ({})", g_field_limit);
    return false;
  }
  utf8_append(r->field, static_cast<uint32_t>(c));
  r->field_len++;
  return true;
}

/// One step of the state machine (CPython's parse_process_char): `c` is a code point or kEol.
bool parse_process_char(ReaderObject* r, const DialectObject* d, int64_t c) {
  bool newline = c == '\n' || c == '\r';
  switch (r->state) {
    case State::kStartRecord:
      if (c == kEol) break;  // an empty line: the record is []
      if (newline) {
        r->state = State::kEatCrnl;
        break;
      }
      r->state = State::kStartField;
      [[fallthrough]];
    case State::kStartField:
      if (newline || c == kEol) {
        if (!parse_save_field(r)) return false;
        r->state = c == kEol ? State::kStartRecord : State::kEatCrnl;
      } else if (c == d->quotechar && d->quoting != kQuoteNone) {
        r->state = State::kInQuotedField;
      } else if (c == d->escapechar) {
        r->state = State::kEscapedChar;
      } else if (c == ' ' && d->skipinitialspace) {
        // leading spaces are dropped
      } else if (c == d->delimiter) {
        if (!parse_save_field(r)) return false;
      } else {
        if (d->quoting == kQuoteNonNumeric) r->numeric_field = true;
        if (!parse_add_char(r, c)) return false;
        r->state = State::kInField;
      }
      break;
    case State::kEscapedChar:
      if (newline) {
        if (!parse_add_char(r, c)) return false;
        r->state = State::kAfterEscapedCrnl;
        break;
      }
      if (c == kEol) c = '\n';
      if (!parse_add_char(r, c)) return false;
      r->state = State::kInField;
      break;
    case State::kAfterEscapedCrnl:
      if (c == kEol) break;
      [[fallthrough]];
    case State::kInField:
      if (newline || c == kEol) {
        if (!parse_save_field(r)) return false;
        r->state = c == kEol ? State::kStartRecord : State::kEatCrnl;
      } else if (c == d->escapechar) {
        r->state = State::kEscapedChar;
      } else if (c == d->delimiter) {
        if (!parse_save_field(r)) return false;
        r->state = State::kStartField;
      } else {
        if (!parse_add_char(r, c)) return false;
      }
      break;
    case State::kInQuotedField:
      if (c == kEol) {
        // the field goes on in the next line
      } else if (c == d->escapechar) {
        r->state = State::kEscapeInQuotedField;
      } else if (c == d->quotechar && d->quoting != kQuoteNone) {
        r->state = d->doublequote ? State::kQuoteInQuotedField : State::kInField;
      } else {
        if (!parse_add_char(r, c)) return false;
      }
      break;
    case State::kEscapeInQuotedField:
      if (c == kEol) c = '\n';
      if (!parse_add_char(r, c)) return false;
      r->state = State::kInQuotedField;
      break;
    case State::kQuoteInQuotedField:
      if (d->quoting != kQuoteNone && c == d->quotechar) {  // "" stands for "
        if (!parse_add_char(r, c)) return false;
        r->state = State::kInQuotedField;
      } else if (c == d->delimiter) {
        if (!parse_save_field(r)) return false;
        r->state = State::kStartField;
      } else if (newline || c == kEol) {
        if (!parse_save_field(r)) return false;
        r->state = c == kEol ? State::kStartRecord : State::kEatCrnl;
      } else if (!d->strict) {
        if (!parse_add_char(r, c)) return false;
        r->state = State::kInField;
      } else {
        std::string msg = "'";
        utf8_append(msg, static_cast<uint32_t>(d->delimiter));
        msg += "' expected after '";
        utf8_append(msg, static_cast<uint32_t>(d->quotechar));
        msg += "'";
        raise(error_type(), msg);
        return false;
      }
      break;
    case State::kEatCrnl:
      if (newline) {
        // more line-end characters
      } else if (c == kEol) {
        r->state = State::kStartRecord;
      } else {
        raise(error_type(),
              "new-line character seen in unquoted field - do you need to open the file in "
              "universal-newline mode?");
        return false;
      }
      break;
  }
  return true;
}

Ref reader_self_iter(Value self) { return Ref::new_ref(self); }

/// next(reader): reads lines until a record is complete.
Ref reader_next(Value self) {
  ReaderObject* r = as_reader(self);
  CriticalSection cs(r);
  const DialectObject* d = as_dialect(r->dialect.get());
  parse_reset(r);
  do {
    Ref line = iter_next(r->input_iter.get());
    if (!line) {
      if (error_pending()) return Ref();
      // The input ended inside a record: strict dialects complain, others keep what came.
      if (r->field_len != 0 || r->state == State::kInQuotedField) {
        if (d->strict) return raise(error_type(), "unexpected end of data");
        if (parse_save_field(r)) break;
      }
      return Ref();
    }
    if (!is_str(line.get())) {
      return raise_fmt(error_type(),
                       "iterator should return strings, not {} (the file should be opened in "
                       "text mode)",
                       type_name(line.get()));
    }
    r->line_num++;
    std::string_view text = as_str(line.get())->view();
    for (size_t pos = 0; pos < text.size();) {
      if (!parse_process_char(r, d, utf8_decode(text, pos))) return Ref();
    }
    if (!parse_process_char(r, d, kEol)) return Ref();
  } while (r->state != State::kStartRecord);
  return std::move(r->fields);
}

Ref get_reader_dialect(Value v) { return as_reader(v)->dialect.dup(); }
Ref get_line_num(Value v) { return int_from_int64(as_reader(v)->line_num); }

/// reader(iterable, dialect='excel', **fmtparams)
Ref csv_reader(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1) return raise_fmt(&exc_TypeError, " expected at least 1 argument, got {}", nargs);
  if (nargs > 2) return raise_fmt(&exc_TypeError, " expected at most 2 arguments, got {}", nargs);
  Ref it = get_iter(args[0]);
  if (!it) return it;
  Ref dialect = call_dialect(args + 1, nargs - 1, kw);
  if (!dialect) return dialect;
  auto* r = alloc_instance<ReaderObject>(&reader_type);
  r->input_iter = std::move(it);
  r->dialect = std::move(dialect);
  return Ref::steal(Value(r));
}

// ------------------------------------------------------------------ writer

struct WriterObject : Object {
  Ref write;  // the bound write method of the output file
  Ref dialect;
  std::string rec;  // the line being built, UTF-8
  int64_t num_fields = 0;
};

WriterObject* as_writer(Value v) { return static_cast<WriterObject*>(v.obj()); }

void writer_dealloc(Object* o) { delete static_cast<WriterObject*>(o); }
void writer_traverse(Object* o, VisitFn visit, void* arg) {
  auto* w = static_cast<WriterObject*>(o);
  visit_value(w->write.get(), visit, arg);
  visit_value(w->dialect.get(), visit, arg);
}
void writer_clear(Object* o) {
  auto* w = static_cast<WriterObject*>(o);
  Ref a = std::move(w->write), b = std::move(w->dialect);
}

/// Appends one field to the record (CPython's join_append): a field that holds the delimiter,
/// the quote character or a line-terminator character is quoted (or escaped under QUOTE_NONE);
/// quote characters inside are doubled or escaped; the escape character is always escaped.
bool join_append(WriterObject* w, const DialectObject* d, std::string_view field, bool quoted) {
  std::string body;
  std::u32string term;
  for (size_t pos = 0; pos < d->lineterminator.size();)
    term.push_back(utf8_decode(d->lineterminator, pos));
  for (size_t pos = 0; pos < field.size();) {
    int64_t c = utf8_decode(field, pos);
    bool want_escape = false;
    if (c == d->delimiter || c == d->escapechar || c == d->quotechar ||
        term.find(static_cast<char32_t>(c)) != std::u32string::npos) {
      if (d->quoting == kQuoteNone) {
        want_escape = true;
      } else {
        if (c == d->quotechar) {
          if (d->doublequote)
            utf8_append(body, static_cast<uint32_t>(d->quotechar));
          else
            want_escape = true;
        } else if (c == d->escapechar) {
          want_escape = true;
        }
        if (!want_escape) quoted = true;
      }
      if (want_escape) {
        if (d->escapechar == kNotSet) {
          raise(error_type(), "need to escape, but no escapechar set");
          return false;
        }
        utf8_append(body, static_cast<uint32_t>(d->escapechar));
      }
    }
    utf8_append(body, static_cast<uint32_t>(c));
  }
  if (w->num_fields > 0) utf8_append(w->rec, static_cast<uint32_t>(d->delimiter));
  if (quoted) utf8_append(w->rec, static_cast<uint32_t>(d->quotechar));
  w->rec += body;
  if (quoted) utf8_append(w->rec, static_cast<uint32_t>(d->quotechar));
  w->num_fields++;
  return true;
}

/// PyNumber_Check: what QUOTE_NONNUMERIC leaves unquoted.
bool is_number(Value v) {
  TypeObject* t = type_of(v);
  return t->nb_index != nullptr || t->nb_int != nullptr || t->nb_float != nullptr ||
         !type_lookup(t, "__complex__").is_null() || is_int(v) || is_float(v);
}

/// writerow(row): the fields joined into one line and handed to the file's write().
Ref write_row(WriterObject* w, Value row) {
  const DialectObject* d = as_dialect(w->dialect.get());
  Ref it = get_iter(row);
  if (!it) {
    if (exception_matches(&exc_TypeError)) {
      clear_exception();
      return raise_fmt(error_type(), "iterable expected, not {}", type_name(row));
    }
    return it;
  }
  Ref line;
  {
    CriticalSection cs(w);
    w->rec.clear();
    w->num_fields = 0;
    while (Ref field = iter_next(it.get())) {
      bool quoted =
          d->quoting == kQuoteAll || (d->quoting == kQuoteNonNumeric && !is_number(field.get()));
      bool ok;
      if (is_str(field.get())) {
        ok = join_append(w, d, as_str(field.get())->view(), quoted);
      } else if (field.get() == None()) {
        ok = join_append(w, d, {}, quoted);
      } else {
        Ref s = to_str(field.get());
        if (!s) return s;
        ok = join_append(w, d, as_str(s.get())->view(), quoted);
      }
      if (!ok) return Ref();
    }
    if (error_pending()) return Ref();
    // A record of one empty field is written as "" so that it reads back as [''], not [].
    if (w->num_fields > 0 && w->rec.empty()) {
      if (d->quoting == kQuoteNone)
        return raise(error_type(), "single empty field record must be quoted");
      w->num_fields--;
      if (!join_append(w, d, {}, true)) return Ref();
    }
    w->rec += d->lineterminator;
    line = str_new(w->rec);
  }
  return call1(w->write.get(), line.get());
}

Ref writer_writerow(Value self, NativeArgs& a) { return write_row(as_writer(self), a[0]); }

Ref writer_writerows(Value self, NativeArgs& a) {
  Ref it = get_iter(a[0]);
  if (!it) return it;
  while (Ref row = iter_next(it.get())) {
    if (!write_row(as_writer(self), row.get())) return Ref();
  }
  if (error_pending()) return Ref();
  return none_ref();
}

const NativeDef kWriterMethods[] = {
    {"writerow($self, row, /)", writer_writerow},
    {"writerows($self, rows, /)", writer_writerows},
};

Ref get_writer_dialect(Value v) { return as_writer(v)->dialect.dup(); }

/// writer(fileobj, dialect='excel', **fmtparams)
Ref csv_writer(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1) return raise_fmt(&exc_TypeError, " expected at least 1 argument, got {}", nargs);
  if (nargs > 2) return raise_fmt(&exc_TypeError, " expected at most 2 arguments, got {}", nargs);
  Ref write = getattr_opt(args[0], intern("write"));
  if (!write) {
    if (error_pending()) return write;
  }
  if (!write || !callable(write.get()))
    return raise(&exc_TypeError, "argument 1 must have a \"write\" method");
  Ref dialect = call_dialect(args + 1, nargs - 1, kw);
  if (!dialect) return dialect;
  auto* w = alloc_instance<WriterObject>(&writer_type);
  w->write = std::move(write);
  w->dialect = std::move(dialect);
  return Ref::steal(Value(w));
}

// ------------------------------------------------------------------ registry

DictObject* dialects() { return as_dict(g_dialects.get()); }

/// register_dialect(name, dialect=None, **fmtparams)
Ref csv_register_dialect(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1) return raise_fmt(&exc_TypeError, " expected at least 1 argument, got {}", nargs);
  if (nargs > 2) return raise_fmt(&exc_TypeError, " expected at most 2 arguments, got {}", nargs);
  if (!is_str(args[0])) return raise(&exc_TypeError, "dialect name must be a string");
  Ref dialect = call_dialect(args + 1, nargs - 1, kw);
  if (!dialect) return dialect;
  if (!dict_set(dialects(), args[0], dialect.get())) return Ref();
  return none_ref();
}

Ref csv_unregister_dialect(Value, NativeArgs& a) {
  int r = dict_del(dialects(), a[0]);
  if (r < 0) return Ref();
  if (r == 0) return raise(error_type(), "unknown dialect");
  return none_ref();
}

Ref csv_get_dialect(Value, NativeArgs& a) {
  Ref d = dict_get_ref(dialects(), a[0]);
  if (!d && !error_pending()) return raise(error_type(), "unknown dialect");
  return d;
}

Ref csv_list_dialects(Value, NativeArgs&) {
  Ref l = list_new();
  for (Ref& k : dict_keys_snapshot(dialects())) list_append_steal(as_list(l.get()), k.release());
  return l;
}

Ref csv_field_size_limit(Value, NativeArgs& a) {
  int64_t old = g_field_limit;
  if (a.given(0)) {
    if (!is_int(a[0])) return raise(&exc_TypeError, "limit must be an integer");
    int64_t limit;
    if (!int_to_int64(a[0], &limit)) return Ref();
    g_field_limit = limit;
  }
  return int_from_int64(old);
}

const NativeDef kCsvFunctions[] = {
    {"reader($module, iterable, dialect='excel', /, **fmtparams)", nullptr, kNativeNoTextSig,
     nullptr, csv_reader},
    {"writer($module, fileobj, dialect='excel', /, **fmtparams)", nullptr, kNativeNoTextSig,
     nullptr, csv_writer},
    {"register_dialect($module, name, dialect=None, /, **fmtparams)", nullptr, kNativeNoTextSig,
     nullptr, csv_register_dialect},
    {"unregister_dialect($module, /, name)", csv_unregister_dialect},
    {"get_dialect($module, /, name)", csv_get_dialect},
    {"list_dialects($module, /)", csv_list_dialects},
    {"field_size_limit($module, /, new_limit=NULL)", csv_field_size_limit},
};

void ready_types() {
  dialect_type.name = "Dialect";
  dialect_type.module = "_csv";
  dialect_type.flags = kTypeBaseType;
  dialect_type.basic_size = sizeof(DialectObject);
  dialect_type.subclass_dict_offset = offsetof(DialectObject, dict);
  dialect_type.dealloc = dialect_dealloc;
  dialect_type.new_ = dialect_new;
  type_ready(&dialect_type, &object_type);
  type_add_module_attr(&dialect_type);
  add_getset(&dialect_type, "delimiter", get_delimiter);
  add_getset(&dialect_type, "doublequote", get_doublequote);
  add_getset(&dialect_type, "escapechar", get_escapechar);
  add_getset(&dialect_type, "lineterminator", get_lineterminator);
  add_getset(&dialect_type, "quotechar", get_quotechar);
  add_getset(&dialect_type, "quoting", get_quoting);
  add_getset(&dialect_type, "skipinitialspace", get_skipinitialspace);
  add_getset(&dialect_type, "strict", get_strict);
  add_methods(&dialect_type, kDialectMethods);

  reader_type.name = "reader";
  reader_type.module = "_csv";
  reader_type.basic_size = sizeof(ReaderObject);
  reader_type.dealloc = reader_dealloc;
  reader_type.traverse = reader_traverse;
  reader_type.clear = reader_clear;
  reader_type.iter = reader_self_iter;
  reader_type.iternext = reader_next;
  type_ready(&reader_type, &object_type);
  type_add_module_attr(&reader_type);
  add_getset(&reader_type, "dialect", get_reader_dialect);
  add_getset(&reader_type, "line_num", get_line_num);

  writer_type.name = "writer";
  writer_type.module = "_csv";
  writer_type.basic_size = sizeof(WriterObject);
  writer_type.dealloc = writer_dealloc;
  writer_type.traverse = writer_traverse;
  writer_type.clear = writer_clear;
  type_ready(&writer_type, &object_type);
  type_add_module_attr(&writer_type);
  add_methods(&writer_type, kWriterMethods);
  add_getset(&writer_type, "dialect", get_writer_dialect);
}

}  // namespace

bool init__csv(Value module, DictObject* ns) {
  if (dialect_type.dict == nullptr) ready_types();
  if (!g_error) {
    g_error = new_exception_class("_csv", "Error", &exc_Exception);
    if (!g_error) return false;
    g_dialects = dict_new();
  }
  dict_set_cstr(ns, "Error", g_error.get());
  dict_set_cstr(ns, "_dialects", g_dialects.get());
  dict_set_cstr(ns, "Dialect", Value(&dialect_type));
  dict_set_cstr(ns, "Reader", Value(&reader_type));
  dict_set_cstr(ns, "Writer", Value(&writer_type));
  dict_set_cstr(ns, "QUOTE_MINIMAL", Value::from_small(kQuoteMinimal));
  dict_set_cstr(ns, "QUOTE_ALL", Value::from_small(kQuoteAll));
  dict_set_cstr(ns, "QUOTE_NONNUMERIC", Value::from_small(kQuoteNonNumeric));
  dict_set_cstr(ns, "QUOTE_NONE", Value::from_small(kQuoteNone));
  Ref v = str_new("1.0");
  dict_set_cstr(ns, "__version__", v.get());
  v = str_new("CSV parsing and writing.\n");
  dict_set_cstr(ns, "__doc__", v.get());
  add_functions(ns, module, kCsvFunctions);
  return true;
}

}  // namespace minipy::lib
