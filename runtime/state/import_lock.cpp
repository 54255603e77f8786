// The import lock (see import_lock.h).
#include "runtime/state/import_lock.h"

#include <new>

#include "runtime/state/gil.h"

namespace minipy::rt {

void ImportLock::acquire() {
  std::thread::id me = std::this_thread::get_id();
  std::unique_lock<std::mutex> g(mu_);
  if (owner_ == me) {
    depth_++;
    return;
  }
  if (depth_ != 0) {
    g.unlock();
    ReleaseGil released("import lock");
    std::unique_lock<std::mutex> w(mu_);  // released before `released` re-takes the GIL
    cv_.wait(w, [&] { return depth_ == 0; });
    owner_ = me;
    depth_ = 1;
    return;
  }
  owner_ = me;
  depth_ = 1;
}

bool ImportLock::release() {
  std::lock_guard<std::mutex> g(mu_);
  if (depth_ == 0 || owner_ != std::this_thread::get_id()) return false;
  if (--depth_ == 0) {
    owner_ = std::thread::id();
    cv_.notify_one();
  }
  return true;
}

bool ImportLock::held() {
  std::lock_guard<std::mutex> g(mu_);
  return depth_ != 0;
}

bool ImportLock::loading_elsewhere(const std::string& name) {
  std::lock_guard<std::mutex> g(mu_);
  return owner_ != std::this_thread::get_id() && loading_.count(name) != 0;
}

void ImportLock::begin_loading(const std::string& name) {
  std::lock_guard<std::mutex> g(mu_);
  loading_.insert(name);
}

void ImportLock::end_loading(const std::string& name) {
  std::lock_guard<std::mutex> g(mu_);
  loading_.erase(name);
}

void ImportLock::reinit_after_fork() {
  bool mine = owner_ == std::this_thread::get_id();
  new (&mu_) std::mutex();
  new (&cv_) std::condition_variable();
  if (!mine) {
    owner_ = std::thread::id();
    depth_ = 0;
    loading_.clear();  // the loading threads are gone; their modules stay half-made, as in CPython
  }
}

ImportLock& import_lock() {
  static auto* lock = new ImportLock();
  return *lock;
}

}  // namespace minipy::rt
