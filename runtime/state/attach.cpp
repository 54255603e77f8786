// Attaching a thread to the interpreter and detaching it (around blocking calls, at thread start
// and end): the GIL when the build has one switched on, the current thread state, and the
// thread's critical sections in free-threaded builds. ReleaseGil is built on these.
#include "runtime/critical_section.h"
#include "runtime/state/gil.h"
#include "runtime/state/stop_the_world.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

#if defined(MINIPY_FREE_THREADING) && !defined(MINIPY_UNSAFE_NO_GIL)
bool g_gil_enabled = false;  // CPython 3.13t's default: off unless -X gil=1 or PYTHON_GIL=1
void gil_set_enabled(bool on) { g_gil_enabled = on; }
#else
void gil_set_enabled(bool) {}
#endif

void thread_attach_keeping_sections(ThreadState* ts) {
#ifndef MINIPY_FREE_THREADING
  if (gil_enabled()) gil().take(ts);
#else
  for (;;) {
    if (gil_enabled()) gil().take(ts);
    if (stw_try_attach(ts)) break;
    // Another thread has the world stopped: wait for it without the GIL (it may need it).
    if (gil_enabled()) gil().drop(ts);
    stw_wait_restart();
  }
#endif
  ThreadState::set_current(ts);
}

void thread_detach_keeping_sections(ThreadState* ts) {
  ThreadState::set_current(nullptr);
#ifdef MINIPY_FREE_THREADING
  stw_detach(ts);
#endif
  if (gil_enabled()) gil().drop(ts);
}

void thread_attach(ThreadState* ts) {
  thread_attach_keeping_sections(ts);
  critical_sections_resume();
}

void thread_detach(ThreadState* ts) {
  critical_sections_suspend_all();
  thread_detach_keeping_sections(ts);
}

}  // namespace minipy::rt
