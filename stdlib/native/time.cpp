// The time module: wall, monotonic and CPU clocks, sleep (GIL released, interruptible by
// Ctrl-C), and calendar conversions (gmtime/localtime/mktime/strftime/asctime/ctime) over
// struct_time, a struct sequence (structseq.h).
#include <time.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/structseq.h"

namespace minipy::lib {

using namespace rt;

namespace {

#define TIME_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

StructSeqType struct_time_type;
const char* const kStructTimeFields[] = {"tm_year", "tm_mon",  "tm_mday",  "tm_hour", "tm_min",   "tm_sec",
                                         "tm_wday", "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff"};

int64_t clock_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
Ref clock_float(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return float_new(static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9);
}

TIME_FN(time_time) {
  if (!check_nargs("time", nargs, kw, 0, 0)) return Ref();
  return clock_float(CLOCK_REALTIME);
}
TIME_FN(time_time_ns) {
  if (!check_nargs("time_ns", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(clock_ns(CLOCK_REALTIME));
}
TIME_FN(time_monotonic) {
  if (!check_nargs("monotonic", nargs, kw, 0, 0)) return Ref();
  return clock_float(CLOCK_MONOTONIC);
}
TIME_FN(time_monotonic_ns) {
  if (!check_nargs("monotonic_ns", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(clock_ns(CLOCK_MONOTONIC));
}
TIME_FN(time_perf_counter) {
  if (!check_nargs("perf_counter", nargs, kw, 0, 0)) return Ref();
  return clock_float(CLOCK_MONOTONIC);
}
TIME_FN(time_perf_counter_ns) {
  if (!check_nargs("perf_counter_ns", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(clock_ns(CLOCK_MONOTONIC));
}
TIME_FN(time_process_time) {
  if (!check_nargs("process_time", nargs, kw, 0, 0)) return Ref();
  return clock_float(CLOCK_PROCESS_CPUTIME_ID);
}
TIME_FN(time_process_time_ns) {
  if (!check_nargs("process_time_ns", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(clock_ns(CLOCK_PROCESS_CPUTIME_ID));
}
TIME_FN(time_thread_time) {
  if (!check_nargs("thread_time", nargs, kw, 0, 0)) return Ref();
  return clock_float(CLOCK_THREAD_CPUTIME_ID);
}
TIME_FN(time_thread_time_ns) {
  if (!check_nargs("thread_time_ns", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(clock_ns(CLOCK_THREAD_CPUTIME_ID));
}

/// Seconds as a number (int or float) -> double; TypeError like CPython otherwise.
bool seconds_arg(Value v, double* out) {
  if (is_float(v)) {
    *out = float_value(v);
  } else if (is_int(v)) {
    bool overflow = false;
    *out = int_to_double(v, &overflow);
    if (overflow) {
      raise(&exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
      return false;
    }
  } else {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  if (std::isnan(*out)) {
    raise(&exc_ValueError, "Invalid value NaN (not a number)");
    return false;
  }
  return true;
}

TIME_FN(time_sleep) {
  if (!check_nargs("sleep", nargs, kw, 1, 1)) return Ref();
  double secs;
  if (!seconds_arg(args[0], &secs)) return Ref();
  if (secs < 0) return raise(&exc_ValueError, "sleep length must be non-negative");
  if (secs > 9.2e9) return raise(&exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
  // An absolute deadline on the monotonic clock, so EINTR restarts never stretch the sleep.
  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  double whole = std::floor(secs);
  deadline.tv_sec += static_cast<time_t>(whole);
  deadline.tv_nsec += static_cast<long>((secs - whole) * 1e9);
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000L;
  }
  for (;;) {
    int err;
    {
      ReleaseGil unlocked("sleep");
      err = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr);
    }
    if (err == 0) break;
    if (err != EINTR) return raise_os_error(err, Value());
    // A signal arrived: run what it asks for (KeyboardInterrupt in the main thread).
    if (!handle_eval_breaker()) return Ref();
  }
  return none_ref();
}

// ---------------------------------------------------------------- calendar conversions

Ref struct_time_from_tm(const struct tm& tm) {
  Ref items[11] = {
      int_from_int64(tm.tm_year + 1900LL), Ref::small(tm.tm_mon + 1), Ref::small(tm.tm_mday),
      Ref::small(tm.tm_hour),  Ref::small(tm.tm_min),  Ref::small(tm.tm_sec),
      Ref::small((tm.tm_wday + 6) % 7), Ref::small(tm.tm_yday + 1), Ref::small(tm.tm_isdst),
      tm.tm_zone ? str_new(tm.tm_zone) : none_ref(), int_from_int64(tm.tm_gmtoff)};
  return structseq_new(&struct_time_type, items);
}

/// Optional seconds argument (absent or None = now) -> time_t, flooring like CPython.
bool time_t_arg(const Value* args, size_t nargs, time_t* out) {
  if (nargs == 0 || is_none(args[0])) {
    *out = ::time(nullptr);
    return true;
  }
  if (is_int(args[0])) {
    int64_t n;
    if (!int_to_int64(args[0], &n)) {
      clear_exception();
      raise(&exc_OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    *out = static_cast<time_t>(n);
    return true;
  }
  double d;
  if (!seconds_arg(args[0], &d)) return false;
  if (!std::isfinite(d) || std::fabs(d) > 9.2e18) {
    raise(&exc_OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  *out = static_cast<time_t>(std::floor(d));
  return true;
}

TIME_FN(time_gmtime) {
  if (!check_nargs("gmtime", nargs, kw, 0, 1)) return Ref();
  time_t t;
  if (!time_t_arg(args, nargs, &t)) return Ref();
  struct tm tm;
  if (gmtime_r(&t, &tm) == nullptr) return raise_os_error(errno ? errno : EOVERFLOW, Value());
  return struct_time_from_tm(tm);
}

TIME_FN(time_localtime) {
  if (!check_nargs("localtime", nargs, kw, 0, 1)) return Ref();
  time_t t;
  if (!time_t_arg(args, nargs, &t)) return Ref();
  struct tm tm;
  if (localtime_r(&t, &tm) == nullptr) return raise_os_error(errno ? errno : EOVERFLOW, Value());
  return struct_time_from_tm(tm);
}

/// A struct_time or 9-tuple -> struct tm (CPython's gettmarg). `fname` is for messages.
bool tm_from_tuple(Value v, struct tm* out, const char* fname) {
  if (!is_tuple(v)) {
    raise(&exc_TypeError, "Tuple or struct_time argument required");
    return false;
  }
  TupleObject* t = as_tuple(v);
  if (t->size != 9) {
    raise_fmt(&exc_TypeError, "{}(): illegal time tuple argument", fname);
    return false;
  }
  int64_t f[9];
  for (size_t i = 0; i < 9; i++) {
    if (!is_int(t->at(i))) {
      raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(t->at(i)));
      return false;
    }
    if (!int_to_int64(t->at(i), &f[i])) return false;
  }
  std::memset(out, 0, sizeof(*out));
  out->tm_year = static_cast<int>(f[0] - 1900);
  out->tm_mon = static_cast<int>(f[1] - 1);
  out->tm_mday = static_cast<int>(f[2]);
  out->tm_hour = static_cast<int>(f[3]);
  out->tm_min = static_cast<int>(f[4]);
  out->tm_sec = static_cast<int>(f[5]);
  out->tm_wday = static_cast<int>((f[6] + 1) % 7);
  out->tm_yday = static_cast<int>(f[7] - 1);
  out->tm_isdst = static_cast<int>(f[8]);
  if (type_of(v) == &struct_time_type) {
    // Hidden fields: zone and offset.
    Value zone = t->items()[9];
    Value off = t->items()[10];
    if (zone && is_str(zone)) out->tm_zone = as_str(zone)->data.c_str();
    int64_t g;
    if (off && is_int(off) && int_to_int64(off, &g)) out->tm_gmtoff = g;
  }
  return true;
}

/// CPython's checktm: the ranges strftime/asctime accept (after normalising 0 fields).
bool check_tm(struct tm* tm) {
  if (tm->tm_mon == -1) tm->tm_mon = 0;
  if (tm->tm_mon < 0 || tm->tm_mon > 11) return static_cast<bool>(raise(&exc_ValueError, "month out of range"));
  if (tm->tm_mday == 0) tm->tm_mday = 1;
  if (tm->tm_mday < 0 || tm->tm_mday > 31) {
    return static_cast<bool>(raise(&exc_ValueError, "day of month out of range"));
  }
  if (tm->tm_hour < 0 || tm->tm_hour > 23) return static_cast<bool>(raise(&exc_ValueError, "hour out of range"));
  if (tm->tm_min < 0 || tm->tm_min > 59) return static_cast<bool>(raise(&exc_ValueError, "minute out of range"));
  if (tm->tm_sec < 0 || tm->tm_sec > 61) return static_cast<bool>(raise(&exc_ValueError, "seconds out of range"));
  if (tm->tm_wday < 0) return static_cast<bool>(raise(&exc_ValueError, "day of week out of range"));
  if (tm->tm_yday == -1) tm->tm_yday = 0;
  if (tm->tm_yday < 0 || tm->tm_yday > 365) {
    return static_cast<bool>(raise(&exc_ValueError, "day of year out of range"));
  }
  if (tm->tm_isdst < -1) tm->tm_isdst = -1;
  if (tm->tm_isdst > 1) tm->tm_isdst = 1;
  return true;
}

/// The tm for an optional tuple argument (absent/None = localtime(now)).
bool tm_arg(const Value* args, size_t nargs, size_t idx, struct tm* tm, const char* fname) {
  if (nargs <= idx || is_none(args[idx])) {
    time_t now = ::time(nullptr);
    localtime_r(&now, tm);
    return true;
  }
  return tm_from_tuple(args[idx], tm, fname) && check_tm(tm);
}

TIME_FN(time_strftime) {
  if (!check_nargs("strftime", nargs, kw, 1, 2)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "strftime() argument 1 must be str, not {}", type_name(args[0]));
  }
  struct tm tm;
  if (!tm_arg(args, nargs, 1, &tm, "strftime")) return Ref();
  std::string fmt(as_str(args[0])->view());
  if (fmt.empty()) return str_empty();
  // strftime returns 0 both for "buffer too small" and for an empty result: grow a few times.
  std::string buf;
  for (size_t cap = 1024; cap <= 256 * fmt.size() + 1024; cap *= 2) {
    buf.assign(cap, '\0');
    size_t n = ::strftime(buf.data(), cap, fmt.c_str(), &tm);
    if (n > 0 || cap > 8 * fmt.size() + 256) {
      buf.resize(n);
      return str_new(buf);
    }
  }
  return str_empty();
}

TIME_FN(time_mktime) {
  if (!check_nargs("mktime", nargs, kw, 1, 1)) return Ref();
  struct tm tm;
  if (!tm_from_tuple(args[0], &tm, "mktime")) return Ref();
  tm.tm_wday = -1;  // sentinel: mktime sets it on success
  time_t t = ::mktime(&tm);
  if (t == static_cast<time_t>(-1) && tm.tm_wday == -1) {
    return raise(&exc_OverflowError, "mktime argument out of range");
  }
  return float_new(static_cast<double>(t));
}

std::string asctime_text(const struct tm& tm) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{} {}{:3d} {:02d}:{:02d}:{:02d} {}", kDays[((tm.tm_wday % 7) + 7) % 7], kMonths[tm.tm_mon],
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 1900LL + tm.tm_year);
}

TIME_FN(time_asctime) {
  if (!check_nargs("asctime", nargs, kw, 0, 1)) return Ref();
  struct tm tm;
  if (!tm_arg(args, nargs, 0, &tm, "asctime")) return Ref();
  return str_new(asctime_text(tm));
}

TIME_FN(time_ctime) {
  if (!check_nargs("ctime", nargs, kw, 0, 1)) return Ref();
  time_t t;
  if (!time_t_arg(args, nargs, &t)) return Ref();
  struct tm tm;
  if (localtime_r(&t, &tm) == nullptr) return raise(&exc_OverflowError, "timestamp out of range for platform time_t");
  return str_new(asctime_text(tm));
}

void set_tz_attrs(DictObject* ns) {
  tzset();
  // As CPython does: probe January and July of the current year for the two offsets.
  time_t now = ::time(nullptr);
  struct tm jan_tm, jul_tm;
  localtime_r(&now, &jan_tm);
  int year = jan_tm.tm_year;
  struct tm probe = {};
  probe.tm_year = year;
  probe.tm_mday = 1;
  probe.tm_isdst = -1;
  time_t jan = ::mktime(&probe);
  localtime_r(&jan, &jan_tm);
  probe = {};
  probe.tm_year = year;
  probe.tm_mon = 6;
  probe.tm_mday = 1;
  probe.tm_isdst = -1;
  time_t jul = ::mktime(&probe);
  localtime_r(&jul, &jul_tm);
  long janoff = -jan_tm.tm_gmtoff, juloff = -jul_tm.tm_gmtoff;
  std::string janname = jan_tm.tm_zone ? jan_tm.tm_zone : "", julname = jul_tm.tm_zone ? jul_tm.tm_zone : "";
  Ref tzname;
  if (janoff < juloff) {  // DST is reversed in the southern hemisphere
    dict_set_cstr(ns, "timezone", int_from_int64(juloff).get());
    dict_set_cstr(ns, "altzone", int_from_int64(janoff).get());
    tzname = tuple_of({str_new(julname).get(), str_new(janname).get()});
  } else {
    dict_set_cstr(ns, "timezone", int_from_int64(janoff).get());
    dict_set_cstr(ns, "altzone", int_from_int64(juloff).get());
    tzname = tuple_of({str_new(janname).get(), str_new(julname).get()});
  }
  dict_set_cstr(ns, "daylight", Ref::small(janoff != juloff).get());
  dict_set_cstr(ns, "tzname", tzname.get());
}

TIME_FN(time_tzset) {
  if (!check_nargs("tzset", nargs, kw, 0, 0)) return Ref();
  set_tz_attrs(module_dict(self));  // self: the bound module
  return none_ref();
}

}  // namespace

bool init_time(Value module, DictObject* ns) {
  structseq_init_type(&struct_time_type, "time", "struct_time", kStructTimeFields, 9, 11);
  dict_set_cstr(ns, "struct_time", Value(&struct_time_type));
  add_function(ns, module, "time", time_time);
  add_function(ns, module, "time_ns", time_time_ns);
  add_function(ns, module, "monotonic", time_monotonic);
  add_function(ns, module, "monotonic_ns", time_monotonic_ns);
  add_function(ns, module, "perf_counter", time_perf_counter);
  add_function(ns, module, "perf_counter_ns", time_perf_counter_ns);
  add_function(ns, module, "process_time", time_process_time);
  add_function(ns, module, "process_time_ns", time_process_time_ns);
  add_function(ns, module, "thread_time", time_thread_time);
  add_function(ns, module, "thread_time_ns", time_thread_time_ns);
  add_function(ns, module, "sleep", time_sleep);
  add_function(ns, module, "gmtime", time_gmtime);
  add_function(ns, module, "localtime", time_localtime);
  add_function(ns, module, "mktime", time_mktime);
  add_function(ns, module, "strftime", time_strftime);
  add_function(ns, module, "asctime", time_asctime);
  add_function(ns, module, "ctime", time_ctime);
  add_function(ns, module, "tzset", time_tzset);
  set_tz_attrs(ns);
  return true;
}

}  // namespace minipy::lib
