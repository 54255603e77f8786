// -X gil-top: a monitor thread (no Python thread state, never takes the GIL) that prints, once a
// period, each thread's share of the GIL, its share of time spent waiting for it, and the
// switch rate, like top(1). Holding is sampled (who holds the GIL, every millisecond); waiting
// and the counters come from the always-on GIL statistics.
#include "runtime/state/gil_top.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "runtime/state/gil.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

namespace {

struct Row {
  uint64_t held_samples = 0;
  uint64_t wait_ns0 = 0;
  bool seen = false;
};

void monitor(double period_s, FILE* out) {
  using namespace std::chrono;
  auto step = milliseconds(1);
  uint64_t start = monotonic_ns();
  for (;;) {
    std::unordered_map<const ThreadState*, Row> rows;
    {
      InterpreterState& in = interp();
      std::lock_guard<std::mutex> l(in.threads_mutex);
      for (ThreadState* ts : in.threads)
        rows[ts] = Row{0, ts->gil_wait_ns.load(std::memory_order_relaxed), true};
    }
    GilTotals& t = gil_totals();
    uint64_t sw0 = t.switches.load(), dr0 = t.drop_requests.load(), fs0 = t.forced_switches.load();
    uint64_t t0 = monotonic_ns(), samples = 0;
    while (monotonic_ns() - t0 < static_cast<uint64_t>(period_s * 1e9)) {
      std::this_thread::sleep_for(step);
      // The holder may exit between the snapshot and the sample; it is only used as a key.
      const ThreadState* h = gil().holder();
      samples++;
      if (h != nullptr) rows[h].held_samples++;
    }
    double secs = static_cast<double>(monotonic_ns() - t0) / 1e9;
    std::string text =
        "gil-top " + std::to_string(static_cast<int>((monotonic_ns() - start) / 1000000000)) + "s";
    char line[256];
    std::snprintf(
        line, sizeof line,
        "  policy %s, interval %.3g ms: %.0f switches/s, %.0f drop requests/s, %.0f forced/s\n",
        gil().name(), static_cast<double>(gil_interval_us()) / 1000.0,
        static_cast<double>(t.switches.load() - sw0) / secs,
        static_cast<double>(t.drop_requests.load() - dr0) / secs,
        static_cast<double>(t.forced_switches.load() - fs0) / secs);
    text += line;
    text += "  thread                          hold%   wait%\n";
    {
      InterpreterState& in = interp();
      std::lock_guard<std::mutex> l(in.threads_mutex);
      for (ThreadState* ts : in.threads) {
        Row& r = rows[ts];
        std::string name = gil_thread_name(ts);
        if (name.empty()) name = ts->is_main ? "MainThread" : "(unnamed thread)";
        double wait = r.seen ? static_cast<double>(ts->gil_wait_ns.load(std::memory_order_relaxed) -
                                                   r.wait_ns0) /
                                   1e9
                             : 0;
        std::snprintf(
            line, sizeof line, "  %-30.30s %6.1f  %6.1f\n", name.c_str(),
            samples ? 100.0 * static_cast<double>(r.held_samples) / static_cast<double>(samples)
                    : 0.0,
            100.0 * wait / secs);
        text += line;
      }
    }
    std::fputs(text.c_str(), out);
    std::fflush(out);
  }
}

}  // namespace

void gil_top_start(double period_s) { std::thread(monitor, period_s, stderr).detach(); }

}  // namespace minipy::rt
