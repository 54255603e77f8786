// After fork() in the child: only the forking thread exists. Re-create every lock the runtime
// owns (another thread may have held one at the fork), make the forker the main thread and
// the only thread, take the GIL, then let threading.py fix its own bookkeeping
// (threading._after_fork), as CPython's PyOS_AfterFork_Child does.
#include <csignal>
#include <new>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/brc.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/import_lock.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/os_thread.h"
#include "runtime/state/stop_the_world.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

void intern_table_after_fork();    // objects/str.cpp
void os_thread_after_fork();       // state/os_thread.cpp

void after_fork_child() {
  ThreadState* ts = tstate();
  InterpreterState& in = interp();
  new (&in.threads_mutex) std::mutex();
  in.threads.clear();
  in.threads.push_back(ts);
  in.main_thread = ts;
  ts->is_main = true;
  ts->ident = current_thread_ident();
  ts->native_id = current_native_id();
  if (gil_enabled()) gil().reinit_after_fork(ts);
  gil_trace_after_fork();
  brc_after_fork();
  import_lock().reinit_after_fork();
  stw_after_fork();  // the fork happened with the world stopped (os.fork); nobody is parked here
#ifdef MINIPY_FREE_THREADING
  ts->attached.store(true);
#endif
  intern_table_after_fork();
  os_thread_after_fork();
  Value threading = dict_get(as_dict(in.modules.get()), Value(intern("threading")));
  if (threading) {
    Ref f = getattr_opt(threading, intern("_after_fork"));
    if (f) {
      Ref r = call0(f.get());
      if (!r) clear_exception();
    }
    clear_exception();
  }
}

namespace {
void on_sigint(int signum) { signal_pending(signum); }
}  // namespace

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: blocking calls see EINTR and check for KeyboardInterrupt
  sigaction(SIGINT, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace minipy::rt
