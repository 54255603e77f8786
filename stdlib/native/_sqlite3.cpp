// _sqlite3: the native half of CPython's sqlite3 package over Debian's libsqlite3 (CPython's
// Modules/_sqlite semantics, our own code): connect() and the Connection object (transactions
// with the legacy isolation_level rules, user-defined functions, aggregates and collations,
// context manager), the DB-API exceptions with sqlite_errorcode/sqlite_errorname, adapters and
// converters, and the SQLITE_* constants. Opening a database and every statement step run with
// the GIL released; callbacks into Python re-take it (sqlite_module.h).
#include <algorithm>
#include <cctype>
#include <cstring>
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
#include "runtime/state/os_thread.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/sqlite_module.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

TypeObject connection_type;
TypeObject prepare_protocol_type;
SqliteErrors g_sqlite_errors;
Ref g_adapters;
Ref g_converters;
bool g_callback_tracebacks = false;

void report_hook_error(Value callable) {
  if (g_callback_tracebacks) {
    write_unraisable(callable, nullptr);
  } else {
    clear_exception();
  }
}

namespace {
thread_local ThreadState* t_released_ts = nullptr;  // set while SqliteUnlocked holds the GIL off
}

SqliteUnlocked::SqliteUnlocked() : saved_(t_released_ts) {
  t_released_ts = ThreadState::current();
  unlocked_.emplace("sqlite");
}

SqliteUnlocked::~SqliteUnlocked() {
  unlocked_.reset();
  t_released_ts = saved_;
}

CallbackGil::CallbackGil() {
  if (ThreadState::current() == nullptr && t_released_ts != nullptr) {
    ts_ = t_released_ts;
    thread_attach(ts_);
  }
}

CallbackGil::~CallbackGil() {
  if (ts_ != nullptr) thread_detach(ts_);
}

namespace {

#define CONN_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

ConnectionObject* as_conn(Value v) { return static_cast<ConnectionObject*>(v.obj()); }

// Error codes by name: the module's SQLITE_* constants and sqlite_errorname.
struct CodeName {
  const char* name;
  int code;
};
#define C(x) \
  { #x, x }
const CodeName kErrorCodes[] = {
    C(SQLITE_OK),
    C(SQLITE_ERROR),
    C(SQLITE_INTERNAL),
    C(SQLITE_PERM),
    C(SQLITE_ABORT),
    C(SQLITE_BUSY),
    C(SQLITE_LOCKED),
    C(SQLITE_NOMEM),
    C(SQLITE_READONLY),
    C(SQLITE_INTERRUPT),
    C(SQLITE_IOERR),
    C(SQLITE_CORRUPT),
    C(SQLITE_NOTFOUND),
    C(SQLITE_FULL),
    C(SQLITE_CANTOPEN),
    C(SQLITE_PROTOCOL),
    C(SQLITE_EMPTY),
    C(SQLITE_SCHEMA),
    C(SQLITE_TOOBIG),
    C(SQLITE_CONSTRAINT),
    C(SQLITE_MISMATCH),
    C(SQLITE_MISUSE),
    C(SQLITE_NOLFS),
    C(SQLITE_AUTH),
    C(SQLITE_FORMAT),
    C(SQLITE_RANGE),
    C(SQLITE_NOTADB),
    C(SQLITE_NOTICE),
    C(SQLITE_WARNING),
    C(SQLITE_ROW),
    C(SQLITE_DONE),
    C(SQLITE_ABORT_ROLLBACK),
    C(SQLITE_BUSY_RECOVERY),
    C(SQLITE_BUSY_SNAPSHOT),
    C(SQLITE_BUSY_TIMEOUT),
    C(SQLITE_CANTOPEN_FULLPATH),
    C(SQLITE_CANTOPEN_ISDIR),
    C(SQLITE_CANTOPEN_NOTEMPDIR),
    C(SQLITE_CONSTRAINT_CHECK),
    C(SQLITE_CONSTRAINT_COMMITHOOK),
    C(SQLITE_CONSTRAINT_FOREIGNKEY),
    C(SQLITE_CONSTRAINT_FUNCTION),
    C(SQLITE_CONSTRAINT_NOTNULL),
    C(SQLITE_CONSTRAINT_PINNED),
    C(SQLITE_CONSTRAINT_PRIMARYKEY),
    C(SQLITE_CONSTRAINT_ROWID),
    C(SQLITE_CONSTRAINT_TRIGGER),
    C(SQLITE_CONSTRAINT_UNIQUE),
    C(SQLITE_CONSTRAINT_VTAB),
    C(SQLITE_CORRUPT_INDEX),
    C(SQLITE_CORRUPT_SEQUENCE),
    C(SQLITE_CORRUPT_VTAB),
    C(SQLITE_ERROR_MISSING_COLLSEQ),
    C(SQLITE_ERROR_RETRY),
    C(SQLITE_ERROR_SNAPSHOT),
    C(SQLITE_IOERR_READ),
    C(SQLITE_IOERR_SHORT_READ),
    C(SQLITE_IOERR_WRITE),
    C(SQLITE_IOERR_FSYNC),
    C(SQLITE_LOCKED_SHAREDCACHE),
    C(SQLITE_READONLY_DBMOVED),
    C(SQLITE_READONLY_RECOVERY),
    C(SQLITE_READONLY_ROLLBACK),
    C(SQLITE_NOTICE_RECOVER_WAL),
    C(SQLITE_WARNING_AUTOINDEX),
    C(SQLITE_AUTH_USER),
    C(SQLITE_CANTOPEN_CONVPATH),
    C(SQLITE_CANTOPEN_DIRTYWAL),
    C(SQLITE_CANTOPEN_SYMLINK),
    C(SQLITE_IOERR_ACCESS),
    C(SQLITE_IOERR_AUTH),
    C(SQLITE_IOERR_BEGIN_ATOMIC),
    C(SQLITE_IOERR_BLOCKED),
    C(SQLITE_IOERR_CHECKRESERVEDLOCK),
    C(SQLITE_IOERR_CLOSE),
    C(SQLITE_IOERR_COMMIT_ATOMIC),
    C(SQLITE_IOERR_CONVPATH),
    C(SQLITE_IOERR_CORRUPTFS),
    C(SQLITE_IOERR_DATA),
    C(SQLITE_IOERR_DELETE),
    C(SQLITE_IOERR_DELETE_NOENT),
    C(SQLITE_IOERR_DIR_CLOSE),
    C(SQLITE_IOERR_DIR_FSYNC),
    C(SQLITE_IOERR_FSTAT),
    C(SQLITE_IOERR_GETTEMPPATH),
    C(SQLITE_IOERR_LOCK),
    C(SQLITE_IOERR_MMAP),
    C(SQLITE_IOERR_NOMEM),
    C(SQLITE_IOERR_RDLOCK),
    C(SQLITE_IOERR_ROLLBACK_ATOMIC),
    C(SQLITE_IOERR_SEEK),
    C(SQLITE_IOERR_SHMLOCK),
    C(SQLITE_IOERR_SHMMAP),
    C(SQLITE_IOERR_SHMOPEN),
    C(SQLITE_IOERR_SHMSIZE),
    C(SQLITE_IOERR_TRUNCATE),
    C(SQLITE_IOERR_UNLOCK),
    C(SQLITE_IOERR_VNODE),
    C(SQLITE_LOCKED_VTAB),
    C(SQLITE_NOTICE_RECOVER_ROLLBACK),
    C(SQLITE_OK_LOAD_PERMANENTLY),
    C(SQLITE_OK_SYMLINK),
    C(SQLITE_READONLY_CANTINIT),
    C(SQLITE_READONLY_CANTLOCK),
    C(SQLITE_READONLY_DIRECTORY),
};
// Authorizer results and action codes (Connection.set_authorizer's callback gets and returns them).
const CodeName kOtherCodes[] = {
    C(SQLITE_DENY),
    C(SQLITE_IGNORE),
    C(SQLITE_CREATE_INDEX),
    C(SQLITE_CREATE_TABLE),
    C(SQLITE_CREATE_TEMP_INDEX),
    C(SQLITE_CREATE_TEMP_TABLE),
    C(SQLITE_CREATE_TEMP_TRIGGER),
    C(SQLITE_CREATE_TEMP_VIEW),
    C(SQLITE_CREATE_TRIGGER),
    C(SQLITE_CREATE_VIEW),
    C(SQLITE_DELETE),
    C(SQLITE_DROP_INDEX),
    C(SQLITE_DROP_TABLE),
    C(SQLITE_DROP_TEMP_INDEX),
    C(SQLITE_DROP_TEMP_TABLE),
    C(SQLITE_DROP_TEMP_TRIGGER),
    C(SQLITE_DROP_TEMP_VIEW),
    C(SQLITE_DROP_TRIGGER),
    C(SQLITE_DROP_VIEW),
    C(SQLITE_INSERT),
    C(SQLITE_PRAGMA),
    C(SQLITE_READ),
    C(SQLITE_SELECT),
    C(SQLITE_TRANSACTION),
    C(SQLITE_UPDATE),
    C(SQLITE_ATTACH),
    C(SQLITE_DETACH),
    C(SQLITE_ALTER_TABLE),
    C(SQLITE_REINDEX),
    C(SQLITE_ANALYZE),
    C(SQLITE_CREATE_VTABLE),
    C(SQLITE_DROP_VTABLE),
    C(SQLITE_FUNCTION),
    C(SQLITE_SAVEPOINT),
    C(SQLITE_RECURSIVE),
    C(SQLITE_LIMIT_LENGTH),
    C(SQLITE_LIMIT_SQL_LENGTH),
    C(SQLITE_LIMIT_COLUMN),
    C(SQLITE_LIMIT_EXPR_DEPTH),
    C(SQLITE_LIMIT_COMPOUND_SELECT),
    C(SQLITE_LIMIT_VDBE_OP),
    C(SQLITE_LIMIT_FUNCTION_ARG),
    C(SQLITE_LIMIT_ATTACHED),
    C(SQLITE_LIMIT_LIKE_PATTERN_LENGTH),
    C(SQLITE_LIMIT_VARIABLE_NUMBER),
    C(SQLITE_LIMIT_TRIGGER_DEPTH),
    C(SQLITE_LIMIT_WORKER_THREADS),
};
#undef C

const char* error_name(int code) {
  for (const CodeName& c : kErrorCodes) {
    if (c.code == code) return c.name;
  }
  return "unknown error code";
}

}  // namespace

Ref raise_sqlite_error(sqlite3* db) {
  int code = sqlite3_extended_errcode(db);
  TypeObject* t;
  switch (code & 0xff) {
    case SQLITE_OK:
      return raise(err_type(g_sqlite_errors.DatabaseError), "not an error");
    case SQLITE_INTERNAL:
    case SQLITE_NOTFOUND:
      t = err_type(g_sqlite_errors.InternalError);
      break;
    case SQLITE_NOMEM:
      return raise_no_memory();
    case SQLITE_ERROR:
    case SQLITE_PERM:
    case SQLITE_ABORT:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_INTERRUPT:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
    case SQLITE_EMPTY:
    case SQLITE_SCHEMA:
      t = err_type(g_sqlite_errors.OperationalError);
      break;
    case SQLITE_CORRUPT:
      t = err_type(g_sqlite_errors.DatabaseError);
      break;
    case SQLITE_TOOBIG:
      t = err_type(g_sqlite_errors.DataError);
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
      t = err_type(g_sqlite_errors.IntegrityError);
      break;
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
      t = err_type(g_sqlite_errors.InterfaceError);
      break;
    default:
      t = err_type(g_sqlite_errors.DatabaseError);
      break;
  }
  Ref e = make_exception(t, sqlite3_errmsg(db));
  if (!e) return e;
  Ref c = int_from_int64(code), n = str_new(error_name(code));
  if (!setattr(e.get(), intern("sqlite_errorcode"), c.get()) ||
      !setattr(e.get(), intern("sqlite_errorname"), n.get())) {
    return Ref();
  }
  return set_exception(std::move(e));
}

bool connection_initialized(ConnectionObject* c) {
  if (!c->initialized) {
    raise(err_type(g_sqlite_errors.ProgrammingError), "Base Connection.__init__ not called.");
    return false;
  }
  return true;
}

bool connection_open(ConnectionObject* c) {
  if (!connection_initialized(c)) return false;
  if (c->db == nullptr) {
    raise(err_type(g_sqlite_errors.ProgrammingError), "Cannot operate on a closed database.");
    return false;
  }
  return true;
}

bool connection_same_thread(ConnectionObject* c) {
  if (c->initialized && c->check_same_thread && c->thread_ident != current_thread_ident()) {
    raise_fmt(err_type(g_sqlite_errors.ProgrammingError),
              "SQLite objects created in a thread can only be used in that same thread. The object "
              "was created "
              "in thread id {} and this is thread id {}.",
              c->thread_ident, current_thread_ident());
    return false;
  }
  return true;
}

bool connection_usable(ConnectionObject* c) {
  return connection_initialized(c) && connection_same_thread(c) && connection_open(c);
}

bool connection_exec(ConnectionObject* c, const char* sql) {
  int rc;
  {
    SqliteUnlocked unlocked;
    rc = sqlite3_exec(c->db, sql, nullptr, nullptr, nullptr);
  }
  if (rc != SQLITE_OK) {
    raise_sqlite_error(c->db);
    return false;
  }
  return true;
}

namespace {

// ---------------------------------------------------------------- Connection

Ref conn_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  auto* c = alloc_instance<ConnectionObject>(type);
  c->isolation_level = str_new("");
  c->row_factory = none_ref();
  c->text_factory = Ref::new_ref(Value(&str_type));
  return Ref::steal(Value(c));
}

void conn_close_db(ConnectionObject* c) {
  {
    CriticalSection cs(c);
    c->statements.clear();  // statements a cursor still holds are finalized when it lets go
  }
  close_all_blobs(c);
  connection_hooks_clear(c);
  if (c->db != nullptr) {
    sqlite3_close_v2(c->db);  // statements still open keep it until they are finalized
    c->db = nullptr;
  }
}

void conn_dealloc(Object* o) {
  auto* c = static_cast<ConnectionObject*>(o);
  conn_close_db(c);
  delete c;
}

void conn_traverse(Object* o, VisitFn visit, void* arg) {
  auto* c = static_cast<ConnectionObject*>(o);
  visit_value(c->isolation_level.get(), visit, arg);
  visit_value(c->row_factory.get(), visit, arg);
  visit_value(c->text_factory.get(), visit, arg);
  for (const Ref& r : c->callbacks) visit_value(r.get(), visit, arg);
  connection_hooks_traverse(c, visit, arg);
}

void conn_clear(Object* o) {
  auto* c = static_cast<ConnectionObject*>(o);
  conn_close_db(c);  // the callbacks must not outlive the functions registered with SQLite
  c->callbacks.clear();
  c->row_factory = none_ref();
  c->text_factory = none_ref();
}

bool isolation_level_arg(Value v, Ref* out) {
  if (is_none(v)) {
    *out = none_ref();
    return true;
  }
  if (!is_str(v)) {
    raise_fmt(&exc_TypeError, "isolation_level must be str or None, not {}", type_name(v));
    return false;
  }
  std::string s(as_str(v)->view());
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (s != "" && s != "DEFERRED" && s != "IMMEDIATE" && s != "EXCLUSIVE") {
    raise(&exc_ValueError,
          "isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'");
    return false;
  }
  *out = Ref::new_ref(v);
  return true;
}

/// Connection(database, timeout=5.0, detect_types=0, isolation_level="", check_same_thread=True,
///            factory=Connection, cached_statements=128, uri=False)
bool conn_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[8];
  if (!parse_args("Connection", args, nargs, kw,
                  {"database", "timeout", "detect_types", "isolation_level", "check_same_thread",
                   "factory", "cached_statements", "uri"},
                  1, a)) {
    return false;
  }
  // CPython's PyUnicode_FSConverter: a path, bytes or os.PathLike, without a NUL.
  std::string path;
  if (!fs_encoded_arg(a[0], &path)) return false;
  double timeout = 5.0;
  if (a[1]) {
    if (is_float(a[1])) {
      timeout = float_value(a[1]);
    } else if (is_int(a[1])) {
      bool overflow;
      timeout = int_to_double(a[1], &overflow);
    } else {
      raise_fmt(&exc_TypeError, "must be real number, not {}", type_name(a[1]));
      return false;
    }
  }
  int detect_types = 0;
  if (a[2] && !c_int_arg(a[2], &detect_types)) return false;
  int cached_statements = 128;
  if (a[6] && !c_int_arg(a[6], &cached_statements)) return false;
  Ref level = str_new("");
  if (a[3] && !isolation_level_arg(a[3], &level)) return false;
  bool same_thread = true, uri = false;
  if (a[4]) {
    int t = truthy(a[4]);
    if (t < 0) return false;
    same_thread = t == 1;
  }
  if (a[7]) {
    int t = truthy(a[7]);
    if (t < 0) return false;
    uri = t == 1;
  }
  ConnectionObject* c = as_conn(self);
  if (c->initialized) {
    // Re-initialisation (CPython's pysqlite_connection_init): the old database is closed and
    // its callbacks dropped, and until the new one opens the connection is uninitialised (a
    // failed open leaves "Base Connection.__init__ not called."). Cursors keep their statements.
    conn_clear(c);
    c->initialized = false;
  }
  sqlite3* handle = nullptr;
  int rc;
  {
    SqliteUnlocked unlocked;
    rc = sqlite3_open_v2(path.c_str(), &handle,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (uri ? SQLITE_OPEN_URI : 0),
                         nullptr);
  }
  if (rc != SQLITE_OK) {
    if (handle == nullptr) {
      raise_no_memory();
    } else {
      raise_sqlite_error(handle);
      sqlite3_close_v2(handle);
    }
    return false;
  }
  sqlite3_busy_timeout(handle, static_cast<int>(timeout * 1000));
  c->db = handle;
  c->detect_types = detect_types;
  c->statements.set_capacity(static_cast<size_t>(std::max(cached_statements, 0)));
  c->isolation_level = std::move(level);
  c->check_same_thread = same_thread;
  c->thread_ident = current_thread_ident();
  c->row_factory = none_ref();
  c->text_factory = Ref::new_ref(Value(&str_type));
  c->initialized = true;
  return true;
}

CONN_FN(conn_cursor) {
  Value a[1];
  if (!parse_args("cursor", args, nargs, kw, {"factory"}, 0, a)) return Ref();
  if (!connection_usable(as_conn(self))) return Ref();
  Value factory = a[0] ? a[0] : Value(&cursor_type);
  Ref cur = call1(factory, self);
  if (!cur) return cur;
  if (!isinstance(cur.get(), &cursor_type)) {
    return raise(&exc_TypeError, "factory must return a cursor, not " + type_name(cur.get()));
  }
  auto* cu = static_cast<CursorObject*>(cur.get().obj());
  if (is_none(cu->row_factory.get()))
    cu->row_factory = Ref::new_ref(as_conn(self)->row_factory.get());
  return cur;
}

Ref new_cursor(Value self) {
  Ref cur = call1(Value(&cursor_type), self);
  if (!cur) return cur;
  static_cast<CursorObject*>(cur.get().obj())->row_factory =
      Ref::new_ref(as_conn(self)->row_factory.get());
  return cur;
}

CONN_FN(conn_execute) {
  if (!check_nargs("execute", nargs, kw, 1, 2)) return Ref();
  if (!connection_usable(as_conn(self))) return Ref();
  Ref cur = new_cursor(self);
  if (!cur) return cur;
  Ref r = cursor_execute(cur.get(), args[0], nargs > 1 ? args[1] : Value(), false);
  if (!r) return r;
  return cur;
}

CONN_FN(conn_executemany) {
  if (!check_nargs("executemany", nargs, kw, 2, 2)) return Ref();
  if (!connection_usable(as_conn(self))) return Ref();
  Ref cur = new_cursor(self);
  if (!cur) return cur;
  Ref r = cursor_execute(cur.get(), args[0], args[1], true);
  if (!r) return r;
  return cur;
}

CONN_FN(conn_executescript) {
  if (!check_nargs("executescript", nargs, kw, 1, 1)) return Ref();
  if (!connection_usable(as_conn(self))) return Ref();
  Ref cur = new_cursor(self);
  if (!cur) return cur;
  Ref r = cursor_executescript(cur.get(), args[0]);
  if (!r) return r;
  return cur;
}

Ref end_transaction(Value self, size_t nargs, TupleObject* kw, const char* name, const char* sql) {
  if (!check_nargs(name, nargs, kw, 0, 0)) return Ref();
  ConnectionObject* c = as_conn(self);
  if (!connection_usable(c)) return Ref();
  if (!sqlite3_get_autocommit(c->db) && !connection_exec(c, sql)) return Ref();
  return none_ref();
}

CONN_FN(conn_commit) { return end_transaction(self, nargs, kw, "commit", "COMMIT"); }
CONN_FN(conn_rollback) { return end_transaction(self, nargs, kw, "rollback", "ROLLBACK"); }

CONN_FN(conn_close) {
  if (!check_nargs("close", nargs, kw, 0, 0)) return Ref();
  ConnectionObject* c = as_conn(self);
  if (!connection_same_thread(c) || !connection_initialized(c)) return Ref();
  conn_close_db(c);
  c->callbacks.clear();
  return none_ref();
}

CONN_FN(conn_enter) {
  if (!check_nargs("__enter__", nargs, kw, 0, 0)) return Ref();
  if (!connection_usable(as_conn(self))) return Ref();
  return Ref::new_ref(self);
}

/// __exit__: commit when the block ended normally, else roll back; exceptions propagate.
CONN_FN(conn_exit) {
  if (!check_nargs("__exit__", nargs, kw, 3, 3)) return Ref();
  ConnectionObject* c = as_conn(self);
  if (!connection_usable(c)) return Ref();
  bool ok = is_none(args[0]);
  if (sqlite3_get_autocommit(c->db)) return bool_ref(false);
  if (ok) {
    if (!connection_exec(c, "COMMIT")) {
      Ref exc = take_exception();
      connection_exec(c, "ROLLBACK");
      clear_exception();
      set_exception(std::move(exc));
      return Ref();
    }
  } else if (!connection_exec(c, "ROLLBACK")) {
    return Ref();
  }
  return bool_ref(false);
}

// ---------------------------------------------------------------- values between Python and SQLite

/// A Python value as a function result (CPython's _pysqlite_set_result).
bool set_result(sqlite3_context* ctx, Value v) {
  if (is_none(v)) {
    sqlite3_result_null(ctx);
  } else if (is_int(v)) {
    int64_t n;
    if (!int_to_int64(v, &n)) return false;
    sqlite3_result_int64(ctx, n);
  } else if (is_float(v)) {
    sqlite3_result_double(ctx, float_value(v));
  } else if (is_str(v)) {
    if (!check_utf8_encodable(v)) return false;
    std::string_view s = as_str(v)->view();
    sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } else if (is_byte_like(v)) {
    std::string_view d;
    if (!buffer_view_or_raise(v, &d)) return false;  // a strided memoryview: BufferError
    sqlite3_result_blob64(ctx, d.data(), d.size(), SQLITE_TRANSIENT);
  } else {
    raise_fmt(&exc_TypeError, "unsupported return type {}", type_name(v));
    return false;
  }
  return true;
}

Ref value_to_python(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
      return int_from_int64(sqlite3_value_int64(v));
    case SQLITE_FLOAT:
      return float_new(sqlite3_value_double(v));
    case SQLITE_TEXT: {
      const char* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
      return str_new(std::string_view(p ? p : "", static_cast<size_t>(sqlite3_value_bytes(v))));
    }
    case SQLITE_BLOB: {
      const char* p = static_cast<const char*>(sqlite3_value_blob(v));
      return bytes_new(std::string_view(p ? p : "", static_cast<size_t>(sqlite3_value_bytes(v))));
    }
    default:
      return none_ref();
  }
}

Ref args_tuple(int argc, sqlite3_value** argv) {
  Ref t = tuple_new(static_cast<size_t>(argc));
  for (int i = 0; i < argc; i++) {
    Ref v = value_to_python(argv[i]);
    if (!v) return v;
    tuple_set_steal(as_tuple(t.get()), static_cast<size_t>(i), v.release());
  }
  return t;
}

/// A user function's pending error as SQLite's result (CPython's set_sqlite_error): MemoryError
/// and OverflowError become SQLITE_NOMEM and SQLITE_TOOBIG (so the query raises MemoryError or
/// DataError), anything else `msg`; printed as unraisable in `callable` when tracebacks are on.
void report_callback_error(sqlite3_context* ctx, const char* msg) {
  if (exception_matches(&exc_MemoryError)) {
    sqlite3_result_error_nomem(ctx);
  } else if (exception_matches(&exc_OverflowError)) {
    sqlite3_result_error_toobig(ctx);
  } else {
    sqlite3_result_error(ctx, msg, -1);
  }
  report_hook_error(Value(static_cast<Object*>(sqlite3_user_data(ctx))));
}

void func_callback(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  CallbackGil gil;
  Value func(static_cast<Object*>(sqlite3_user_data(ctx)));
  Ref a = args_tuple(argc, argv);
  Ref r = a ? call_tuple_dict(func, a.get(), Value()) : Ref();
  if (!r || !set_result(ctx, r.get()))
    report_callback_error(ctx, "user-defined function raised exception");
}

/// Aggregates: one instance of the class per group, kept in SQLite's aggregate context.
void step_callback(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  CallbackGil gil;
  auto** slot = static_cast<Object**>(sqlite3_aggregate_context(ctx, sizeof(Object*)));
  if (slot == nullptr) return;
  if (*slot == nullptr) {
    Ref inst = call0(Value(static_cast<Object*>(sqlite3_user_data(ctx))));
    if (!inst) {
      report_callback_error(ctx, "user-defined aggregate's '__init__' method raised error");
      return;
    }
    *slot = inst.release().obj();
  }
  Ref step = getattr(Value(*slot), "step");
  if (!step) {
    report_callback_error(ctx, "user-defined aggregate's 'step' method not defined");
    return;
  }
  Ref a = args_tuple(argc, argv);
  Ref r = a ? call_tuple_dict(step.get(), a.get(), Value()) : Ref();
  if (!r) report_callback_error(ctx, "user-defined aggregate's 'step' method raised error");
}

void final_callback(sqlite3_context* ctx) {
  CallbackGil gil;
  auto** slot = static_cast<Object**>(sqlite3_aggregate_context(ctx, 0));
  if (slot == nullptr || *slot == nullptr) return;  // no rows, or __init__ failed (reported)
  Ref inst = Ref::steal(Value(*slot));
  *slot = nullptr;
  Ref r = call_method(inst.get(), intern("finalize"), nullptr, 0);
  if (!r || !set_result(ctx, r.get())) {
    report_callback_error(ctx, !r && exception_matches(&exc_AttributeError)
                                   ? "user-defined aggregate's 'finalize' method not defined"
                                   : "user-defined aggregate's 'finalize' method raised error");
  }
}

/// Window functions (create_window_function): value() gives the current window's result,
/// inverse(*args) removes a row that left the window. Same instance as step/finalize.
void value_callback(sqlite3_context* ctx) {
  CallbackGil gil;
  auto** slot = static_cast<Object**>(sqlite3_aggregate_context(ctx, sizeof(Object*)));
  if (slot == nullptr || *slot == nullptr) return;  // __init__ failed (reported)
  Ref r = call_method(Value(*slot), intern("value"), nullptr, 0);
  if (!r) {
    report_callback_error(ctx, exception_matches(&exc_AttributeError)
                                   ? "user-defined aggregate's 'value' method not defined"
                                   : "user-defined aggregate's 'value' method raised error");
  } else if (!set_result(ctx, r.get())) {
    report_callback_error(ctx, "unable to set result from user-defined aggregate's 'value' method");
  }
}

void inverse_callback(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  CallbackGil gil;
  auto** slot = static_cast<Object**>(sqlite3_aggregate_context(ctx, sizeof(Object*)));
  if (slot == nullptr || *slot == nullptr) return;
  Ref inverse = getattr(Value(*slot), "inverse");
  if (!inverse) {
    report_callback_error(ctx, "user-defined aggregate's 'inverse' method not defined");
    return;
  }
  Ref a = args_tuple(argc, argv);
  if (!a) {
    report_callback_error(
        ctx, "unable to build arguments for user-defined aggregate's 'inverse' method");
    return;
  }
  if (!call_tuple_dict(inverse.get(), a.get(), Value()))
    report_callback_error(ctx, "user-defined aggregate's 'inverse' method raised error");
}

int collation_callback(void* fn, int alen, const void* a, int blen, const void* b) {
  CallbackGil gil;
  Ref x = str_new(std::string_view(static_cast<const char*>(a), static_cast<size_t>(alen)));
  Ref y = str_new(std::string_view(static_cast<const char*>(b), static_cast<size_t>(blen)));
  Ref r = call2(Value(static_cast<Object*>(fn)), x.get(), y.get());
  int64_t n = 0;
  if (!r || !is_int(r.get()) || !int_to_int64(r.get(), &n)) {
    clear_exception();
    return 0;
  }
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/// create_function(name, narg, func, *, deterministic=False)
CONN_FN(conn_create_function) {
  Value a[4];
  if (!parse_args("create_function", args, nargs, kw,
                  {"name", "narg", "func", "*", "deterministic"}, 3, a)) {
    return Ref();
  }
  ConnectionObject* c = as_conn(self);
  if (!connection_usable(c)) return Ref();
  if (!is_str(a[0]))
    return raise_fmt(&exc_TypeError, "create_function() argument 'name' must be str, not {}",
                     type_name(a[0]));
  if (!check_utf8_encodable(a[0])) return Ref();
  int narg;
  if (!c_int_arg(a[1], &narg)) return Ref();
  int flags = SQLITE_UTF8;
  if (a[3]) {
    int t = truthy(a[3]);
    if (t < 0) return Ref();
    if (t) flags |= SQLITE_DETERMINISTIC;
  }
  std::string name(as_str(a[0])->view());
  int rc;
  if (is_none(a[2])) {
    rc = sqlite3_create_function_v2(c->db, name.c_str(), narg, flags, nullptr, nullptr, nullptr,
                                    nullptr, nullptr);
  } else {
    c->callbacks.push_back(Ref::new_ref(a[2]));
    rc = sqlite3_create_function_v2(c->db, name.c_str(), narg, flags, a[2].obj(), func_callback,
                                    nullptr, nullptr, nullptr);
  }
  if (rc != SQLITE_OK)
    return raise(err_type(g_sqlite_errors.OperationalError), "Error creating function");
  return none_ref();
}

/// create_aggregate(name, n_arg, aggregate_class)
CONN_FN(conn_create_aggregate) {
  Value a[3];
  if (!parse_args("create_aggregate", args, nargs, kw, {"name", "n_arg", "aggregate_class"}, 3, a))
    return Ref();
  ConnectionObject* c = as_conn(self);
  if (!connection_usable(c)) return Ref();
  if (!is_str(a[0]))
    return raise_fmt(&exc_TypeError, "create_aggregate() argument 'name' must be str, not {}",
                     type_name(a[0]));
  if (!check_utf8_encodable(a[0])) return Ref();
  int narg;
  if (!c_int_arg(a[1], &narg)) return Ref();
  c->callbacks.push_back(Ref::new_ref(a[2]));
  std::string name(as_str(a[0])->view());
  int rc = sqlite3_create_function_v2(c->db, name.c_str(), narg, SQLITE_UTF8, a[2].obj(), nullptr,
                                      step_callback, final_callback, nullptr);
  if (rc != SQLITE_OK)
    return raise(err_type(g_sqlite_errors.OperationalError), "Error creating aggregate");
  return none_ref();
}

/// create_window_function(name, num_params, aggregate_class, /); None removes it.
CONN_FN(conn_create_window_function) {
  if (kw != nullptr && kw->size != 0)
    return raise(&exc_TypeError, "create_window_function() takes no keyword arguments");
  if (nargs != 3) {
    return raise_fmt(&exc_TypeError,
                     "create_window_function() takes exactly 3 positional arguments ({} given)",
                     nargs);
  }
  ConnectionObject* c = as_conn(self);
  if (!connection_usable(c)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "create_window_function() argument 1 must be str, not {}",
                     type_name(args[0]));
  }
  if (!check_utf8_encodable(args[0])) return Ref();
  int narg;
  if (!c_int_arg(args[1], &narg)) return Ref();
  std::string name(as_str(args[0])->view());
  int rc;
  if (is_none(args[2])) {
    rc = sqlite3_create_window_function(c->db, name.c_str(), narg, SQLITE_UTF8, nullptr, nullptr,
                                        nullptr, nullptr, nullptr, nullptr);
  } else {
    c->callbacks.push_back(Ref::new_ref(args[2]));
    rc = sqlite3_create_window_function(c->db, name.c_str(), narg, SQLITE_UTF8, args[2].obj(),
                                        step_callback, final_callback, value_callback,
                                        inverse_callback, nullptr);
  }
  // SQLite does not record this error on the connection: its generic text for the code.
  if (rc != SQLITE_OK) return raise(err_type(g_sqlite_errors.ProgrammingError), sqlite3_errstr(rc));
  return none_ref();
}

/// create_collation(name, callable); None removes it.
CONN_FN(conn_create_collation) {
  if (!check_nargs("create_collation", nargs, kw, 2, 2)) return Ref();
  ConnectionObject* c = as_conn(self);
  if (!connection_usable(c)) return Ref();
  if (!is_str(args[0]))
    return raise_fmt(&exc_TypeError, "create_collation() argument 1 must be str, not {}",
                     type_name(args[0]));
  if (!check_utf8_encodable(args[0])) return Ref();
  if (!is_none(args[1]) && !callable(args[1]))
    return raise(&exc_TypeError, "parameter must be callable");
  std::string name(as_str(args[0])->view());
  void* fn = nullptr;
  if (!is_none(args[1])) {
    c->callbacks.push_back(Ref::new_ref(args[1]));
    fn = args[1].obj();
  }
  int rc = sqlite3_create_collation(c->db, name.c_str(), SQLITE_UTF8, fn,
                                    fn ? collation_callback : nullptr);
  if (rc != SQLITE_OK) return raise_sqlite_error(c->db);
  return none_ref();
}

CONN_FN(conn_interrupt) {
  if (!check_nargs("interrupt", nargs, kw, 0, 0)) return Ref();
  ConnectionObject* c = as_conn(self);
  if (!connection_open(c)) return Ref();
  sqlite3_interrupt(c->db);
  return none_ref();
}

/// iterdump(): CPython's pure-Python sqlite3.dump._iterdump.
CONN_FN(conn_iterdump) {
  if (!check_nargs("iterdump", nargs, kw, 0, 0)) return Ref();
  if (!connection_usable(as_conn(self))) return Ref();
  Ref mod = vm::import_module_absolute("sqlite3.dump");
  if (!mod) return mod;
  Ref fn = getattr(mod.get(), "_iterdump");
  if (!fn) return fn;
  return call1(fn.get(), self);
}

Ref get_isolation_level(Value self) {
  // CPython's pysqlite_check_connection: initialised and open (any thread may ask).
  ConnectionObject* c = as_conn(self);
  if (!connection_open(c)) return Ref();
  return Ref::new_ref(c->isolation_level.get());
}
bool set_isolation_level(Value self, Value v) {
  ConnectionObject* c = as_conn(self);
  if (!v) {
    raise(&exc_AttributeError, "cannot delete attribute");
    return false;
  }
  Ref level;
  if (!isolation_level_arg(v, &level)) return false;
  // Switching to autocommit ends an open transaction.
  if (is_none(level.get()) && c->db != nullptr && !sqlite3_get_autocommit(c->db) &&
      !connection_exec(c, "COMMIT")) {
    return false;
  }
  c->isolation_level = std::move(level);
  return true;
}
Ref get_in_transaction(Value self) {
  ConnectionObject* c = as_conn(self);
  if (!connection_usable(c)) return Ref();
  return bool_ref(!sqlite3_get_autocommit(c->db));
}
Ref get_total_changes(Value self) {
  ConnectionObject* c = as_conn(self);
  if (!connection_usable(c)) return Ref();
  return int_from_int64(sqlite3_total_changes64(c->db));
}
Ref get_row_factory(Value self) { return Ref::new_ref(as_conn(self)->row_factory.get()); }
bool set_row_factory(Value self, Value v) {
  as_conn(self)->row_factory = v ? Ref::new_ref(v) : none_ref();
  return true;
}
Ref get_text_factory(Value self) { return Ref::new_ref(as_conn(self)->text_factory.get()); }
bool set_text_factory(Value self, Value v) {
  as_conn(self)->text_factory = v ? Ref::new_ref(v) : none_ref();
  return true;
}

// ---------------------------------------------------------------- module functions

#define MOD_FN(name) Ref name(Value, const Value* args, size_t nargs, TupleObject* kw)

MOD_FN(sqlite_connect) {
  // connect(database, ..., factory=Connection, ...): the factory gets every argument.
  Value factory = Value(&connection_type);
  if (nargs > 5) factory = args[5];
  if (kw != nullptr) {
    for (size_t i = 0; i < kw->size; i++) {
      if (as_str(kw->at(i))->view() == "factory") factory = args[nargs + i];
    }
  }
  return call(factory, args, nargs, kw);
}

Ref adapter_key(Value type, Value proto) { return tuple_of({type, proto}); }

MOD_FN(sqlite_register_adapter) {
  if (!check_nargs("register_adapter", nargs, kw, 2, 2)) return Ref();
  Ref key = adapter_key(args[0], Value(&prepare_protocol_type));
  if (!dict_set(as_dict(g_adapters.get()), key.get(), args[1])) return Ref();
  if (args[0] == Value(&int_type) || args[0] == Value(&float_type) || args[0] == Value(&str_type) ||
      args[0] == Value(&bytearray_type)) {
    g_base_type_adapted = true;
  }
  return none_ref();
}

MOD_FN(sqlite_register_converter) {
  if (!check_nargs("register_converter", nargs, kw, 2, 2)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "register_converter() argument 1 must be str, not {}",
                     type_name(args[0]));
  }
  std::string name(as_str(args[0])->view());
  for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  Ref key = str_new(name);
  if (!dict_set(as_dict(g_converters.get()), key.get(), args[1])) return Ref();
  return none_ref();
}

/// adapt(obj, proto=PrepareProtocol, alt=<none>)
MOD_FN(sqlite_adapt) {
  if (!check_nargs("adapt", nargs, kw, 1, 3)) return Ref();
  Value proto = nargs > 1 ? args[1] : Value(&prepare_protocol_type);
  return microprotocols_adapt(args[0], proto, nargs > 2 ? args[2] : Value());
}

MOD_FN(sqlite_complete_statement) {
  if (!check_nargs("complete_statement", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError,
                     "complete_statement() argument 'statement' must be str, not {}",
                     type_name(args[0]));
  }
  std::string s(as_str(args[0])->view());
  return bool_ref(sqlite3_complete(s.c_str()) != 0);
}

MOD_FN(sqlite_enable_callback_tracebacks) {
  if (!check_nargs("enable_callback_tracebacks", nargs, kw, 1, 1)) return Ref();
  int t = truthy(args[0]);
  if (t < 0) return Ref();
  g_callback_tracebacks = t == 1;
  return none_ref();
}

MOD_FN(sqlite_enable_shared_cache) {
  if (!check_nargs("enable_shared_cache", nargs, kw, 1, 1)) return Ref();
  int t = truthy(args[0]);
  if (t < 0) return Ref();
  if (sqlite3_enable_shared_cache(t) != SQLITE_OK) {
    return raise(err_type(g_sqlite_errors.OperationalError),
                 "Changing the shared_cache flag failed");
  }
  return none_ref();
}

Ref prepare_protocol_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<Object>(type)));
}

void plain_dealloc(Object* o) { delete o; }

void ready_types() {
  connection_type.name = "Connection";
  connection_type.module = "sqlite3";
  connection_type.flags = kTypeBaseType | kTypeWeakrefable;
  connection_type.basic_size = sizeof(ConnectionObject);
  connection_type.subclass_dict_offset = offsetof(ConnectionObject, dict);
  connection_type.dealloc = conn_dealloc;
  connection_type.traverse = conn_traverse;
  connection_type.clear = conn_clear;
  connection_type.new_ = conn_new;
  connection_type.init = conn_init;
  connection_type.call = connection_call;
  type_ready(&connection_type, &object_type);
  type_add_module_attr(&connection_type);
  const struct {
    const char* name;
    NativeFn fn;
  } kMethods[] = {
      {"cursor", conn_cursor},
      {"execute", conn_execute},
      {"executemany", conn_executemany},
      {"executescript", conn_executescript},
      {"commit", conn_commit},
      {"rollback", conn_rollback},
      {"close", conn_close},
      {"__enter__", conn_enter},
      {"__exit__", conn_exit},
      {"create_function", conn_create_function},
      {"create_aggregate", conn_create_aggregate},
      {"create_collation", conn_create_collation},
      {"create_window_function", conn_create_window_function},
      {"interrupt", conn_interrupt},
      {"iterdump", conn_iterdump},
  };
  for (const auto& m : kMethods) add_method(&connection_type, m.name, m.fn);
  connection_ops_init();
  blob_type_init();
  add_getset(&connection_type, "isolation_level", get_isolation_level, set_isolation_level);
  add_getset(&connection_type, "in_transaction", get_in_transaction);
  add_getset(&connection_type, "total_changes", get_total_changes);
  add_getset(&connection_type, "row_factory", get_row_factory, set_row_factory);
  add_getset(&connection_type, "text_factory", get_text_factory, set_text_factory);

  prepare_protocol_type.name = "PrepareProtocol";
  prepare_protocol_type.module = "sqlite3";
  prepare_protocol_type.flags = kTypeBaseType;
  prepare_protocol_type.basic_size = sizeof(Object);
  prepare_protocol_type.dealloc = plain_dealloc;
  prepare_protocol_type.new_ = prepare_protocol_new;
  type_ready(&prepare_protocol_type, &object_type);
  type_add_module_attr(&prepare_protocol_type);
  cursor_types_init();
}

bool make_errors() {
  SqliteErrors& e = g_sqlite_errors;
  e.Warning = new_exception_class("sqlite3", "Warning", &exc_Exception);
  e.Error = new_exception_class("sqlite3", "Error", &exc_Exception);
  if (!e.Warning || !e.Error) return false;
  e.InterfaceError = new_exception_class("sqlite3", "InterfaceError", err_type(e.Error));
  e.DatabaseError = new_exception_class("sqlite3", "DatabaseError", err_type(e.Error));
  if (!e.InterfaceError || !e.DatabaseError) return false;
  TypeObject* db = err_type(e.DatabaseError);
  e.InternalError = new_exception_class("sqlite3", "InternalError", db);
  e.OperationalError = new_exception_class("sqlite3", "OperationalError", db);
  e.ProgrammingError = new_exception_class("sqlite3", "ProgrammingError", db);
  e.IntegrityError = new_exception_class("sqlite3", "IntegrityError", db);
  e.DataError = new_exception_class("sqlite3", "DataError", db);
  e.NotSupportedError = new_exception_class("sqlite3", "NotSupportedError", db);
  return e.InternalError && e.OperationalError && e.ProgrammingError && e.IntegrityError &&
         e.DataError && e.NotSupportedError;
}

}  // namespace

bool init__sqlite3(Value module, DictObject* ns) {
  if (connection_type.dict == nullptr) {
    if (!make_errors()) return false;
    ready_types();
    g_adapters = dict_new();
    g_converters = dict_new();
  }
  const SqliteErrors& e = g_sqlite_errors;
  const struct {
    const char* name;
    const Ref* cls;
  } kErrors[] = {{"Warning", &e.Warning},
                 {"Error", &e.Error},
                 {"InterfaceError", &e.InterfaceError},
                 {"DatabaseError", &e.DatabaseError},
                 {"InternalError", &e.InternalError},
                 {"OperationalError", &e.OperationalError},
                 {"ProgrammingError", &e.ProgrammingError},
                 {"IntegrityError", &e.IntegrityError},
                 {"DataError", &e.DataError},
                 {"NotSupportedError", &e.NotSupportedError}};
  for (const auto& x : kErrors) {
    dict_set_cstr(ns, x.name, x.cls->get());
    // DB-API: the exceptions are also attributes of Connection.
    add_attr(&connection_type, x.name, x.cls->get());
  }
  dict_set_cstr(ns, "Connection", Value(&connection_type));
  dict_set_cstr(ns, "Cursor", Value(&cursor_type));
  dict_set_cstr(ns, "Row", Value(&row_type));
  dict_set_cstr(ns, "Blob", Value(&blob_type));
  dict_set_cstr(ns, "PrepareProtocol", Value(&prepare_protocol_type));
  dict_set_cstr(ns, "adapters", g_adapters.get());
  dict_set_cstr(ns, "converters", g_converters.get());
  add_function(ns, module, "connect", sqlite_connect);
  add_function(ns, module, "register_adapter", sqlite_register_adapter);
  add_function(ns, module, "register_converter", sqlite_register_converter);
  add_function(ns, module, "adapt", sqlite_adapt);
  add_function(ns, module, "complete_statement", sqlite_complete_statement);
  add_function(ns, module, "enable_callback_tracebacks", sqlite_enable_callback_tracebacks);
  add_function(ns, module, "enable_shared_cache", sqlite_enable_shared_cache);
  for (const CodeName& c : kErrorCodes) dict_set_cstr(ns, c.name, int_from_int64(c.code).get());
  for (const CodeName& c : kOtherCodes) dict_set_cstr(ns, c.name, int_from_int64(c.code).get());
  dict_set_cstr(ns, "PARSE_DECLTYPES", Value::from_small(1));
  dict_set_cstr(ns, "PARSE_COLNAMES", Value::from_small(2));
  dict_set_cstr(ns, "version", str_new("2.6.0").get());
  dict_set_cstr(ns, "sqlite_version", str_new(sqlite3_libversion()).get());
  // DB-API threadsafety from SQLite's threading mode: serialized 3, multi-thread 1, single 0.
  int mode = sqlite3_threadsafe();
  dict_set_cstr(ns, "threadsafety", Value::from_small(mode == 1 ? 3 : mode == 2 ? 1 : 0));
  return true;
}

}  // namespace minipy::lib
