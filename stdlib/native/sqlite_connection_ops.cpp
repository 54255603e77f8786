// _sqlite3's Connection methods beyond executing SQL (CPython's Modules/_sqlite/connection.c
// semantics, our own code): online backup to another connection, serialize/deserialize, the
// run-time limits, and the three hooks SQLite calls while a statement runs: the trace callback
// (each statement's expanded SQL), the progress handler (every n virtual-machine instructions;
// a true result interrupts the statement) and the authorizer (allow, deny or ignore each access).
//
// The hooks run inside sqlite3_prepare/sqlite3_step, which run with the GIL released: each
// callback takes it back through CallbackGil. A callback's exception cannot propagate through
// SQLite: it is printed when enable_callback_tracebacks(True) was called (as unraisable, naming
// the callable), else dropped; the statement then sees CPython's outcome (denied, interrupted).
#include <sqlite3.h>

#include <cstring>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "stdlib/native/sqlite_module.h"

namespace minipy::lib {

using namespace rt;

namespace {

ConnectionObject* as_conn(Value v) { return static_cast<ConnectionObject*>(v.obj()); }
TypeObject* operational_error() { return err_type(g_sqlite_errors.OperationalError); }

Ref str_or_none(const char* s) { return s ? str_new(s) : none_ref(); }

// ---------------------------------------------------------------- hooks

int trace_hook(unsigned type, void* ctx, void* stmt, void* sql) {
  if (type != SQLITE_TRACE_STMT) return 0;
  CallbackGil gil;
  Value callable(static_cast<Object*>(ctx));
  Ref keep = Ref::new_ref(callable);
  Ref text;
  char* expanded = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(stmt));
  if (expanded == nullptr) {
    if (sqlite3_errcode(sqlite3_db_handle(static_cast<sqlite3_stmt*>(stmt))) == SQLITE_NOMEM) {
      raise_no_memory();
      report_hook_error(callable);
      return 0;
    }
    raise(err_type(g_sqlite_errors.DataError),
          "Expanded SQL string exceeds the maximum string length");
    report_hook_error(callable);
    text = str_new(static_cast<const char*>(sql));  // the unexpanded SQL instead
  } else {
    text = str_new(expanded);
    sqlite3_free(expanded);
  }
  Ref r = call1(callable, text.get());
  if (!r) report_hook_error(callable);
  return 0;
}

int progress_hook(void* ctx) {
  CallbackGil gil;
  Value callable(static_cast<Object*>(ctx));
  Ref keep = Ref::new_ref(callable);
  Ref r = call0(callable);
  if (!r) {
    report_hook_error(callable);
    return -1;  // abort the statement
  }
  int t = truthy(r.get());
  if (t < 0) report_hook_error(callable);
  return t;
}

int authorizer_hook(void* ctx, int action, const char* arg1, const char* arg2, const char* dbname,
                    const char* source) {
  CallbackGil gil;
  Value callable(static_cast<Object*>(ctx));
  Ref keep = Ref::new_ref(callable);
  Value argv[5];
  Ref a0 = int_from_int64(action), a1 = str_or_none(arg1), a2 = str_or_none(arg2),
      a3 = str_or_none(dbname), a4 = str_or_none(source);
  argv[0] = a0.get();
  argv[1] = a1.get();
  argv[2] = a2.get();
  argv[3] = a3.get();
  argv[4] = a4.get();
  Ref r = call(callable, argv, 5, nullptr);
  if (!r) {
    report_hook_error(callable);
    return SQLITE_DENY;
  }
  if (!is_int(r.get())) return SQLITE_DENY;
  int64_t rc;
  if (!int_to_int64(r.get(), &rc) || rc < INT32_MIN || rc > INT32_MAX) {
    if (!error_pending()) raise(&exc_OverflowError, "Python int too large to convert to C int");
    report_hook_error(callable);
    return SQLITE_DENY;
  }
  return static_cast<int>(rc);
}

/// The usable connection, or null with CPython's error (closed, or the wrong thread).
ConnectionObject* usable(Value self) {
  ConnectionObject* c = as_conn(self);
  return connection_usable(c) ? c : nullptr;
}

Ref conn_set_trace_callback(Value self, NativeArgs& a) {
  ConnectionObject* c = usable(self);
  if (!c) return Ref();
  if (is_none(a[0])) {
    sqlite3_trace_v2(c->db, SQLITE_TRACE_STMT, nullptr, nullptr);
    c->trace_callback = Ref();
  } else {
    sqlite3_trace_v2(c->db, SQLITE_TRACE_STMT, trace_hook, a[0].obj());
    c->trace_callback = Ref::new_ref(a[0]);
  }
  return none_ref();
}

Ref conn_set_progress_handler(Value self, NativeArgs& a) {
  ConnectionObject* c = usable(self);
  if (!c) return Ref();
  if (is_none(a[0])) {
    sqlite3_progress_handler(c->db, 0, nullptr, nullptr);
    c->progress_handler = Ref();
  } else {
    sqlite3_progress_handler(c->db, a.i32(1), progress_hook, a[0].obj());
    c->progress_handler = Ref::new_ref(a[0]);
  }
  return none_ref();
}

Ref conn_set_authorizer(Value self, NativeArgs& a) {
  ConnectionObject* c = usable(self);
  if (!c) return Ref();
  int rc;
  if (is_none(a[0])) {
    rc = sqlite3_set_authorizer(c->db, nullptr, nullptr);
    c->authorizer = Ref();
  } else {
    rc = sqlite3_set_authorizer(c->db, authorizer_hook, a[0].obj());
    c->authorizer = Ref::new_ref(a[0]);
  }
  if (rc != SQLITE_OK) {
    c->authorizer = Ref();
    return raise(operational_error(), "Error setting authorizer callback");
  }
  return none_ref();
}

// ---------------------------------------------------------------- limits

Ref set_limit(Value self, int category, int limit) {
  ConnectionObject* c = usable(self);
  if (!c) return Ref();
  int old = sqlite3_limit(c->db, category, limit);
  if (old < 0)
    return raise(err_type(g_sqlite_errors.ProgrammingError), "'category' is out of bounds");
  return int_from_int64(old);
}

Ref conn_getlimit(Value self, NativeArgs& a) { return set_limit(self, a.i32(0), -1); }
Ref conn_setlimit(Value self, NativeArgs& a) { return set_limit(self, a.i32(0), a.i32(1)); }

// ---------------------------------------------------------------- serialize

/// A schema name argument: str without NUL (CPython's `str` converter).
bool schema_name(NativeArgs& a, size_t i, std::string* out) {
  std::string_view s = as_str(a[i])->view();
  if (s.find('\0') != std::string_view::npos) {
    raise(&exc_ValueError, "embedded null character");
    return false;
  }
  *out = std::string(s);
  return true;
}

Ref conn_serialize(Value self, NativeArgs& a) {
  std::string name;
  if (!schema_name(a, 0, &name)) return Ref();
  ConnectionObject* c = usable(self);
  if (!c) return Ref();
  // With a contiguous in-memory image SQLite can hand it out without copying; else it copies.
  sqlite3_int64 size = 0;
  unsigned flags = SQLITE_SERIALIZE_NOCOPY;
  unsigned char* data;
  {
    SqliteUnlocked unlocked;
    data = sqlite3_serialize(c->db, name.c_str(), &size, flags);
    if (data == nullptr) {
      flags = 0;
      data = sqlite3_serialize(c->db, name.c_str(), &size, flags);
    }
  }
  if (data == nullptr) return raise_fmt(operational_error(), "unable to serialize '{}'", name);
  Ref r =
      bytes_new(std::string_view(reinterpret_cast<const char*>(data), static_cast<size_t>(size)));
  if (flags == 0) sqlite3_free(data);
  return r;
}

Ref conn_deserialize(Value self, NativeArgs& a) {
  std::string_view data;
  if (is_str(a[0])) {
    data = as_str(a[0])->view();  // CPython accepts str (its UTF-8) as well as buffers
  } else if (!buffer_view_or_raise(a[0], &data)) {
    return Ref();
  }
  std::string name;
  if (!schema_name(a, 1, &name)) return Ref();
  ConnectionObject* c = usable(self);
  if (!c) return Ref();
  // SQLite takes ownership of a buffer from its own allocator, frees it on close and may grow it.
  auto size = static_cast<sqlite3_int64>(data.size());
  auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
  if (buf == nullptr && size != 0) return raise_no_memory();
  if (size != 0) std::memcpy(buf, data.data(), data.size());
  int rc;
  {
    SqliteUnlocked unlocked;
    rc = sqlite3_deserialize(c->db, name.c_str(), buf, size, size,
                             SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  }
  if (rc != SQLITE_OK) return raise_sqlite_error(c->db);
  return none_ref();
}

// ---------------------------------------------------------------- backup

Ref conn_backup(Value self, NativeArgs& a) {
  Value target = a[0];
  if (!isinstance(target, &connection_type)) {
    return raise_fmt(&exc_TypeError,
                     "backup() argument 'target' must be sqlite3.Connection, not {}",
                     is_none(target) ? "None" : type_name(target));
  }
  int pages = a.i32(1);
  Value progress = a[2];
  std::string name;
  if (!schema_name(a, 3, &name)) return Ref();
  double sleep = a.f64(4);
  ConnectionObject* c = usable(self);
  if (!c) return Ref();
  ConnectionObject* t = as_conn(target);
  if (t->db == nullptr) {
    return raise(err_type(g_sqlite_errors.ProgrammingError),
                 "Cannot operate on a closed database.");
  }
  if (t == c) return raise(&exc_ValueError, "target cannot be the same connection instance");
  if (!is_none(progress) && !callable(progress))
    return raise(&exc_TypeError, "progress argument must be a callable");
  if (pages == 0) pages = -1;
  int sleep_ms = static_cast<int>(sleep * 1000.0);
  sqlite3_backup* backup;
  {
    SqliteUnlocked unlocked;
    backup = sqlite3_backup_init(t->db, "main", c->db, name.c_str());
  }
  if (backup == nullptr) return raise_sqlite_error(t->db);
  int rc;
  do {
    {
      SqliteUnlocked unlocked;
      rc = sqlite3_backup_step(backup, pages);
    }
    if (!is_none(progress)) {
      Value argv[3];
      Ref st = int_from_int64(rc), rem = int_from_int64(sqlite3_backup_remaining(backup)),
          total = int_from_int64(sqlite3_backup_pagecount(backup));
      argv[0] = st.get();
      argv[1] = rem.get();
      argv[2] = total.get();
      if (!call(progress, argv, 3, nullptr)) {  // the callback failed: abandon the backup
        SqliteUnlocked unlocked;
        sqlite3_backup_finish(backup);
        return Ref();
      }
    }
    // Nothing copied because a page was busy or locked: wait before the next try.
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      SqliteUnlocked unlocked;
      sqlite3_sleep(sleep_ms);
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  {
    SqliteUnlocked unlocked;
    rc = sqlite3_backup_finish(backup);
  }
  if (rc != SQLITE_OK) return raise_sqlite_error(t->db);
  return none_ref();
}

const NativeDef kConnectionOps[] = {
    {"backup($self, /, target, *, pages: int = -1, progress=None, name: str = 'main', "
     "sleep: double = 0.25)",
     conn_backup},
    {"set_trace_callback($self, /, trace_callback)", conn_set_trace_callback},
    {"set_progress_handler($self, /, progress_handler, n: int)", conn_set_progress_handler},
    {"set_authorizer($self, /, authorizer_callback)", conn_set_authorizer},
    {"getlimit($self, category: int, /)", conn_getlimit},
    {"setlimit($self, category: int, limit: int, /)", conn_setlimit},
    {"serialize($self, /, *, name: str = 'main')", conn_serialize},
    {"deserialize($self, data, /, *, name: str = 'main')", conn_deserialize},
};

}  // namespace

void connection_ops_init() { add_methods(&connection_type, kConnectionOps); }

void connection_hooks_traverse(ConnectionObject* c, VisitFn visit, void* arg) {
  visit_value(c->trace_callback.get(), visit, arg);
  visit_value(c->progress_handler.get(), visit, arg);
  visit_value(c->authorizer.get(), visit, arg);
}

void connection_hooks_clear(ConnectionObject* c) {
  if (c->db != nullptr) {
    sqlite3_trace_v2(c->db, SQLITE_TRACE_STMT, nullptr, nullptr);
    sqlite3_progress_handler(c->db, 0, nullptr, nullptr);
    sqlite3_set_authorizer(c->db, nullptr, nullptr);
  }
  c->trace_callback = Ref();
  c->progress_handler = Ref();
  c->authorizer = Ref();
}

}  // namespace minipy::lib
