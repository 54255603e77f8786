// The GIL's shared machinery: which policy runs, the switch interval, the counters, the check
// point hook and the ReleaseGil guard around blocking calls. The policies themselves live in
// gil_interval.cpp, gil_ticks.cpp, gil_fifo.cpp and gil_schedule.cpp (design note in gil.h).
#include "runtime/state/gil.h"

#include <chrono>
#include <memory>
#include <string_view>
#include <vector>

#include "runtime/critical_section.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil_policies.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/stop_the_world.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

std::atomic<uint64_t> g_gil_interval_us{5000};

namespace {

GilTotals g_totals;
std::atomic<uint64_t> g_ticks{100};
GilPolicy* g_policy = nullptr;
bool g_scheduled = false;
uint64_t g_seed = 0;

thread_local bool t_after_blocking = false;
thread_local const char* t_to_block = nullptr;

/// Installs `p` in place of the running policy. Only one thread exists (start-up, or
/// gil.set_policy with no other thread): it holds the old GIL and keeps the new one.
void install(std::unique_ptr<GilPolicy> p) {
  ThreadState* ts = tstate();
  g_eval_breaker.fetch_and(~kBreakGilDropRequest, std::memory_order_relaxed);
  if (ts != nullptr) p->reinit_after_fork(ts);
  // The old policy is never freed: a thread that has just ended may still be returning from
  // its final drop() on it. It stays listed (a handful per process at most: one per switch) so
  // that LeakSanitizer sees a deliberate process-lifetime object, not a lost one.
  static auto* retired = new std::vector<GilPolicy*>();
  if (g_policy != nullptr) retired->push_back(g_policy);
  g_policy = p.release();
}

}  // namespace

void GilPolicy::yield(ThreadState* ts) {
  gil_trace(GilEvent::kYield);
  drop(ts);
  take(ts);
}

GilPolicy& gil() {
  if (g_policy == nullptr) g_policy = make_interval_gil(false).release();
  return *g_policy;
}

GilTotals& gil_totals() { return g_totals; }

const char* gil_policy_names() { return "interval, ticks, fifo, io-priority"; }

bool gil_select_policy(const char* name) {
  std::string_view n(name);
  std::unique_ptr<GilPolicy> p;
  if (n == "interval")
    p = make_interval_gil(false);
  else if (n == "io-priority")
    p = make_interval_gil(true);
  else if (n == "ticks")
    p = make_ticks_gil();
  else if (n == "fifo")
    p = make_fifo_gil();
  else
    return false;
  gil();
  install(std::move(p));
  g_scheduled = false;
  return true;
}

void gil_select_schedule(uint64_t seed) {
  gil();
  install(make_schedule_gil(seed));
  g_scheduled = true;
  g_seed = seed;
}

bool gil_schedule_seed(uint64_t* seed) {
  if (g_scheduled) *seed = g_seed;
  return g_scheduled;
}

void gil_set_ticks(uint64_t n) { g_ticks.store(n < 1 ? 1 : n, std::memory_order_relaxed); }
uint64_t gil_ticks() { return g_ticks.load(std::memory_order_relaxed); }

bool gil_taking_after_blocking() { return t_after_blocking; }
const char* gil_dropping_to_block() { return t_to_block; }

void gil_set_interval_us(uint64_t us) { g_gil_interval_us.store(us, std::memory_order_relaxed); }
uint64_t gil_interval_us() { return g_gil_interval_us.load(std::memory_order_relaxed); }

void gil_yield_on_request(ThreadState* ts) {
  GilPolicy& g = gil();
  ThreadState::set_current(nullptr);
  g.yield(ts);
  ThreadState::set_current(ts);
}

ReleaseGil::ReleaseGil(const char* what) : ts_(tstate()) {
  // thread_detach, with the trace event and the policy's view of what the thread blocks on.
  critical_sections_suspend_all();
  ThreadState::set_current(nullptr);
#ifdef MINIPY_FREE_THREADING
  stw_detach(ts_);
#endif
  gil_trace(GilEvent::kBlocked, what);
  if (gil_enabled()) {
    t_to_block = what;
    gil().drop(ts_);
    t_to_block = nullptr;
  }
}

ReleaseGil::~ReleaseGil() {
  t_after_blocking = true;
  thread_attach_keeping_sections(ts_);
  t_after_blocking = false;
  critical_sections_resume();
}

uint64_t monotonic_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace minipy::rt
