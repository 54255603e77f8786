// sqlite3.Blob and Connection.blobopen (CPython's Modules/_sqlite/blob.c semantics, our own
// code): incremental I/O on one BLOB value, as a file (read/write/seek/tell, a context manager)
// and as a fixed-length mutable byte sequence (len, indexing and slicing, item and slice
// assignment; no concatenation, repetition or iteration, as CPython). A blob cannot change its
// length. SQLite expires the handle when its row changes (reads/writes then fail with
// OperationalError); Connection.close closes every blob still open on it.
#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/int.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "stdlib/native/sqlite_module.h"

namespace minipy::lib {

using namespace rt;

TypeObject blob_type;

namespace {

BlobObject* as_blob(Value v) { return static_cast<BlobObject*>(v.obj()); }
ConnectionObject* conn_of(BlobObject* b) {
  return static_cast<ConnectionObject*>(b->connection.get().obj());
}

/// Closes the SQLite handle (idempotent) and leaves the connection's list of open blobs.
void close_blob(BlobObject* b) {
  if (b->blob == nullptr) return;
  sqlite3_blob* handle = b->blob;
  b->blob = nullptr;
  auto& open = conn_of(b)->blobs;
  open.erase(std::remove(open.begin(), open.end(), b), open.end());
  SqliteUnlocked unlocked;
  sqlite3_blob_close(handle);
}

/// CPython's check_blob: the connection usable, then the blob open.
bool check_blob(BlobObject* b) {
  if (!connection_usable(conn_of(b))) return false;
  if (b->blob == nullptr) {
    raise(err_type(g_sqlite_errors.ProgrammingError), "Cannot operate on a closed blob.");
    return false;
  }
  return true;
}

int blob_len(BlobObject* b) { return sqlite3_blob_bytes(b->blob); }

/// Reads `n` bytes at `offset` (the caller keeps them inside the blob).
bool read_into(BlobObject* b, int64_t n, int64_t offset, std::string* out) {
  out->assign(static_cast<size_t>(n), '\0');
  int rc;
  {
    SqliteUnlocked unlocked;
    rc = sqlite3_blob_read(b->blob, out->data(), static_cast<int>(n), static_cast<int>(offset));
  }
  if (rc != SQLITE_OK) {
    raise_sqlite_error(conn_of(b)->db);
    return false;
  }
  return true;
}

Ref read_range(BlobObject* b, int64_t n, int64_t offset) {
  std::string buf;
  if (!read_into(b, n, offset, &buf)) return Ref();
  return bytes_new(buf);
}

bool write_range(BlobObject* b, std::string_view data, int64_t offset) {
  if (static_cast<int64_t>(data.size()) > blob_len(b) - offset) {
    raise(&exc_ValueError, "data longer than blob length");
    return false;
  }
  int rc;
  {
    SqliteUnlocked unlocked;
    rc = sqlite3_blob_write(b->blob, data.data(), static_cast<int>(data.size()),
                            static_cast<int>(offset));
  }
  if (rc != SQLITE_OK) {
    raise_sqlite_error(conn_of(b)->db);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- file-like methods

Ref blob_read(Value self, NativeArgs& a) {
  BlobObject* b = as_blob(self);
  if (!check_blob(b)) return Ref();
  int length = a.i32(0);
  int left = blob_len(b) - b->offset;
  if (left < 0) {  // SQLite shrank an expired handle to 0 bytes: let a read report the expiry
    std::string none;
    if (!read_into(b, 0, 0, &none)) return Ref();
    left = 0;
  }
  if (length < 0 || length > left) length = left;  // never past the end; negative = the rest
  if (length == 0) return bytes_new("");
  Ref r = read_range(b, length, b->offset);
  if (r) b->offset += length;
  return r;
}

Ref blob_write(Value self, NativeArgs& a) {
  BlobObject* b = as_blob(self);
  if (!check_blob(b)) return Ref();
  std::string_view data = a.bytes(0);
  if (!write_range(b, data, b->offset)) return Ref();
  b->offset += static_cast<int>(data.size());
  return none_ref();
}

Ref blob_seek(Value self, NativeArgs& a) {
  BlobObject* b = as_blob(self);
  if (!check_blob(b)) return Ref();
  int offset = a.i32(0);
  int origin = a.i32(1);
  int len = blob_len(b);
  switch (origin) {
    case SEEK_SET:
      break;
    case SEEK_CUR:
      if (offset > INT_MAX - b->offset)
        return raise(&exc_OverflowError, "seek offset results in overflow");
      offset += b->offset;
      break;
    case SEEK_END:
      if (offset > INT_MAX - len)
        return raise(&exc_OverflowError, "seek offset results in overflow");
      offset += len;
      break;
    default:
      return raise(&exc_ValueError, "'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END");
  }
  if (offset < 0 || offset > len) return raise(&exc_ValueError, "offset out of blob range");
  b->offset = offset;
  return none_ref();
}

Ref blob_tell(Value self, NativeArgs&) {
  BlobObject* b = as_blob(self);
  if (!check_blob(b)) return Ref();
  return int_from_int64(b->offset);
}

Ref blob_close_method(Value self, NativeArgs&) {
  BlobObject* b = as_blob(self);
  if (!connection_usable(conn_of(b))) return Ref();
  close_blob(b);
  return none_ref();
}

Ref blob_enter(Value self, NativeArgs&) {
  if (!check_blob(as_blob(self))) return Ref();
  return Ref::new_ref(self);
}

Ref blob_exit(Value self, NativeArgs&) {
  BlobObject* b = as_blob(self);
  if (!check_blob(b)) return Ref();
  close_blob(b);
  return bool_ref(false);
}

// ---------------------------------------------------------------- sequence-like access

bool blob_length_slot(Value self, int64_t* out) {
  BlobObject* b = as_blob(self);
  if (!check_blob(b)) return false;
  *out = blob_len(b);
  return true;
}

bool is_slice(Value v) { return v.is_object() && v.obj()->type == &slice_type; }
bool has_index(Value v) { return type_of(v)->nb_index != nullptr; }

/// An index into the blob (negative from the end), or -1 with IndexError.
int64_t item_index(BlobObject* b, Value key) {
  int64_t i;
  if (!index_int64(key, &i)) {
    if (exception_matches(&exc_OverflowError)) {
      clear_exception();
      raise(&exc_IndexError, "cannot fit 'int' into an index-sized integer");
    }
    return -1;
  }
  int64_t len = blob_len(b);
  if (i < 0) i += len;
  if (i < 0 || i >= len) {
    raise(&exc_IndexError, "Blob index out of range");
    return -1;
  }
  return i;
}

Ref blob_getitem(Value self, Value key) {
  BlobObject* b = as_blob(self);
  if (!check_blob(b)) return Ref();
  if (has_index(key)) {
    int64_t i = item_index(b, key);
    if (i < 0) return Ref();
    std::string byte;
    if (!read_into(b, 1, i, &byte)) return Ref();
    return int_from_int64(static_cast<unsigned char>(byte[0]));
  }
  if (!is_slice(key)) return raise(&exc_TypeError, "Blob indices must be integers");
  int64_t start, stop, step, n;
  if (!slice_indices(static_cast<SliceObject*>(key.obj()), blob_len(b), &start, &stop, &step, &n))
    return Ref();
  if (n == 0) return bytes_new("");
  if (step == 1) return read_range(b, n, start);
  // Read the span the slice covers once, then pick every step-th byte.
  int64_t first = step > 0 ? start : start + (n - 1) * step;
  int64_t last = step > 0 ? start + (n - 1) * step : start;
  std::string s;
  if (!read_into(b, last - first + 1, first, &s)) return Ref();
  std::string out;
  out.reserve(static_cast<size_t>(n));
  for (int64_t k = 0, j = start - first; k < n; k++, j += step)
    out.push_back(s[static_cast<size_t>(j)]);
  return bytes_new(out);
}

bool blob_setitem(Value self, Value key, Value value) {
  BlobObject* b = as_blob(self);
  if (!check_blob(b)) return false;
  if (has_index(key)) {
    if (!value) {
      raise(&exc_TypeError, "Blob doesn't support item deletion");
      return false;
    }
    if (!is_int(value)) {
      raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                type_name(value));
      return false;
    }
    int64_t i = item_index(b, key);
    if (i < 0) return false;
    int64_t v;
    if (!int_to_int64(value, &v)) {  // too big for C long: reported as out of range, as CPython
      clear_exception();
      v = -1;
    }
    if (v < 0 || v > 255) {
      raise(&exc_ValueError, "byte must be in range(0, 256)");
      return false;
    }
    char byte = static_cast<char>(v);
    return write_range(b, std::string_view(&byte, 1), i);
  }
  if (!is_slice(key)) {
    raise(&exc_TypeError, "Blob indices must be integers");
    return false;
  }
  if (!value) {
    raise(&exc_TypeError, "Blob doesn't support slice deletion");
    return false;
  }
  int64_t start, stop, step, n;
  if (!slice_indices(static_cast<SliceObject*>(key.obj()), blob_len(b), &start, &stop, &step, &n))
    return false;
  if (n == 0) return true;
  std::string_view data;
  if (!buffer_view_or_raise(value, &data)) return false;
  if (static_cast<int64_t>(data.size()) != n) {
    raise(&exc_IndexError, "Blob slice assignment is wrong size");
    return false;
  }
  if (step == 1) return write_range(b, data, start);
  // Read the span, place every step-th byte, write the span back.
  int64_t first = step > 0 ? start : start + (n - 1) * step;
  int64_t last = step > 0 ? start + (n - 1) * step : start;
  std::string s;
  if (!read_into(b, last - first + 1, first, &s)) return false;
  for (int64_t k = 0, j = start - first; k < n; k++, j += step)
    s[static_cast<size_t>(j)] = data[static_cast<size_t>(k)];
  return write_range(b, s, first);
}

// ---------------------------------------------------------------- lifetime

void blob_dealloc(Object* o) {
  auto* b = static_cast<BlobObject*>(o);
  if (b->connection) close_blob(b);
  delete b;
}

void blob_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<BlobObject*>(o)->connection.get(), visit, arg);
}

void blob_clear(Object* o) {
  auto* b = static_cast<BlobObject*>(o);
  if (b->connection) close_blob(b);
  b->connection = Ref();
}


const NativeDef kBlobMethods[] = {
    {"read($self, length: int = -1, /)", blob_read},
    {"write($self, data: buffer, /)", blob_write},
    {"seek($self, offset: int, origin: int = 0, /)", blob_seek},
    {"tell($self, /)", blob_tell},
    {"close($self, /)", blob_close_method},
    {"__enter__($self, /)", blob_enter},
    {"__exit__($self, type, val, tb, /)", blob_exit},
};

/// Connection.blobopen(table, column, row, /, *, readonly=False, name='main')
Ref conn_blobopen(Value self, NativeArgs& a) {
  auto* c = static_cast<ConnectionObject*>(self.obj());
  std::string table(as_str(a[0])->view()), column(as_str(a[1])->view()), name(as_str(a[4])->view());
  for (const std::string* s : {&table, &column, &name}) {
    if (s->find('\0') != std::string::npos)
      return raise(&exc_ValueError, "embedded null character");
  }
  int64_t row = a.i64(2);
  bool readonly = a.flag(3);
  if (!connection_usable(c)) return Ref();
  sqlite3_blob* handle = nullptr;
  int rc;
  {
    SqliteUnlocked unlocked;
    rc = sqlite3_blob_open(c->db, name.c_str(), table.c_str(), column.c_str(), row,
                           readonly ? 0 : 1, &handle);
  }
  if (rc == SQLITE_MISUSE)
    return raise(err_type(g_sqlite_errors.InterfaceError), sqlite3_errstr(rc));
  if (rc != SQLITE_OK) return raise_sqlite_error(c->db);
  auto* b = alloc_instance<BlobObject>(&blob_type);
  b->connection = Ref::new_ref(self);
  b->blob = handle;
  c->blobs.push_back(b);
  return Ref::steal(Value(b));
}

const NativeDef kBlobOpen[] = {
    {"blobopen($self, table: str, column: str, row: ssize_t, /, *, readonly: bool = False, "
     "name: str = 'main')",
     conn_blobopen},
};

}  // namespace

void close_all_blobs(ConnectionObject* c) {
  while (!c->blobs.empty()) close_blob(c->blobs.back());
}

void blob_type_init() {
  blob_type.name = "sqlite3.Blob";  // tp_name, as in messages
  blob_type.qualname = "Blob";
  blob_type.module = "sqlite3";
  blob_type.flags = kTypeWeakrefable | kTypeSubscriptOnly;  // a mapping: no iteration, no `in`
  blob_type.basic_size = sizeof(BlobObject);
  blob_type.dealloc = blob_dealloc;
  blob_type.traverse = blob_traverse;
  blob_type.clear = blob_clear;
  blob_type.len = blob_length_slot;
  blob_type.getitem = blob_getitem;
  blob_type.setitem = blob_setitem;
  type_ready(&blob_type, &object_type);
  type_add_module_attr(&blob_type);
  add_methods(&blob_type, kBlobMethods);
  add_methods(&connection_type, kBlobOpen);
}

}  // namespace minipy::lib
