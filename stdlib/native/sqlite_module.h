// The _sqlite3 module's shared pieces (CPython's Modules/_sqlite semantics, our own code): the
// Connection, Cursor and Row objects, the DB-API exception classes, and the rule for running
// SQLite with the GIL released while still letting SQLite call back into Python (user-defined
// functions run inside sqlite3_step): SqliteUnlocked releases the GIL and remembers the thread
// state, CallbackGil re-takes it for the duration of a callback.
// _sqlite3.cpp has the module and Connection, sqlite_cursor.cpp the Cursor and Row.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "runtime/object.h"
#include "runtime/state/gil.h"
#include "runtime/type.h"
#include "stdlib/native/sqlite_statement_cache.h"

namespace minipy::rt {
struct ThreadState;
}

namespace minipy::lib {

struct BlobObject;

struct ConnectionObject : rt::Object {
  rt::DictObject* dict = nullptr;  // subclasses (factory=)
  sqlite3* db = nullptr;
  bool initialized = false;
  bool check_same_thread = true;
  uint64_t thread_ident = 0;
  int detect_types = 0;
  rt::Ref isolation_level;         // None (autocommit) or "", "DEFERRED", "IMMEDIATE", "EXCLUSIVE"
  rt::Ref row_factory;             // None or a callable
  rt::Ref text_factory;            // str by default
  std::vector<rt::Ref> callbacks;  // user functions, aggregates, collations: kept alive here
  StatementCache statements;       // prepared statements by SQL text (cached_statements)
  rt::Ref trace_callback;          // set_trace_callback / set_progress_handler / set_authorizer
  rt::Ref progress_handler;        // (null when unset: SQLite holds a borrowed pointer to each)
  rt::Ref authorizer;
  std::vector<BlobObject*> blobs;  // open blobs (each holds a reference to the connection)
};

struct CursorObject : rt::Object {
  rt::DictObject* dict = nullptr;
  rt::Ref connection;
  rt::Ref description;  // None or a tuple of 7-tuples
  rt::Ref row_factory;
  rt::Ref lastrowid;
  std::vector<rt::Ref> converters;  // per column of `stmt`: a converter or null
  StatementRef held;                // the statement being run (shared with the cache)
  sqlite3_stmt* stmt = nullptr;     // held->stmt while a statement has rows still to fetch
  bool has_row = false;             // stmt is positioned on a row
  int64_t rowcount = -1;
  int64_t arraysize = 1;
  bool initialized = false;
  bool closed = false;
  bool locked = false;  // inside execute/executemany or building a row: Python code may run there
};

struct BlobObject : rt::Object {
  rt::Ref connection;
  sqlite3_blob* blob = nullptr;  // null once closed
  int offset = 0;                // read/write position
};

struct RowObject : rt::Object {
  rt::Ref data;         // tuple
  rt::Ref description;  // the cursor's description
};

extern rt::TypeObject connection_type;
extern rt::TypeObject cursor_type;
extern rt::TypeObject row_type;
extern rt::TypeObject prepare_protocol_type;

/// The DB-API exceptions (created at module init).
struct SqliteErrors {
  rt::Ref Warning, Error, InterfaceError, DatabaseError, InternalError, OperationalError,
      ProgrammingError, IntegrityError, DataError, NotSupportedError;
};
extern SqliteErrors g_sqlite_errors;
inline rt::TypeObject* err_type(const rt::Ref& r) {
  return static_cast<rt::TypeObject*>(r.get().obj());
}

/// The module's adapters and converters dicts.
extern rt::Ref g_adapters;
extern rt::Ref g_converters;
extern bool g_callback_tracebacks;
/// CPython's print_or_clear_traceback: the pending error of a callback nobody can catch, printed
/// as unraisable in `callable` when enable_callback_tracebacks(True) was called, else cleared.
void report_hook_error(rt::Value callable);
/// register_adapter was called for int, float, str or bytearray: every parameter is adapted.
extern bool g_base_type_adapted;
/// CPython's pysqlite_microprotocols_adapt: the registered adapter for (type(obj), proto), else
/// proto.__adapt__(obj), else obj.__conform__(proto) (None or TypeError from either means no);
/// else `alt` if given, else ProgrammingError "can't adapt".
rt::Ref microprotocols_adapt(rt::Value obj, rt::Value proto, rt::Value alt);
/// A str SQLite can take (strict UTF-8: no lone surrogates); else false with CPython's
/// UnicodeEncodeError ("'utf-8' codec can't encode character ...: surrogates not allowed").
bool check_utf8_encodable(rt::Value str);

/// Raises the exception SQLite's last error on `db` maps to (CPython's _pysqlite_seterror),
/// with sqlite_errorcode and sqlite_errorname set. Returns null.
rt::Ref raise_sqlite_error(sqlite3* db);
/// "Base Connection.__init__ not called." unless it was (and its last re-initialisation opened
/// the database). False with an exception.
bool connection_initialized(ConnectionObject* c);
/// Initialised and not closed (CPython's pysqlite_check_connection; any thread).
bool connection_open(ConnectionObject* c);
/// CPython's pysqlite_check_thread: "SQLite objects created in a thread can only be used in that
/// same thread" unless check_same_thread=False. False with an exception.
bool connection_same_thread(ConnectionObject* c);
/// connection_open and the same-thread check. False with an exception.
bool connection_usable(ConnectionObject* c);
/// Executes one SQL statement without results ("BEGIN", "COMMIT") with the GIL released.
bool connection_exec(ConnectionObject* c, const char* sql);
/// Binds, adapts and converts (sqlite_cursor.cpp): used by Connection.execute and friends.
rt::Ref cursor_execute(rt::Value cursor, rt::Value sql, rt::Value params, bool many);
/// Compiles one SQL statement (CPython's pysqlite_statement_create checks: too large, NUL, more
/// than one statement); *out stays null for only whitespace and comments. False with an error.
bool prepare_statement(ConnectionObject* conn, const std::string& text, StatementRef* out);
/// Connection.__call__(sql): a prepared sqlite3.Statement (the type's call slot).
rt::Ref connection_call(rt::Value self, const rt::Value* args, size_t nargs, rt::TupleObject* kw);
rt::Ref cursor_executescript(rt::Value cursor, rt::Value script);
void cursor_types_init();
/// backup, serialize/deserialize, getlimit/setlimit and the hooks (sqlite_connection_ops.cpp).
void connection_ops_init();
void connection_hooks_traverse(ConnectionObject* c, rt::VisitFn visit, void* arg);
/// sqlite3.Blob and Connection.blobopen (sqlite_blob.cpp).
void blob_type_init();
extern rt::TypeObject blob_type;
/// Closes every blob still open on `c` (Connection.close, as CPython).
void close_all_blobs(ConnectionObject* c);
/// Unregisters the hooks from SQLite and drops the callables (close, clear).
void connection_hooks_clear(ConnectionObject* c);

/// Releases the GIL around a SQLite call that may call back into Python.
class SqliteUnlocked {
 public:
  SqliteUnlocked();
  ~SqliteUnlocked();
  SqliteUnlocked(const SqliteUnlocked&) = delete;
  SqliteUnlocked& operator=(const SqliteUnlocked&) = delete;

 private:
  rt::ThreadState* saved_;
  std::optional<rt::ReleaseGil> unlocked_;
};

/// In a SQLite callback: holds the GIL for the callback's duration (re-taken when the call that
/// led here released it).
class CallbackGil {
 public:
  CallbackGil();
  ~CallbackGil();
  CallbackGil(const CallbackGil&) = delete;
  CallbackGil& operator=(const CallbackGil&) = delete;

 private:
  rt::ThreadState* ts_ = nullptr;
};

}  // namespace minipy::lib
