// Thread states: creation, the thread_local current pointer, and C++ stack bounds.
#include "runtime/state/thread_state.h"

#include <pthread.h>

#include <mutex>

#include "runtime/objects/singletons.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/interpreter.h"

namespace minipy::rt {

void init_stack_limit(ThreadState* ts) {
  pthread_attr_t attr;
  void* addr = nullptr;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  char probe;
  if (addr == nullptr || size == 0) {
    ts->stack_limit = &probe - (1 << 20);  // assume 1 MiB is safe
    return;
  }
  // Keep 256 KiB in reserve (sanitizer builds use much bigger frames: keep more).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  size_t reserve = 1u << 20;  // room for the sanitizer runtime itself
#else
  size_t reserve = 256 * 1024;
#endif
  ts->stack_limit = static_cast<char*>(addr) + reserve;
}

ThreadState* thread_state_new(InterpreterState* in) {
  auto* ts = new ThreadState();
  ts->interp = in;
  std::lock_guard<std::mutex> lock(in->threads_mutex);
  in->threads.push_back(ts);
  return ts;
}

namespace {
// Threads with a trace or profile function, and the mutex that makes changing it and the
// kEveryInsnTrace bit one step: without a GIL, one thread's sys.settrace(None) could otherwise
// clear the bit just after another thread's sys.settrace(f) had set it (settrace is rare: a lock
// costs nothing that matters, and the default build keeps it too, for one code path).
int g_hooked_threads = 0;
std::mutex g_hooked_mu;
}  // namespace

void thread_set_hook(ThreadState* ts, Value func, bool profile) {
  bool had = ts->trace_func || ts->profile_func;
  Ref& slot = profile ? ts->profile_func : ts->trace_func;
  Ref old = std::move(slot);  // released last: its destructor may run Python code
  slot = func && !is_none(func) ? Ref::new_ref(func) : Ref();
  bool has = ts->trace_func || ts->profile_func;
  if (has != had) {
    std::lock_guard<std::mutex> g(g_hooked_mu);
    g_hooked_threads += has ? 1 : -1;
    every_insn_set(kEveryInsnTrace, g_hooked_threads > 0);
  }
}

void thread_state_delete(ThreadState* ts) {
  InterpreterState* in = ts->interp;
  {
    std::lock_guard<std::mutex> lock(in->threads_mutex);
    std::erase(in->threads, ts);
  }
  delete ts;
}

}  // namespace minipy::rt
