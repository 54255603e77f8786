// The `gil` module: the GIL's always-on counters as Python data.
//   gil.stats() -> {'policy', 'interval', 'switches', 'drop_requests', 'forced_switches',
//                   'threads': [{'ident', 'native_id', 'acquisitions', 'contended',
//                                'drop_requests', 'forced_switches', 'wait_s', 'hold_s'}, ...]}
//   gil.reset_stats()
//   gil.checkpoints() / gil.set_checkpoints('every' | 'default')
//   gil.trace_start(path) / gil.trace_stop() -> path     a GIL timeline (runtime/state/gil_trace.h)
//   gil.policy() / gil.set_policy(name)                  the GIL design (only with one thread
//   running) gil.ticks() / gil.set_ticks(n)                       check points per release under
//   'ticks'
#include <chrono>
#include <thread>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/state/gil.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/os_thread.h"

namespace minipy::lib {

using namespace rt;

/// Adds sys.setcheckinterval/getcheckinterval under the `ticks` policy, removes them otherwise.
void sys_sync_checkinterval();  // sys.cpp

static Ref g_stats(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("stats", nargs, kw, 0, 0)) return Ref();
  Ref d = dict_new();
  DictObject* out = as_dict(d.get());
  GilTotals& t = gil_totals();
  dict_set_cstr(out, "policy", str_new(gil().name()).get());
  dict_set_cstr(out, "interval", float_new(static_cast<double>(gil_interval_us()) / 1e6).get());
  dict_set_cstr(out, "switches", int_from_int64(static_cast<int64_t>(t.switches.load())).get());
  dict_set_cstr(out, "drop_requests",
                int_from_int64(static_cast<int64_t>(t.drop_requests.load())).get());
  dict_set_cstr(out, "forced_switches",
                int_from_int64(static_cast<int64_t>(t.forced_switches.load())).get());
  dict_set_cstr(out, "ticks", int_from_int64(static_cast<int64_t>(gil_ticks())).get());
  uint64_t seed;
  dict_set_cstr(
      out, "schedule_seed",
      gil_schedule_seed(&seed) ? int_from_bigint(BigInt::from_uint64(seed)).get() : None());
  Ref threads = list_new();
  InterpreterState& in = interp();
  // The numbers are copied under the list's mutex and turned into objects after: a thread may
  // end and delete its state at any moment once we let go of the mutex (with the GIL off, or
  // while one of our allocations runs a collection that releases it).
  struct Row {
    uint64_t ident;
    int64_t native_id;
    uint64_t acquisitions, contended, drop_requests, forced_switches, wait_ns, hold_ns;
  };
  std::vector<Row> rows;
  {
    std::lock_guard<std::mutex> lock(in.threads_mutex);
    rows.reserve(in.threads.size());
    for (ThreadState* ts : in.threads) {
      rows.push_back(Row{ts->ident, ts->native_id, ts->gil_acquisitions.load(),
                         ts->gil_contended.load(), ts->gil_drop_requests.load(),
                         ts->gil_forced_switches.load(), ts->gil_wait_ns.load(),
                         ts->gil_hold_ns.load()});
    }
  }
  for (const Row& row : rows) {
    Ref e = dict_new();
    DictObject* ed = as_dict(e.get());
    dict_set_cstr(ed, "ident", int_from_bigint(BigInt::from_uint64(row.ident)).get());
    dict_set_cstr(ed, "native_id", int_from_int64(row.native_id).get());
    dict_set_cstr(ed, "acquisitions", int_from_int64(static_cast<int64_t>(row.acquisitions)).get());
    dict_set_cstr(ed, "contended", int_from_int64(static_cast<int64_t>(row.contended)).get());
    dict_set_cstr(ed, "drop_requests",
                  int_from_int64(static_cast<int64_t>(row.drop_requests)).get());
    dict_set_cstr(ed, "forced_switches",
                  int_from_int64(static_cast<int64_t>(row.forced_switches)).get());
    dict_set_cstr(ed, "wait_s", float_new(static_cast<double>(row.wait_ns) / 1e9).get());
    dict_set_cstr(ed, "hold_s", float_new(static_cast<double>(row.hold_ns) / 1e9).get());
    list_append(as_list(threads.get()), e.get());
  }
  dict_set_cstr(out, "threads", threads.get());
  return d;
}

static Ref g_reset_stats(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("reset_stats", nargs, kw, 0, 0)) return Ref();
  GilTotals& t = gil_totals();
  t.switches = 0;
  t.drop_requests = 0;
  t.forced_switches = 0;
  InterpreterState& in = interp();
  std::lock_guard<std::mutex> lock(in.threads_mutex);
  for (ThreadState* ts : in.threads) {
    ts->gil_acquisitions = 0;
    ts->gil_contended = 0;
    ts->gil_drop_requests = 0;
    ts->gil_forced_switches = 0;
    ts->gil_wait_ns = 0;
    ts->gil_hold_ns = 0;
  }
  return none_ref();
}

static Ref g_checkpoints(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("checkpoints", nargs, kw, 0, 0)) return Ref();
  return str_new(checkpoint_every() ? "every" : "default");
}

/// gil.set_checkpoints('every' | 'default'): the same switch as -X gil-checkpoints=every.
static Ref g_set_checkpoints(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set_checkpoints", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise(&exc_TypeError, "set_checkpoints() argument must be str");
  std::string_view m = as_str(args[0])->view();
  if (m != "every" && m != "default")
    return raise(&exc_ValueError, "checkpoints must be 'every' or 'default'");
  set_checkpoint_every(m == "every");
  return none_ref();
}

/// gil.trace_start(path): records a GIL timeline until trace_stop() (or exit) writes it.
static Ref g_trace_start(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("trace_start", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise(&exc_TypeError, "trace_start() argument must be str");
  std::string err;
  if (!gil_trace_start(std::string(as_str(args[0])->view()), &err))
    return raise(&exc_RuntimeError, err.c_str());
  return none_ref();
}

/// gil.trace_stop() -> the path written.
static Ref g_trace_stop(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("trace_stop", nargs, kw, 0, 0)) return Ref();
  std::string path = gil_trace_path();
  std::string err;
  if (!gil_trace_stop(&err)) return raise(&exc_RuntimeError, err.c_str());
  return str_new(path);
}

static Ref g_tracing(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("tracing", nargs, kw, 0, 0)) return Ref();
  return bool_ref(gil_tracing());
}

/// threading passes Thread.name here when a thread starts: traces and gil-top show it.
static Ref g_set_thread_name(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("_set_thread_name", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise(&exc_TypeError, "_set_thread_name() argument must be str");
  gil_trace_set_thread_name(std::string(as_str(args[0])->view()));
  return none_ref();
}

static Ref g_policy(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("policy", nargs, kw, 0, 0)) return Ref();
  return str_new(gil().name());
}

/// gil.set_policy(name): the same choice as -X gil-policy=NAME, while no other thread runs.
static Ref g_set_policy(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set_policy", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise(&exc_TypeError, "set_policy() argument must be str");
  // A thread that join() already returned for may still be finishing (it needs the GIL for
  // that): give such threads a moment before refusing.
  for (int i = 0; i < 200 && running_thread_count() > 0; i++) {
    ReleaseGil unlocked("sleep");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (running_thread_count() > 0) {
    return raise(&exc_RuntimeError, "set_policy() needs the other threads to have finished");
  }
  std::string name(as_str(args[0])->view());
  if (!gil_select_policy(name.c_str())) {
    return raise(
        &exc_ValueError,
        ("unknown GIL policy '" + name + "' (choose from " + gil_policy_names() + ")").c_str());
  }
  sys_sync_checkinterval();
  return none_ref();
}

static Ref g_ticks(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("ticks", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(static_cast<int64_t>(gil_ticks()));
}

static Ref g_set_ticks(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("set_ticks", nargs, kw, 1, 1)) return Ref();
  if (!args[0].is_small()) return raise(&exc_TypeError, "set_ticks() argument must be int");
  if (args[0].small() < 1) return raise(&exc_ValueError, "set_ticks() argument must be positive");
  gil_set_ticks(static_cast<uint64_t>(args[0].small()));
  return none_ref();
}

bool init_gil(Value module, DictObject* ns) {
  add_function(ns, module, "trace_start", g_trace_start);
  add_function(ns, module, "trace_stop", g_trace_stop);
  add_function(ns, module, "tracing", g_tracing);
  add_function(ns, module, "_set_thread_name", g_set_thread_name);
  add_function(ns, module, "policy", g_policy);
  add_function(ns, module, "set_policy", g_set_policy);
  add_function(ns, module, "ticks", g_ticks);
  add_function(ns, module, "set_ticks", g_set_ticks);
  add_function(ns, module, "stats", g_stats);
  add_function(ns, module, "reset_stats", g_reset_stats);
  add_function(ns, module, "checkpoints", g_checkpoints);
  add_function(ns, module, "set_checkpoints", g_set_checkpoints);
  return true;
}

}  // namespace minipy::lib
