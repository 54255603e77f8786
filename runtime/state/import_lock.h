// The process's one import lock (CPython's global import lock): re-entrant, held by one thread at
// a time. `_imp.acquire_lock()`/`release_lock()`/`lock_held()` expose it to importlib; the
// free-threaded build also takes it around every import that has to load a module
// (vm/import.cpp), because without the GIL two threads importing one module would both find it
// missing and both run its body, or one would see the other's half-initialised module.
#pragma once

#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace minipy::rt {

class ImportLock {
 public:
  /// Takes the lock, or one more level of it for its owner. A thread that must wait does so with
  /// the GIL released (its critical sections suspended in the free-threaded build).
  void acquire();
  /// Drops one level; false (nothing changed) when the caller does not hold it.
  bool release();
  /// Whether any thread holds it.
  bool held();

  /// Modules whose body is running under the lock (free-threaded imports): an importer that
  /// finds one in sys.modules waits for the lock unless it is the loading thread itself (a
  /// circular import gets the partial module, as in CPython).
  bool loading_elsewhere(const std::string& name);
  void begin_loading(const std::string& name);  // with the lock held
  void end_loading(const std::string& name);

  /// After fork(): only the forking thread exists; it keeps the lock if it held it.
  void reinit_after_fork();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread::id owner_;
  int depth_ = 0;
  std::set<std::string> loading_;
};

/// The lock (never freed: a thread may still be leaving it while the process exits).
ImportLock& import_lock();

}  // namespace minipy::rt
