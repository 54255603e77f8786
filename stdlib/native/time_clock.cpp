// time's clock_* family (clock_gettime/_ns, clock_getres, clock_settime/_ns,
// pthread_getcpuclockid) and its CLOCK_* ids, taken from <time.h> where the system defines them.
// As CPython's, they parse their arguments with PyArg_ParseTuple (no __text_signature__) and
// report a failing system call as OSError from errno.
#include <pthread.h>
#include <time.h>

#include <cerrno>
#include <cmath>
#include <mutex>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/oserror.h"

namespace minipy::lib {

using namespace rt;

namespace {

constexpr int64_t kNsPerSec = 1000000000;

Ref seconds(const timespec& ts) {
  return float_new(static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9);
}

Ref time_clock_gettime(Value, NativeArgs& a) {
  timespec ts;
  if (clock_gettime(static_cast<clockid_t>(a.i32(0)), &ts) != 0)
    return raise_os_error(errno, Value());
  return seconds(ts);
}

Ref time_clock_gettime_ns(Value, NativeArgs& a) {
  timespec ts;
  if (clock_gettime(static_cast<clockid_t>(a.i32(0)), &ts) != 0)
    return raise_os_error(errno, Value());
  return int_from_int64(static_cast<int64_t>(ts.tv_sec) * kNsPerSec + ts.tv_nsec);
}

Ref time_clock_getres(Value, NativeArgs& a) {
  timespec ts;
  if (clock_getres(static_cast<clockid_t>(a.i32(0)), &ts) != 0)
    return raise_os_error(errno, Value());
  return seconds(ts);
}

Ref settime(clockid_t clock, int64_t ns) {
  timespec ts;
  ts.tv_sec = static_cast<time_t>(ns / kNsPerSec);
  ts.tv_nsec = static_cast<long>(ns % kNsPerSec);
  if (ts.tv_nsec < 0) {  // floor division: -1 ns is (-1 s, 999999999 ns)
    ts.tv_sec -= 1;
    ts.tv_nsec += kNsPerSec;
  }
  if (clock_settime(clock, &ts) != 0) return raise_os_error(errno, Value());
  return none_ref();
}

Ref too_large() {
  return raise(&exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
}

// clock_settime(clk_id, time): seconds as an int or a float, rounded towards -inf to nanoseconds
// (CPython's _PyTime_FromSecondsObject with _PyTime_ROUND_FLOOR).
Ref time_clock_settime(Value, NativeArgs& a) {
  Value t = a[1];
  int64_t ns;
  if (is_float(t)) {
    double d = float_value(t);
    if (std::isnan(d)) return raise(&exc_ValueError, "Invalid value NaN (not a number)");
    double scaled = std::floor(d * 1e9);
    if (!(scaled >= -9.2e18 && scaled <= 9.2e18)) return too_large();
    ns = static_cast<int64_t>(scaled);
  } else {
    int64_t s;
    if (!is_int(t)) {
      return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                       type_name(t));
    }
    if (!int_to_int64(t, &s) || __builtin_mul_overflow(s, kNsPerSec, &ns)) {
      clear_exception();
      return too_large();
    }
  }
  return settime(static_cast<clockid_t>(a.i32(0)), ns);
}

Ref time_clock_settime_ns(Value, NativeArgs& a) {
  Value t = a[1];
  if (!is_int(t)) return raise_fmt(&exc_TypeError, "expect int, got {}", type_name(t));
  int64_t ns;
  if (!int_to_int64(t, &ns)) {
    clear_exception();
    return too_large();
  }
  return settime(static_cast<clockid_t>(a.i32(0)), ns);
}

// pthread_getcpuclockid(thread_id): the CPU-time clock of a thread of this interpreter. Only the
// idents of live threads are accepted: glibc dereferences the pthread_t it is given, so an
// arbitrary number would crash the process (ESRCH instead).
Ref time_pthread_getcpuclockid(Value, NativeArgs& a) {
  Value id = a[0];
  if (!is_int(id)) {
    return raise_fmt(&exc_TypeError, "pthread_getcpuclockid() argument 1 must be int, not {}",
                     type_name(id));
  }
  BigInt big = int_to_bigint(id);
  uint64_t ident = 0;
  bool fits = !big.is_negative() && big.magnitude().size() <= 2;
  for (size_t i = 0; fits && i < big.magnitude().size(); i++)
    ident |= uint64_t{big.magnitude()[i]} << (32 * i);
  if (!fits) return raise(&exc_OverflowError, "Python int too large to convert to C unsigned long");
  InterpreterState& in = interp();
  std::lock_guard<std::mutex> hold(in.threads_mutex);  // the thread cannot end meanwhile
  for (ThreadState* ts : in.threads) {
    if (ts->ident != ident) continue;
    clockid_t clock;
    int err = pthread_getcpuclockid(static_cast<pthread_t>(ident), &clock);
    if (err != 0) return raise_os_error(err, Value());
    return int_from_int64(clock);
  }
  return raise_os_error(ESRCH, Value());
}

constexpr uint32_t kParse = kNativeNoTextSig | kNativeParseTuple;
const NativeDef kClockFunctions[] = {
    {"clock_gettime($module, clk_id: int, /)", time_clock_gettime, kParse},
    {"clock_gettime_ns($module, clk_id: int, /)", time_clock_gettime_ns, kParse},
    {"clock_getres($module, clk_id: int, /)", time_clock_getres, kParse},
    {"clock_settime($module, clk_id: int, time, /)", time_clock_settime, kParse},
    {"clock_settime_ns($module, clk_id: int, time, /)", time_clock_settime_ns, kParse},
    {"pthread_getcpuclockid($module, thread_id, /)", time_pthread_getcpuclockid, kParse},
};

struct ClockId {
  const char* name;
  clockid_t id;
};
const ClockId kClockIds[] = {
    {"CLOCK_REALTIME", CLOCK_REALTIME},
    {"CLOCK_MONOTONIC", CLOCK_MONOTONIC},
#ifdef CLOCK_MONOTONIC_RAW
    {"CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW},
#endif
#ifdef CLOCK_PROCESS_CPUTIME_ID
    {"CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID},
#endif
#ifdef CLOCK_THREAD_CPUTIME_ID
    {"CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID},
#endif
#ifdef CLOCK_BOOTTIME
    {"CLOCK_BOOTTIME", CLOCK_BOOTTIME},
#endif
#ifdef CLOCK_TAI
    {"CLOCK_TAI", CLOCK_TAI},
#endif
};

}  // namespace

void time_clock_init(Value module, DictObject* ns) {
  add_functions(ns, module, kClockFunctions);
  for (const ClockId& c : kClockIds) dict_set_cstr(ns, c.name, Value::from_small(c.id));
}

}  // namespace minipy::lib
