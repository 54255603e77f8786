// Biased reference counting (free-threaded builds): the per-thread hooks the runtime calls.
// The counting itself is in runtime/object.h; the slow paths and queues in brc.cpp.
#pragma once

namespace minipy::rt {

#ifdef MINIPY_FREE_THREADING
/// Merges the objects other threads queued to this thread (called at its eval-breaker check).
void brc_merge_queued();
/// Called by a thread that ran Python code before it ends: stops others queuing to it and
/// merges what they already queued.
void brc_thread_exit();
/// In a forked child: forgets every other thread's queue.
void brc_after_fork();
#else
inline void brc_merge_queued() {}
inline void brc_thread_exit() {}
inline void brc_after_fork() {}
#endif

}  // namespace minipy::rt
