// _sqlite3's Cursor and Row (CPython's Modules/_sqlite/cursor.c and row.c semantics, our own
// code): statement preparation, parameter binding (qmark sequences and named mappings, with
// adapters for other types), the legacy implicit BEGIN before DML statements, stepping with the
// GIL released, column conversion (text_factory, converters by declared type or column name),
// row_factory, description/rowcount/lastrowid, and sqlite3.Row's access by index or name.
#include <cctype>
#include <cstring>
#include <optional>
#include <string>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
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
#include "stdlib/native/sqlite_module.h"

namespace minipy::lib {

using namespace rt;

TypeObject cursor_type;
TypeObject row_type;
TypeObject statement_type;

namespace {

#define CUR_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

CursorObject* as_cur(Value v) { return static_cast<CursorObject*>(v.obj()); }
ConnectionObject* conn_of(CursorObject* c) {
  return static_cast<ConnectionObject*>(c->connection.get().obj());
}
TypeObject* programming_error() { return err_type(g_sqlite_errors.ProgrammingError); }

/// Gives the cursor's statement back: reset (releasing its locks), bindings cleared, free for the
/// next execute of its SQL; finalized when nothing else holds it (see sqlite_statement_cache.h).
void finalize_stmt(CursorObject* c) {
  if (c->held) {
    sqlite3_reset(c->held->stmt);
    sqlite3_clear_bindings(c->held->stmt);
    CriticalSection cs(c->connection.get());
    c->held->in_use = false;
    c->held.reset();
  }
  c->stmt = nullptr;
  c->has_row = false;
  c->converters.clear();
}

bool cursor_usable(CursorObject* c) {
  if (!c->initialized) {
    raise(programming_error(), "Base Cursor.__init__ not called.");
    return false;
  }
  if (c->closed) {
    raise(programming_error(), "Cannot operate on a closed cursor.");
    return false;
  }
  if (c->locked) {
    raise(programming_error(), "Recursive use of cursors not allowed.");
    return false;
  }
  return connection_usable(conn_of(c));
}

/// Marks the cursor busy while its statement is in use and Python code can run (parameters from a
/// generator, adapters, converters, row_factory): that code re-entering the cursor gets CPython's
/// ProgrammingError instead of resetting the statement under the caller.
class CursorLock {
 public:
  explicit CursorLock(CursorObject* c) : c_(c) { c_->locked = true; }
  ~CursorLock() { c_->locked = false; }
  CursorLock(const CursorLock&) = delete;
  CursorLock& operator=(const CursorLock&) = delete;

 private:
  CursorObject* c_;
};

/// Skips whitespace and SQL comments (-- to end of line, /* ... */).
const char* skip_space_and_comments(const char* p) {
  for (;;) {
    while (*p && std::isspace(static_cast<unsigned char>(*p))) p++;
    if (p[0] == '-' && p[1] == '-') {
      while (*p && *p != '\n') p++;
    } else if (p[0] == '/' && p[1] == '*') {
      const char* end = std::strstr(p + 2, "*/");
      if (end == nullptr) return p + std::strlen(p);
      p = end + 2;
    } else {
      return p;
    }
  }
}

/// INSERT, UPDATE, DELETE or REPLACE: statements that open a transaction implicitly.
bool is_dml(const char* sql) {
  const char* p = skip_space_and_comments(sql);
  for (const char* kw : {"insert", "update", "delete", "replace"}) {
    size_t n = std::strlen(kw);
    if (strncasecmp(p, kw, n) == 0) return true;
  }
  return false;
}

/// `s` with each byte that does not start a valid UTF-8 sequence replaced by U+FFFD (for messages).
std::string utf8_replace(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; k++)
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      i++;
    }
  }
  return out;
}

bool utf8_valid(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; k++) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// ---------------------------------------------------------------- binding

}  // namespace

bool check_utf8_encodable(Value str) {
  if (as_str(str)->ascii) return true;
  // minipy's UTF-8 keeps a lone surrogate as ED A0..BF xx; strict UTF-8 (SQLite's) cannot.
  std::string_view s = as_str(str)->view();
  for (size_t i = 0; i + 1 < s.size(); i++) {
    if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0)
      return static_cast<bool>(str_encode(str, Value(), Value()));  // raises CPython's error
  }
  return true;
}

bool g_base_type_adapted = false;

Ref microprotocols_adapt(Value obj, Value proto, Value alt) {
  // 1. An adapter registered for (type(obj), proto).
  Ref key = tuple_of({Value(type_of(obj)), proto});
  Value adapter = dict_get(as_dict(g_adapters.get()), key.get());
  if (adapter) return call1(adapter, obj);
  if (error_pending()) return Ref();
  // 2. proto.__adapt__(obj), 3. obj.__conform__(proto): None or a TypeError means "no".
  struct Try {
    Value target;
    const char* name;
    Value arg;
  };
  for (const Try& t : {Try{proto, "__adapt__", obj}, Try{obj, "__conform__", proto}}) {
    Ref meth = getattr(t.target, t.name);
    if (!meth) {
      if (!exception_matches(&exc_AttributeError)) return meth;
      clear_exception();
      continue;
    }
    Ref r = call1(meth.get(), t.arg);
    if (r && !is_none(r.get())) return r;
    if (!r) {
      if (!exception_matches(&exc_TypeError)) return r;
      clear_exception();
    }
  }
  if (alt) return Ref::new_ref(alt);
  return raise(err_type(g_sqlite_errors.ProgrammingError), "can't adapt");
}

namespace {

/// A parameter as bound: through the adapters unless it is an exact int/float/str/bytearray and
/// no adapter was ever registered for one of those (CPython's _need_adapt).
Ref adapt(Value v) {
  if (!g_base_type_adapted &&
      (is_int_exact(v) || is_float(v) || is_str_exact(v) || type_of(v) == &bytearray_type))
    return Ref::new_ref(v);
  return microprotocols_adapt(v, Value(&prepare_protocol_type), v);
}

bool bind_one(sqlite3_stmt* stmt, int pos, Value param) {
  Ref adapted = adapt(param);
  if (!adapted) return false;
  Value v = adapted.get();
  int rc;
  if (is_none(v)) {
    rc = sqlite3_bind_null(stmt, pos);
  } else if (is_int(v)) {
    int64_t n;
    if (!int_to_int64(v, &n)) {
      clear_exception();
      raise(&exc_OverflowError, "Python int too large to convert to SQLite INTEGER");
      return false;
    }
    rc = sqlite3_bind_int64(stmt, pos, n);
  } else if (is_float(v)) {
    rc = sqlite3_bind_double(stmt, pos, float_value(v));
  } else if (is_str(v)) {
    if (!check_utf8_encodable(v)) return false;
    std::string_view s = as_str(v)->view();
    rc = sqlite3_bind_text64(stmt, pos, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } else if (is_byte_like(v)) {
    std::string_view d;
    if (!buffer_view_or_raise(v, &d)) return false;  // a strided memoryview: BufferError
    rc = sqlite3_bind_blob64(stmt, pos, d.data(), d.size(), SQLITE_TRANSIENT);
  } else {
    raise_fmt(programming_error(), "Error binding parameter {}: type '{}' is not supported", pos,
              type_name(param));
    return false;
  }
  if (rc != SQLITE_OK) {
    raise_fmt(err_type(g_sqlite_errors.InterfaceError), "Error binding parameter {}", pos);
    return false;
  }
  return true;
}

bool bind_parameters(sqlite3_stmt* stmt, Value params) {
  int count = sqlite3_bind_parameter_count(stmt);
  if (!params || is_none(params)) params = Value();
  if (params && (is_dict(params) ||
                 (!is_tuple(params) && !is_list(params) && type_lookup(type_of(params), "keys")))) {
    for (int i = 1; i <= count; i++) {
      const char* name = sqlite3_bind_parameter_name(stmt, i);
      if (name == nullptr) {
        raise_fmt(programming_error(),
                  "Binding {} has no name, but you supplied a dictionary (which has only names).",
                  i);
        return false;
      }
      Ref key = str_new(name + 1);
      Ref v = getitem(params, key.get());
      if (!v) {
        if (exception_matches(&exc_KeyError)) {
          clear_exception();
          raise_fmt(programming_error(), "You did not supply a value for binding parameter {}.",
                    name);
        }
        return false;
      }
      if (!bind_one(stmt, i, v.get())) return false;
    }
    return true;
  }
  int64_t n = 0;
  if (params) {
    if (!is_tuple(params) && !is_list(params) &&
        (is_str(params) || !type_lookup(type_of(params), "__getitem__") ||
         !type_lookup(type_of(params), "__len__"))) {
      raise(programming_error(), "parameters are of unsupported type");
      return false;
    }
    if (!length(params, &n)) return false;
  }
  if (n != count) {
    raise_fmt(programming_error(),
              "Incorrect number of bindings supplied. The current statement uses {}, and there are "
              "{} supplied.",
              count, n);
    return false;
  }
  for (int i = 0; i < count; i++) {
    Ref v = getitem(params, Value::from_small(i));
    if (!v || !bind_one(stmt, i + 1, v.get())) return false;
  }
  return true;
}

// ---------------------------------------------------------------- columns and rows

Ref column_name(ConnectionObject* conn, const char* name) {
  if (name == nullptr) return none_ref();
  if (!(conn->detect_types & 2)) return str_new(name);  // PARSE_COLNAMES
  const char* pos = name;
  for (; *pos; pos++) {
    if (*pos == '[') {
      if (pos != name && pos[-1] == ' ') pos--;
      break;
    }
  }
  return str_new(std::string_view(name, static_cast<size_t>(pos - name)));
}

Ref converter_for(std::string name) {
  for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  Ref key = str_new(name);
  Value conv = dict_get(as_dict(g_converters.get()), key.get());
  return conv ? Ref::new_ref(conv) : Ref();
}

/// After a statement's first step: description and the converters of its columns.
bool describe(CursorObject* c) {
  ConnectionObject* conn = conn_of(c);
  int n = sqlite3_column_count(c->stmt);
  c->converters.clear();
  if (n == 0) {
    c->description = none_ref();
    return true;
  }
  Ref desc = tuple_new(static_cast<size_t>(n));
  for (int i = 0; i < n; i++) {
    const char* name = sqlite3_column_name(c->stmt, i);
    Ref conv;
    if ((conn->detect_types & 2) && name != nullptr) {  // PARSE_COLNAMES: "name [type]"
      const char* open = std::strchr(name, '[');
      const char* close = open ? std::strchr(open, ']') : nullptr;
      if (close) conv = converter_for(std::string(open + 1, close));
    }
    if (!conv && (conn->detect_types & 1)) {  // PARSE_DECLTYPES: the first word of the type
      const char* decl = sqlite3_column_decltype(c->stmt, i);
      if (decl != nullptr) {
        size_t len = std::strcspn(decl, " (");
        conv = converter_for(std::string(decl, len));
      }
    }
    c->converters.push_back(std::move(conv));
    Ref nm = column_name(conn, name);
    Value none = None();
    Ref item = tuple_of({nm.get(), none, none, none, none, none, none});
    tuple_set_steal(as_tuple(desc.get()), static_cast<size_t>(i), item.release());
  }
  c->description = std::move(desc);
  return true;
}

Ref column_value(CursorObject* c, int i) {
  sqlite3_stmt* st = c->stmt;
  int type = sqlite3_column_type(st, i);
  const Ref& conv = c->converters[static_cast<size_t>(i)];
  if (conv) {
    // NULL and zero-sized values give None without calling the converter, as CPython.
    const char* p = static_cast<const char*>(sqlite3_column_blob(st, i));
    if (p == nullptr) {
      if (sqlite3_errcode(conn_of(c)->db) == SQLITE_NOMEM) return raise_no_memory();
      return none_ref();
    }
    Ref raw = bytes_new(std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(st, i))));
    return call1(conv.get(), raw.get());
  }
  switch (type) {
    case SQLITE_INTEGER:
      return int_from_int64(sqlite3_column_int64(st, i));
    case SQLITE_FLOAT:
      return float_new(sqlite3_column_double(st, i));
    case SQLITE_TEXT: {
      const char* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      std::string_view text(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st, i)));
      Value factory = conn_of(c)->text_factory.get();
      if (factory == Value(&str_type)) {
        if (!utf8_valid(text)) {
          const char* name = sqlite3_column_name(st, i);
          return raise_fmt(err_type(g_sqlite_errors.OperationalError),
                           "Could not decode to UTF-8 column '{}' with text '{}'", name ? name : "",
                           utf8_replace(text));
        }
        return str_new(text);
      }
      Ref raw = bytes_new(text);
      if (factory == Value(&bytes_type)) return raw;
      return call1(factory, raw.get());
    }
    case SQLITE_BLOB: {
      const char* p = static_cast<const char*>(sqlite3_column_blob(st, i));
      return bytes_new(
          std::string_view(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st, i))));
    }
    default:
      return none_ref();
  }
}

/// Steps the statement with the GIL released; SQLITE_ROW/SQLITE_DONE, or -1 with an exception.
int step(CursorObject* c) {
  int rc;
  {
    SqliteUnlocked unlocked;
    rc = sqlite3_step(c->stmt);
  }
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc;
  if (error_pending()) return -1;  // a callback's Python error is already set
  raise_sqlite_error(conn_of(c)->db);
  return -1;
}

/// The current row as a tuple (or row_factory's result); advances to the next row.
Ref fetch_row(Value self) {
  CursorObject* c = as_cur(self);
  if (!c->has_row) return Ref();
  if (c->locked) return raise(programming_error(), "Recursive use of cursors not allowed.");
  Ref keep = Ref::new_ref(self);
  std::optional<CursorLock> lock(std::in_place, c);
  int n = sqlite3_data_count(c->stmt);
  Ref row = tuple_new(static_cast<size_t>(n));
  for (int i = 0; i < n; i++) {
    Ref v = column_value(c, i);
    if (!v) return v;
    tuple_set_steal(as_tuple(row.get()), static_cast<size_t>(i), v.release());
  }
  int rc = step(c);
  if (rc < 0) {
    finalize_stmt(c);
    return Ref();
  }
  if (rc == SQLITE_DONE) {
    // UPDATE ... RETURNING changes its rows as they are stepped (CPython's gh-93421).
    if (c->held->is_dml) c->rowcount = sqlite3_changes64(conn_of(c)->db);
    finalize_stmt(c);
  }
  lock.reset();
  if (c->row_factory && !is_none(c->row_factory.get()))
    return call2(c->row_factory.get(), self, row.get());
  return row;
}

bool begin_if_needed(ConnectionObject* conn, const char* sql) {
  if (is_none(conn->isolation_level.get()) || !sqlite3_get_autocommit(conn->db) || !is_dml(sql))
    return true;
  std::string begin = "BEGIN ";
  begin += as_str(conn->isolation_level.get())->view();
  return connection_exec(conn, begin.c_str());
}

}  // namespace

bool prepare_statement(ConnectionObject* conn, const std::string& text, StatementRef* out) {
  out->reset();
  if (text.size() > static_cast<size_t>(sqlite3_limit(conn->db, SQLITE_LIMIT_SQL_LENGTH, -1))) {
    raise(err_type(g_sqlite_errors.DataError), "query string is too large");
    return false;
  }
  if (text.find('\0') != std::string::npos) {
    raise(programming_error(), "the query contains a null character");
    return false;
  }
  const char* tail = nullptr;
  sqlite3_stmt* stmt = nullptr;
  int rc;
  {
    SqliteUnlocked unlocked;
    rc =
        sqlite3_prepare_v2(conn->db, text.c_str(), static_cast<int>(text.size()) + 1, &stmt, &tail);
  }
  if (rc != SQLITE_OK) {
    raise_sqlite_error(conn->db);
    return false;
  }
  if (tail && *skip_space_and_comments(tail) != '\0') {
    sqlite3_finalize(stmt);
    raise(programming_error(), "You can only execute one statement at a time.");
    return false;
  }
  if (stmt != nullptr) *out = std::make_shared<SqliteStatement>(stmt, is_dml(text.c_str()));
  return true;
}

Ref cursor_execute(Value self, Value sql, Value params, bool many) {
  CursorObject* c = as_cur(self);
  if (!cursor_usable(c)) return Ref();
  ConnectionObject* conn = conn_of(c);
  Ref keep = Ref::new_ref(self);
  CursorLock lock(c);
  finalize_stmt(c);
  c->description = none_ref();
  c->rowcount = -1;
  if (!is_str(sql)) {
    return raise_fmt(&exc_TypeError, "{}() argument 1 must be str, not {}",
                     many ? "executemany" : "execute", type_name(sql));
  }
  if (!check_utf8_encodable(sql)) return Ref();
  std::string text(as_str(sql)->view());
  if (text.find('\0') != std::string::npos)
    return raise(programming_error(), "the query contains a null character");
  StatementRef st;
  {
    CriticalSection cs(conn);
    st = conn->statements.take(text);
  }
  if (!st) {
    if (!prepare_statement(conn, text, &st)) return Ref();
    if (!st) return Ref::new_ref(self);  // only whitespace or comments
    st->in_use = true;
    CriticalSection cs(conn);
    conn->statements.put(text, st);
  }
  c->held = st;
  c->stmt = st->stmt;
  bool dml = st->is_dml;
  if (many && sqlite3_stmt_readonly(c->stmt) && !dml) {
    finalize_stmt(c);
    return raise(programming_error(), "executemany() can only execute DML statements.");
  }
  if (!begin_if_needed(conn, text.c_str())) {
    finalize_stmt(c);
    return Ref();
  }
  if (dml) c->rowcount = 0;
  int rc = SQLITE_DONE;  // stays so when executemany gets no parameter sets
  Ref it;
  if (many) {
    it = get_iter(params);
    if (!it) {
      finalize_stmt(c);
      return Ref();
    }
  }
  for (;;) {
    Ref p;
    if (many) {
      p = iter_next(it.get());
      if (!p) {
        if (error_pending()) {
          finalize_stmt(c);
          return Ref();
        }
        break;
      }
      sqlite3_reset(c->stmt);
      sqlite3_clear_bindings(c->stmt);
    }
    if (!bind_parameters(c->stmt, many ? p.get() : params)) {
      finalize_stmt(c);
      return Ref();
    }
    rc = step(c);
    if (rc < 0) {
      finalize_stmt(c);
      return Ref();
    }
    if (dml && rc == SQLITE_DONE) c->rowcount += sqlite3_changes64(conn->db);
    if (!many) break;
    if (rc == SQLITE_ROW) {
      finalize_stmt(c);
      return raise(programming_error(), "executemany() can only execute DML statements.");
    }
  }
  if (!describe(c)) return Ref();
  if (!many) c->lastrowid = int_from_int64(sqlite3_last_insert_rowid(conn->db));
  if (!many && rc == SQLITE_ROW) {
    c->has_row = true;
  } else {
    finalize_stmt(c);
  }
  return Ref::new_ref(self);
}

Ref cursor_executescript(Value self, Value script) {
  CursorObject* c = as_cur(self);
  if (!cursor_usable(c)) return Ref();
  if (!is_str(script)) {
    return raise_fmt(&exc_TypeError, "executescript() argument 1 must be str, not {}",
                     type_name(script));
  }
  ConnectionObject* conn = conn_of(c);
  finalize_stmt(c);
  if (!check_utf8_encodable(script)) return Ref();
  std::string text(as_str(script)->view());
  if (text.find('\0') != std::string::npos)
    return raise(&exc_ValueError, "embedded null character");
  if (text.size() > static_cast<size_t>(sqlite3_limit(conn->db, SQLITE_LIMIT_SQL_LENGTH, -1)))
    return raise(err_type(g_sqlite_errors.DataError), "query string is too large");
  // A pending transaction is committed first, as CPython does.
  if (!sqlite3_get_autocommit(conn->db) && !connection_exec(conn, "COMMIT")) return Ref();
  const char* p = text.c_str();
  while (*skip_space_and_comments(p) != '\0') {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc;
    {
      SqliteUnlocked unlocked;
      rc = sqlite3_prepare_v2(conn->db, p, -1, &stmt, &tail);
      if (rc == SQLITE_OK && stmt != nullptr) {
        do {
          rc = sqlite3_step(stmt);
        } while (rc == SQLITE_ROW);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
      }
    }
    if (error_pending()) {
      sqlite3_finalize(stmt);
      return Ref();
    }
    if (rc != SQLITE_OK) {
      raise_sqlite_error(conn->db);
      sqlite3_finalize(stmt);
      return Ref();
    }
    sqlite3_finalize(stmt);
    p = tail;
  }
  c->description = none_ref();
  c->rowcount = -1;
  return Ref::new_ref(self);
}

namespace {

// ---------------------------------------------------------------- Cursor type

Ref cur_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  auto* c = alloc_instance<CursorObject>(type);
  c->description = none_ref();
  c->row_factory = none_ref();
  c->lastrowid = none_ref();
  return Ref::steal(Value(c));
}

bool cur_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("Cursor", nargs, kw, 1, 1)) return false;
  if (!isinstance(args[0], &connection_type)) {
    raise_fmt(&exc_TypeError, "Cursor() argument 1 must be sqlite3.Connection, not {}",
              type_name(args[0]));
    return false;
  }
  CursorObject* c = as_cur(self);
  // Re-initialisation resets the cursor (CPython's pysqlite_cursor_init), but not from inside
  // its own execute or fetch (a converter or adapter calling __init__).
  if (c->locked) {
    raise(programming_error(), "Recursive use of cursors not allowed.");
    return false;
  }
  finalize_stmt(c);
  c->connection = Ref::new_ref(args[0]);
  c->description = none_ref();
  c->lastrowid = none_ref();
  c->row_factory = none_ref();
  c->arraysize = 1;
  c->rowcount = -1;
  c->closed = false;
  if (!connection_same_thread(conn_of(c))) return false;
  c->initialized = true;
  return true;
}

void cur_dealloc(Object* o) {
  auto* c = static_cast<CursorObject*>(o);
  finalize_stmt(c);
  delete c;
}

void cur_traverse(Object* o, VisitFn visit, void* arg) {
  auto* c = static_cast<CursorObject*>(o);
  visit_value(c->connection.get(), visit, arg);
  visit_value(c->description.get(), visit, arg);
  visit_value(c->row_factory.get(), visit, arg);
  visit_value(c->lastrowid.get(), visit, arg);
  for (const Ref& r : c->converters) visit_value(r.get(), visit, arg);
}

void cur_clear(Object* o) {
  auto* c = static_cast<CursorObject*>(o);
  finalize_stmt(c);
  c->row_factory = none_ref();
  c->description = none_ref();
  c->connection = Ref();
  c->closed = true;
}

CUR_FN(cur_execute) {
  if (!check_nargs("execute", nargs, kw, 1, 2)) return Ref();
  return cursor_execute(self, args[0], nargs > 1 ? args[1] : Value(), false);
}

CUR_FN(cur_executemany) {
  if (!check_nargs("executemany", nargs, kw, 2, 2)) return Ref();
  return cursor_execute(self, args[0], args[1], true);
}

CUR_FN(cur_executescript) {
  if (!check_nargs("executescript", nargs, kw, 1, 1)) return Ref();
  return cursor_executescript(self, args[0]);
}

CUR_FN(cur_fetchone) {
  if (!check_nargs("fetchone", nargs, kw, 0, 0)) return Ref();
  if (!cursor_usable(as_cur(self))) return Ref();
  Ref r = fetch_row(self);
  if (!r && !error_pending()) return none_ref();
  return r;
}

Ref fetch_many(Value self, int64_t limit) {
  Ref list = list_new();
  for (int64_t i = 0; limit < 0 || i < limit; i++) {
    Ref r = fetch_row(self);
    if (!r) {
      if (error_pending()) return Ref();
      break;
    }
    list_append(as_list(list.get()), r.get());
  }
  return list;
}

CUR_FN(cur_fetchmany) {
  Value a[1];
  if (!parse_args("fetchmany", args, nargs, kw, {"size"}, 0, a)) return Ref();
  if (!cursor_usable(as_cur(self))) return Ref();
  int64_t size = as_cur(self)->arraysize;
  if (a[0] && !int_arg(a[0], &size)) return Ref();
  return fetch_many(self, size < 0 ? 0 : size);
}

CUR_FN(cur_fetchall) {
  if (!check_nargs("fetchall", nargs, kw, 0, 0)) return Ref();
  if (!cursor_usable(as_cur(self))) return Ref();
  return fetch_many(self, -1);
}

CUR_FN(cur_close) {
  if (!check_nargs("close", nargs, kw, 0, 0)) return Ref();
  CursorObject* c = as_cur(self);
  if (!c->initialized) return raise(programming_error(), "Base Cursor.__init__ not called.");
  if (c->locked) return raise(programming_error(), "Recursive use of cursors not allowed.");
  if (!connection_usable(conn_of(c))) return Ref();
  finalize_stmt(c);
  c->closed = true;
  return none_ref();
}

CUR_FN(cur_setinputsizes) {
  if (!check_nargs("setinputsizes", nargs, kw, 1, 1)) return Ref();
  return none_ref();
}

CUR_FN(cur_setoutputsize) {
  if (!check_nargs("setoutputsize", nargs, kw, 1, 2)) return Ref();
  return none_ref();
}

Ref cur_iter(Value self) { return Ref::new_ref(self); }

Ref cur_iternext(Value self) {
  if (!cursor_usable(as_cur(self))) return Ref();
  return fetch_row(self);  // null without an exception: exhausted
}

Ref get_description(Value self) { return Ref::new_ref(as_cur(self)->description.get()); }
Ref get_rowcount(Value self) { return int_from_int64(as_cur(self)->rowcount); }
Ref get_lastrowid(Value self) { return Ref::new_ref(as_cur(self)->lastrowid.get()); }
Ref get_connection(Value self) {
  CursorObject* c = as_cur(self);
  return c->connection ? Ref::new_ref(c->connection.get()) : none_ref();
}
Ref get_arraysize(Value self) { return int_from_int64(as_cur(self)->arraysize); }
bool set_arraysize(Value self, Value v) {
  if (!v) {
    raise(&exc_AttributeError, "can't delete attribute");
    return false;
  }
  int64_t n;
  if (!int_arg(v, &n)) return false;
  as_cur(self)->arraysize = n;
  return true;
}
Ref get_row_factory(Value self) { return Ref::new_ref(as_cur(self)->row_factory.get()); }
bool set_row_factory(Value self, Value v) {
  as_cur(self)->row_factory = v ? Ref::new_ref(v) : none_ref();
  return true;
}

// ---------------------------------------------------------------- Row

RowObject* as_row(Value v) { return static_cast<RowObject*>(v.obj()); }

Ref row_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("Row", nargs, kw, 2, 2)) return Ref();
  if (!isinstance(args[0], &cursor_type)) {
    return raise_fmt(&exc_TypeError, "Row() argument 1 must be sqlite3.Cursor, not {}",
                     type_name(args[0]));
  }
  if (!is_tuple(args[1]))
    return raise_fmt(&exc_TypeError, "Row() argument 2 must be tuple, not {}", type_name(args[1]));
  auto* r = alloc_instance<RowObject>(type);
  r->data = Ref::new_ref(args[1]);
  r->description = Ref::new_ref(as_cur(args[0])->description.get());
  return Ref::steal(Value(r));
}

void row_dealloc(Object* o) { delete static_cast<RowObject*>(o); }

void row_traverse(Object* o, VisitFn visit, void* arg) {
  auto* r = static_cast<RowObject*>(o);
  visit_value(r->data.get(), visit, arg);
  visit_value(r->description.get(), visit, arg);
}

TupleObject* row_data(Value self) { return as_tuple(as_row(self)->data.get()); }

Ref row_getitem(Value self, Value key) {
  TupleObject* data = row_data(self);
  if (is_int(key)) {
    int64_t i;
    if (!int_to_int64(key, &i)) {
      clear_exception();
      return raise(&exc_IndexError, "cannot fit 'int' into an index-sized integer");
    }
    if (i < 0) i += static_cast<int64_t>(data->size);
    if (i < 0 || i >= static_cast<int64_t>(data->size))
      return raise(&exc_IndexError, "tuple index out of range");
    return Ref::new_ref(data->at(static_cast<size_t>(i)));
  }
  if (is_str(key)) {
    Value desc = as_row(self)->description.get();
    if (is_tuple(desc)) {
      std::string_view want = as_str(key)->view();
      for (size_t i = 0; i < as_tuple(desc)->size && i < data->size; i++) {
        Value name = as_tuple(as_tuple(desc)->at(i))->at(0);
        std::string_view have = is_str(name) ? as_str(name)->view() : std::string_view();
        if (have.size() == want.size() && strncasecmp(have.data(), want.data(), have.size()) == 0) {
          return Ref::new_ref(data->at(i));
        }
      }
    }
    return raise(&exc_IndexError, "No item with that key");
  }
  if (type_of(key)->name == "slice") return getitem(as_row(self)->data.get(), key);
  return raise(&exc_IndexError, "Index must be int or string");
}

bool row_len(Value self, int64_t* out) {
  *out = static_cast<int64_t>(row_data(self)->size);
  return true;
}

Ref row_iter(Value self) { return get_iter(as_row(self)->data.get()); }

Ref row_keys(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("keys", nargs, kw, 0, 0)) return Ref();
  Ref list = list_new();
  Value desc = as_row(self)->description.get();
  if (is_tuple(desc)) {
    for (size_t i = 0; i < as_tuple(desc)->size; i++)
      list_append(as_list(list.get()), as_tuple(as_tuple(desc)->at(i))->at(0));
  }
  return list;
}

Ref row_richcompare(Value a, Value b, CmpOp op) {
  if (!isinstance(b, &row_type) || (op != CmpOp::Eq && op != CmpOp::Ne))
    return Ref::new_ref(NotImplemented());
  int same = compare_bool(as_row(a)->description.get(), as_row(b)->description.get(), CmpOp::Eq);
  if (same < 0) return Ref();
  if (same) same = compare_bool(as_row(a)->data.get(), as_row(b)->data.get(), CmpOp::Eq);
  if (same < 0) return Ref();
  return bool_ref(op == CmpOp::Eq ? same == 1 : same == 0);
}

bool row_hash(Value self, int64_t* out) {
  int64_t h1, h2;
  if (!hash(as_row(self)->description.get(), &h1) || !hash(as_row(self)->data.get(), &h2))
    return false;
  *out = h1 ^ h2;
  if (*out == -1) *out = -2;
  return true;
}

Ref row_repr(Value self) {
  return str_new(fmt::format("<sqlite3.Row object at {}>", static_cast<const void*>(self.obj())));
}

}  // namespace

namespace {

// ---------------------------------------------------------------- Statement

/// What Connection.__call__(sql) returns: a prepared statement, opaque to Python (CPython's
/// sqlite3.Statement; it exists for its errors: too large, NUL, several statements, bad SQL).
struct StatementObject : Object {
  StatementRef st;
};

void statement_dealloc(Object* o) { delete static_cast<StatementObject*>(o); }


}  // namespace

/// Connection.__call__(sql, /): no keywords; `sql` must be str.
Ref connection_call(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  auto* conn = static_cast<ConnectionObject*>(self.obj());
  if (!connection_usable(conn)) return Ref();
  if (kw != nullptr && kw->size != 0)
    return raise(&exc_TypeError, "sqlite3.Connection() takes no keyword arguments");
  if (nargs != 1) {
    return raise_fmt(&exc_TypeError, "function takes exactly 1 argument ({} given)", nargs);
  }
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "argument 1 must be str, not {}", type_name(args[0]));
  }
  if (!check_utf8_encodable(args[0])) return Ref();
  StatementRef st;
  if (!prepare_statement(conn, std::string(as_str(args[0])->view()), &st)) return Ref();
  auto* o = alloc_instance<StatementObject>(&statement_type);
  o->st = std::move(st);
  return Ref::steal(Value(o));
}

void cursor_types_init() {
  cursor_type.name = "Cursor";
  cursor_type.module = "sqlite3";
  cursor_type.flags = kTypeBaseType | kTypeWeakrefable;
  cursor_type.basic_size = sizeof(CursorObject);
  cursor_type.subclass_dict_offset = offsetof(CursorObject, dict);
  cursor_type.dealloc = cur_dealloc;
  cursor_type.traverse = cur_traverse;
  cursor_type.clear = cur_clear;
  cursor_type.new_ = cur_new;
  cursor_type.init = cur_init;
  cursor_type.iter = cur_iter;
  cursor_type.iternext = cur_iternext;
  type_ready(&cursor_type, &object_type);
  type_add_module_attr(&cursor_type);
  const struct {
    const char* name;
    NativeFn fn;
  } kMethods[] = {
      {"execute", cur_execute},
      {"executemany", cur_executemany},
      {"executescript", cur_executescript},
      {"fetchone", cur_fetchone},
      {"fetchmany", cur_fetchmany},
      {"fetchall", cur_fetchall},
      {"close", cur_close},
      {"setinputsizes", cur_setinputsizes},
      {"setoutputsize", cur_setoutputsize},
  };
  for (const auto& m : kMethods) add_method(&cursor_type, m.name, m.fn);
  add_getset(&cursor_type, "description", get_description);
  add_getset(&cursor_type, "rowcount", get_rowcount);
  add_getset(&cursor_type, "lastrowid", get_lastrowid);
  add_getset(&cursor_type, "connection", get_connection);
  add_getset(&cursor_type, "arraysize", get_arraysize, set_arraysize);
  add_getset(&cursor_type, "row_factory", get_row_factory, set_row_factory);

  row_type.name = "Row";
  row_type.module = "sqlite3";
  row_type.flags = kTypeBaseType;
  row_type.basic_size = sizeof(RowObject);
  row_type.dealloc = row_dealloc;
  row_type.traverse = row_traverse;
  row_type.new_ = row_new;
  row_type.getitem = row_getitem;
  row_type.len = row_len;
  row_type.iter = row_iter;
  row_type.richcompare = row_richcompare;
  row_type.hash = row_hash;
  row_type.repr = row_repr;
  type_ready(&row_type, &object_type);
  type_add_module_attr(&row_type);
  add_method(&row_type, "keys", row_keys);

  statement_type.name = "Statement";
  statement_type.module = "sqlite3";
  statement_type.basic_size = sizeof(StatementObject);
  statement_type.dealloc = statement_dealloc;
  type_ready(&statement_type, &object_type);
  type_add_module_attr(&statement_type);
}

}  // namespace minipy::lib
