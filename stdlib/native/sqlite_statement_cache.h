// The Connection's prepared-statement cache (CPython's `cached_statements`, 128 by default):
// compiling SQL is most of the cost of a small INSERT (sqlite3_prepare_v2 was 53% of a loop of
// parameterised inserts), so Connection.execute/Cursor.execute/executemany look the SQL text up
// here first and reuse a reset statement. An LRU keyed by the SQL text, as CPython 3.11's
// lru_cache over the query string.
//
// A statement is shared: the cache holds it, and so does the cursor that is running it. While a
// cursor holds it (rows still to fetch) it is "in use" and a second execute of the same SQL
// prepares a fresh, uncached statement, as CPython does. A cursor that is done resets it and
// clears its bindings (so nothing it bound stays alive in the cache) and gives it back. The
// statement is finalized when the last holder drops it: evicted from the cache and not held, or
// released by a cursor after the cache was cleared (Connection.close clears the cache; the
// database closes with sqlite3_close_v2, which waits for statements still open).
//
// Callers hold the connection's critical section (the GIL in the default build) around every call.
#pragma once

#include <sqlite3.h>

#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace minipy::lib {

struct SqliteStatement {
  explicit SqliteStatement(sqlite3_stmt* s, bool dml) : stmt(s), is_dml(dml) {}
  ~SqliteStatement() { sqlite3_finalize(stmt); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  sqlite3_stmt* stmt;
  bool is_dml;          // INSERT/UPDATE/DELETE/REPLACE: counts rowcount, opens the implicit BEGIN
  bool in_use = false;  // held by a cursor
};
using StatementRef = std::shared_ptr<SqliteStatement>;

class StatementCache {
 public:
  void set_capacity(size_t n) {  // Connection(cached_statements=n)
    capacity_ = n;
    while (entries_.size() > capacity_) evict_oldest();
  }

  /// Claims the cached statement for `sql` (marked in use, moved to most recent) if there is one
  /// not in use; else null.
  StatementRef take(std::string_view sql) {
    auto it = index_.find(sql);
    if (it == index_.end() || it->second->second->in_use) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    it->second->second->in_use = true;
    return it->second->second;
  }

  /// Adds a statement just prepared for `sql`, already claimed by its caller (no-op when caching
  /// is off or `sql` is cached: a second statement for the same SQL stays uncached).
  void put(std::string_view sql, const StatementRef& st) {
    if (capacity_ == 0 || index_.count(sql) != 0) return;
    if (entries_.size() >= capacity_) evict_oldest();
    entries_.emplace_front(std::string(sql), st);
    index_.emplace(entries_.front().first, entries_.begin());
  }

  void clear() {
    index_.clear();
    entries_.clear();
  }

 private:
  using Entry = std::pair<std::string, StatementRef>;
  void evict_oldest() {
    index_.erase(entries_.back().first);
    entries_.pop_back();
  }

  size_t capacity_ = 128;
  std::list<Entry> entries_;  // most recently used first; keys are stable in list nodes
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
};

}  // namespace minipy::lib
