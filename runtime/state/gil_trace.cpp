// The GIL timeline recorder (see gil_trace.h): per-thread event buffers, and the writer that
// turns each thread's state changes into Chrome trace-event JSON "complete" spans.
#include "runtime/state/gil_trace.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <thread>
#include <unordered_map>
#include <vector>

#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

std::atomic<bool> g_gil_trace_on{false};

namespace {

struct Event {
  uint64_t t_ns;
  const char* label;
  GilEvent kind;
};

/// One OS thread's events. Only that thread appends; the writer takes `mu` to move them out.
struct TraceBuffer {
  std::mutex mu;
  int64_t tid = 0;
  std::string name;
  std::vector<Event> events;
  bool ended = false;  // the thread exited: the writer may free the buffer
};

/// What a recording knows besides the events.
struct Session {
  std::string path;
  uint64_t start_ns = 0;
  uint64_t switches0 = 0, drop_requests0 = 0, forced_switches0 = 0;
};

std::mutex g_registry_mu;             // guards g_buffers and g_session
std::vector<TraceBuffer*> g_buffers;  // every live thread's buffer
Session g_session;
bool g_active = false;  // a recording runs (guarded by g_registry_mu)

int64_t os_tid() { return static_cast<int64_t>(syscall(SYS_gettid)); }

std::mutex g_names_mu;
std::unordered_map<const ThreadState*, std::string> g_names;  // for gil-top (under g_names_mu)

/// Marks the thread's buffer ended when the OS thread exits (after its last GIL event).
struct ThreadSlot {
  TraceBuffer* buf = nullptr;
  std::string name;
  const ThreadState* named = nullptr;  // the key this thread set in g_names
  ~ThreadSlot() {
    if (named != nullptr) {
      std::lock_guard<std::mutex> n(g_names_mu);
      g_names.erase(named);
    }
    if (buf == nullptr) return;
    std::lock_guard<std::mutex> r(g_registry_mu);
    std::lock_guard<std::mutex> b(buf->mu);
    buf->ended = true;
  }
};
thread_local ThreadSlot t_slot;

TraceBuffer* my_buffer() {
  if (t_slot.buf != nullptr) return t_slot.buf;
  auto* b = new TraceBuffer();
  b->tid = os_tid();
  ThreadState* ts = tstate();
  b->name = !t_slot.name.empty() ? t_slot.name : (ts != nullptr && ts->is_main) ? "MainThread" : "";
  b->events.reserve(256);
  std::lock_guard<std::mutex> r(g_registry_mu);
  g_buffers.push_back(b);
  t_slot.buf = b;
  return b;
}

void write_json_string(FILE* f, const std::string& s) {
  std::fputc('"', f);
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      std::fputc('\\', f);
      std::fputc(c, f);
    } else if (c < 0x20) {
      std::fprintf(f, "\\u%04x", c);
    } else {
      std::fputc(c, f);
    }
  }
  std::fputc('"', f);
}

struct ThreadEvents {
  int64_t tid;
  std::string name;
  std::vector<Event> events;
};

const char* state_name(GilEvent k) {
  switch (k) {
    case GilEvent::kHold:
      return "holding";
    case GilEvent::kWait:
    case GilEvent::kYield:
      return "waiting";
    case GilEvent::kBlocked:
      return "blocked";
    default:
      return nullptr;
  }
}

// Chrome's reserved colour names, so chrome://tracing shows the states in gilview's colours.
const char* state_colour(const char* state) {
  if (std::strcmp(state, "holding") == 0) return "good";
  if (std::strcmp(state, "waiting") == 0) return "terrible";
  return "grey";
}

const char* instant_name(GilEvent k) {
  switch (k) {
    case GilEvent::kDropRequest:
      return "drop request";
    case GilEvent::kForcedSwitch:
      return "forced switch";
    case GilEvent::kThreadStart:
      return "thread start";
    case GilEvent::kThreadEnd:
      return "thread end";
    case GilEvent::kScheduleSwitch:
      return "scheduled switch";
    default:
      return nullptr;
  }
}

double us(uint64_t ns) { return static_cast<double>(ns) / 1000.0; }

/// Writes one thread's spans and instants; `end_ns` closes the span still open at stop.
void write_thread(FILE* f, int pid, const ThreadEvents& te, uint64_t start_ns, uint64_t end_ns,
                  bool* first) {
  auto sep = [&] {
    std::fputs(*first ? "\n" : ",\n", f);
    *first = false;
  };
  sep();
  std::fprintf(f, R"({"name":"thread_name","ph":"M","pid":%d,"tid":%lld,"args":{"name":)", pid,
               static_cast<long long>(te.tid));
  write_json_string(f, te.name.empty() ? "Thread " + std::to_string(te.tid) : te.name);
  std::fputs("}}", f);
  const char* state = nullptr;  // the open span, if any
  const char* label = nullptr;
  uint64_t since = 0;
  auto close = [&](uint64_t t) {
    if (state == nullptr || t <= since) return;
    sep();
    std::fprintf(
        f,
        R"({"name":"%s%s%s","cat":"gil","ph":"X","pid":%d,"tid":%lld,"ts":%.3f,"dur":%.3f,"cname":"%s")",
        state, label ? ": " : "", label ? label : "", pid, static_cast<long long>(te.tid),
        us(since), us(t - since), state_colour(state));
    if (label) std::fprintf(f, R"(,"args":{"call":"%s"})", label);
    std::fputc('}', f);
  };
  for (const Event& e : te.events) {
    if (e.t_ns < start_ns) continue;
    if (const char* s = state_name(e.kind)) {
      const char* l = e.kind == GilEvent::kBlocked ? (e.label ? e.label : "blocking") : nullptr;
      if (state != nullptr && std::strcmp(state, s) == 0 && l == label)
        continue;  // same state goes on
      close(e.t_ns);
      state = s;
      label = l;
      since = e.t_ns;
    } else if (const char* n = instant_name(e.kind)) {
      if (e.kind == GilEvent::kThreadEnd) {
        close(e.t_ns);
        state = nullptr;
      }
      sep();
      std::fprintf(f, R"({"name":"%s","cat":"gil","ph":"i","s":"t","pid":%d,"tid":%lld,"ts":%.3f})",
                   n, pid, static_cast<long long>(te.tid), us(e.t_ns));
    }
  }
  close(end_ns);
}

/// Moves every buffer's events out (frees the buffers of exited threads). Caller holds
/// g_registry_mu.
std::vector<ThreadEvents> collect_locked() {
  std::vector<ThreadEvents> out;
  std::vector<TraceBuffer*> keep;
  for (TraceBuffer* b : g_buffers) {
    bool ended;
    {
      std::lock_guard<std::mutex> l(b->mu);
      out.push_back({b->tid, b->name, std::move(b->events)});
      b->events = {};
      ended = b->ended;
    }
    if (ended)
      delete b;
    else
      keep.push_back(b);
  }
  g_buffers = std::move(keep);
  return out;
}

bool write_file(const Session& s, std::vector<ThreadEvents> threads, uint64_t end_ns,
                std::string* err) {
  FILE* f = std::fopen(s.path.c_str(), "w");
  if (f == nullptr) {
    if (err) *err = "cannot write GIL trace '" + s.path + "': " + std::strerror(errno);
    return false;
  }
  int pid = static_cast<int>(getpid());
  GilTotals& t = gil_totals();
  uint64_t seed = 0;
  bool seeded = gil_schedule_seed(&seed);
  std::fprintf(
      f,
      R"({"displayTimeUnit":"ms","otherData":{"generator":"minipy","pid":%d,"policy":"%s",)"
      R"("interval_s":%.6f,"checkpoints":"%s","schedule_seed":)",
      pid, gil().name(), static_cast<double>(gil_interval_us()) / 1e6,
      checkpoint_every() ? "every" : "default");
  if (seeded)
    std::fprintf(f, "%llu", static_cast<unsigned long long>(seed));
  else
    std::fputs("null", f);
  std::fprintf(
      f,
      R"(,"switches":%llu,"drop_requests":%llu,"forced_switches":%llu,"start_us":%.3f,"duration_s":%.6f},)",
      static_cast<unsigned long long>(t.switches.load() - s.switches0),
      static_cast<unsigned long long>(t.drop_requests.load() - s.drop_requests0),
      static_cast<unsigned long long>(t.forced_switches.load() - s.forced_switches0),
      us(s.start_ns), static_cast<double>(end_ns - s.start_ns) / 1e9);
  std::fputs("\"traceEvents\":[", f);
  bool first = true;
  std::string pname = "minipy";
  const auto& argv = interp().argv;
  if (!argv.empty() && !argv[0].empty()) pname += " " + argv[0];
  std::fprintf(f, R"(%s{"name":"process_name","ph":"M","pid":%d,"args":{"name":)", "\n", pid);
  write_json_string(f, pname + " (" + std::to_string(pid) + ")");
  std::fputs("}}", f);
  first = false;
  for (const ThreadEvents& te : threads) {
    bool any = false;
    for (const Event& e : te.events) any = any || e.t_ns >= s.start_ns;
    if (any) write_thread(f, pid, te, s.start_ns, end_ns, &first);
  }
  std::fputs("\n]}\n", f);
  bool ok = std::ferror(f) == 0;
  ok = std::fclose(f) == 0 && ok;
  if (!ok && err) *err = "cannot write GIL trace '" + s.path + "'";
  return ok;
}

/// Stops and writes; `g_registry_mu` must not be held.
bool stop_and_write(std::string* err) {
  Session s;
  std::vector<ThreadEvents> threads;
  uint64_t end_ns = monotonic_ns();
  {
    std::lock_guard<std::mutex> r(g_registry_mu);
    if (!g_active) {
      if (err) *err = "no GIL trace is running";
      return false;
    }
    g_gil_trace_on.store(false, std::memory_order_relaxed);
    g_active = false;
    s = g_session;
    threads = collect_locked();
  }
  return write_file(s, std::move(threads), end_ns, err);
}

// SIGTERM (how multiprocessing's Pool.terminate ends its workers) would lose a recording. While
// the default action is in place, a handler passes the signal through a pipe to a flusher thread
// (writing a file is not async-signal-safe), which writes the trace and re-raises the signal
// with its default action. Armed once per process; a forked child re-arms with its own pipe.
int g_term_pipe[2] = {-1, -1};
pid_t g_term_armed_pid = 0;

void on_sigterm(int) {
  char c = 1;
  if (write(g_term_pipe[1], &c, 1) < 0) {
    // Nothing to do in a signal handler; the process then lives on as if ignored.
  }
}

void term_flusher(int fd) {
  char c;
  while (read(fd, &c, 1) < 0 && errno == EINTR) {
  }
  gil_trace_at_exit();
  signal(SIGTERM, SIG_DFL);
  raise(SIGTERM);
}

void arm_sigterm_flush() {
  if (g_term_armed_pid == getpid()) return;
  struct sigaction old {};
  if (sigaction(SIGTERM, nullptr, &old) != 0 ||
      (old.sa_handler != SIG_DFL && old.sa_handler != on_sigterm)) {
    return;  // the program handles SIGTERM itself (or ignores it)
  }
  if (g_term_pipe[0] >= 0) {  // inherited from the parent: its flusher reads that pipe
    close(g_term_pipe[0]);
    close(g_term_pipe[1]);
  }
  if (pipe2(g_term_pipe, O_CLOEXEC) != 0) return;
  g_term_armed_pid = getpid();
  std::thread(term_flusher, g_term_pipe[0]).detach();
  struct sigaction sa {};
  sa.sa_handler = on_sigterm;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
}

}  // namespace

void gil_trace_record(GilEvent e, const char* label) {
  TraceBuffer* b = my_buffer();
  uint64_t now = monotonic_ns();
  std::lock_guard<std::mutex> l(b->mu);
  b->events.push_back({now, label, e});
}

bool gil_trace_start(const std::string& path, std::string* err) {
  std::string abs = path;
  if (abs.empty() || abs[0] != '/') {
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) != nullptr) abs = std::string(cwd) + "/" + path;
  }
  {
    std::lock_guard<std::mutex> r(g_registry_mu);
    if (g_active) {
      if (err) *err = "a GIL trace is already running (to '" + g_session.path + "')";
      return false;
    }
    (void)collect_locked();  // stale events of an earlier recording
    g_active = true;
    GilTotals& t = gil_totals();
    g_session = Session{abs, monotonic_ns(), t.switches.load(), t.drop_requests.load(),
                        t.forced_switches.load()};
    g_gil_trace_on.store(true, std::memory_order_relaxed);
  }
  arm_sigterm_flush();
  // The caller holds the GIL: its row starts as holding.
  gil_trace_record(GilEvent::kHold, nullptr);
  return true;
}

bool gil_trace_stop(std::string* err) { return stop_and_write(err); }

std::string gil_trace_path() {
  std::lock_guard<std::mutex> r(g_registry_mu);
  return g_active ? g_session.path : std::string();
}

void gil_trace_at_exit() {
  if (!gil_tracing()) return;
  std::string err;
  if (!stop_and_write(&err) && !err.empty()) std::fprintf(stderr, "minipy: %s\n", err.c_str());
}

void gil_trace_after_fork() {
  // Other threads' buffers (and maybe the registry mutex) belong to threads that do not exist
  // here: start over with the forking thread's buffer only. The old ones are leaked on purpose,
  // since a mutex another thread held at the fork cannot be destroyed safely.
  new (&g_registry_mu) std::mutex();
  g_buffers.clear();
  if (t_slot.buf != nullptr) {
    t_slot.buf = nullptr;  // leaked with the others: its mutex may be held too
  }
  if (!g_active) return;
  arm_sigterm_flush();
  g_session.path += "." + std::to_string(getpid());
  GilTotals& t = gil_totals();
  g_session.start_ns = monotonic_ns();
  g_session.switches0 = t.switches.load();
  g_session.drop_requests0 = t.drop_requests.load();
  g_session.forced_switches0 = t.forced_switches.load();
  gil_trace_record(GilEvent::kThreadStart, nullptr);
  gil_trace_record(GilEvent::kHold, nullptr);
}

void gil_trace_set_thread_name(const std::string& name) {
  t_slot.name = name;
  if (const ThreadState* ts = tstate()) {
    std::lock_guard<std::mutex> n(g_names_mu);
    g_names[ts] = name;
    t_slot.named = ts;
  }
  if (TraceBuffer* b = t_slot.buf) {
    std::lock_guard<std::mutex> l(b->mu);
    b->name = name;
  }
}

std::string gil_thread_name(const ThreadState* ts) {
  std::lock_guard<std::mutex> n(g_names_mu);
  auto it = g_names.find(ts);
  return it == g_names.end() ? std::string() : it->second;
}

}  // namespace minipy::rt
