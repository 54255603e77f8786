// The GIL timeline recorder (-X gil-trace=FILE, gil.trace_start/trace_stop): every thread's GIL
// states (holding, waiting, blocked in a named call) and instant events (drop requests, forced
// switches, thread start and end), written as Chrome trace-event JSON that Perfetto,
// chrome://tracing and `minipy -m gilview` read.
//
// Recording never touches the GIL or a shared lock on the fast path: each OS thread appends to
// its own buffer (its own mutex, contended only by the writer at stop). With tracing off the only
// cost at each call site is gil_trace()'s test of one relaxed atomic flag, a branch that is always
// predicted (the events sit on GIL hand-offs and blocking calls, never in the eval loop).
// A forked child keeps tracing into FILE.PID; `gilview merge` puts the files side by side.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace minipy::rt {

struct ThreadState;

enum class GilEvent : uint8_t {
  // State changes of the recording thread.
  kHold,     // took the GIL
  kWait,     // found it taken and waits
  kBlocked,  // released it around a blocking call; `label` names the call
  kYield,    // released it at a check point on request (waits to re-take it)
  // Instants.
  kDropRequest,   // this waiter asked the holder to drop the GIL
  kForcedSwitch,  // this holder dropped it on request and handed it off
  kThreadStart,
  kThreadEnd,
  kScheduleSwitch,  // -X gil-schedule picked another thread at a check point
};

extern std::atomic<bool> g_gil_trace_on;

inline bool gil_tracing() { return g_gil_trace_on.load(std::memory_order_relaxed); }

/// Appends an event to the calling OS thread's buffer (use gil_trace()).
void gil_trace_record(GilEvent e, const char* label);

/// Records an event if tracing is on; `label` must be a string literal (stored by pointer).
inline void gil_trace(GilEvent e, const char* label = nullptr) {
  if (gil_tracing()) [[unlikely]]
    gil_trace_record(e, label);
}

/// Starts a recording that gil_trace_stop() writes to `path` (relative paths are resolved now).
/// The calling thread must hold the GIL. False with `*err` set if one is already running.
bool gil_trace_start(const std::string& path, std::string* err);
/// Stops the recording and writes the file. False with `*err` set if none runs or writing failed.
bool gil_trace_stop(std::string* err);
/// The file the running recording goes to ("" when none).
std::string gil_trace_path();
/// Writes a running recording before the process ends (normal exit, os._exit).
void gil_trace_at_exit();
/// In a forked child: forget the parent's events and threads; keep recording into PATH.PID.
void gil_trace_after_fork();
/// Names the calling thread in traces (threading passes Thread.name when a thread starts).
void gil_trace_set_thread_name(const std::string& name);
/// The name given to `ts` (empty if none); for -X gil-top.
std::string gil_thread_name(const ThreadState* ts);

}  // namespace minipy::rt
