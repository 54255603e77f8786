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
#include "runtime/objects/namespace.h"
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

StructSeqType struct_time_type;
const char* const kStructTimeFields[] = {"tm_year",  "tm_mon",  "tm_mday",  "tm_hour",
                                         "tm_min",   "tm_sec",  "tm_wday",  "tm_yday",
                                         "tm_isdst", "tm_zone", "tm_gmtoff"};

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

Ref time_time(Value self, NativeArgs&) { return clock_float(CLOCK_REALTIME); }
Ref time_time_ns(Value self, NativeArgs&) { return int_from_int64(clock_ns(CLOCK_REALTIME)); }
Ref time_monotonic(Value self, NativeArgs&) { return clock_float(CLOCK_MONOTONIC); }
Ref time_monotonic_ns(Value self, NativeArgs&) { return int_from_int64(clock_ns(CLOCK_MONOTONIC)); }
Ref time_perf_counter(Value self, NativeArgs&) { return clock_float(CLOCK_MONOTONIC); }
Ref time_perf_counter_ns(Value self, NativeArgs&) {
  return int_from_int64(clock_ns(CLOCK_MONOTONIC));
}
Ref time_process_time(Value self, NativeArgs&) { return clock_float(CLOCK_PROCESS_CPUTIME_ID); }
Ref time_process_time_ns(Value self, NativeArgs&) {
  return int_from_int64(clock_ns(CLOCK_PROCESS_CPUTIME_ID));
}
Ref time_thread_time(Value self, NativeArgs&) { return clock_float(CLOCK_THREAD_CPUTIME_ID); }
Ref time_thread_time_ns(Value self, NativeArgs&) {
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

Ref time_sleep(Value, NativeArgs& args) {
  double secs;
  if (!seconds_arg(args[0], &secs)) return Ref();
  if (secs < 0) return raise(&exc_ValueError, "sleep length must be non-negative");
  if (secs > 9.2e9)
    return raise(&exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
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
  Ref items[11] = {int_from_int64(tm.tm_year + 1900LL),
                   Ref::small(tm.tm_mon + 1),
                   Ref::small(tm.tm_mday),
                   Ref::small(tm.tm_hour),
                   Ref::small(tm.tm_min),
                   Ref::small(tm.tm_sec),
                   Ref::small((tm.tm_wday + 6) % 7),
                   Ref::small(tm.tm_yday + 1),
                   Ref::small(tm.tm_isdst),
                   tm.tm_zone ? str_new(tm.tm_zone) : none_ref(),
                   int_from_int64(tm.tm_gmtoff)};
  return structseq_new(&struct_time_type, items);
}

/// Optional seconds argument (absent or None = now) -> time_t, flooring like CPython.
bool time_t_arg(NativeArgs& args, time_t* out) {
  if (!args.given(0) || is_none(args[0])) {
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

Ref time_gmtime(Value, NativeArgs& args) {
  time_t t;
  if (!time_t_arg(args, &t)) return Ref();
  struct tm tm;
  if (gmtime_r(&t, &tm) == nullptr) return raise_os_error(errno ? errno : EOVERFLOW, Value());
  return struct_time_from_tm(tm);
}

Ref time_localtime(Value, NativeArgs& args) {
  time_t t;
  if (!time_t_arg(args, &t)) return Ref();
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
      raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                type_name(t->at(i)));
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
  if (tm->tm_mon < 0 || tm->tm_mon > 11)
    return static_cast<bool>(raise(&exc_ValueError, "month out of range"));
  if (tm->tm_mday == 0) tm->tm_mday = 1;
  if (tm->tm_mday < 0 || tm->tm_mday > 31) {
    return static_cast<bool>(raise(&exc_ValueError, "day of month out of range"));
  }
  if (tm->tm_hour < 0 || tm->tm_hour > 23)
    return static_cast<bool>(raise(&exc_ValueError, "hour out of range"));
  if (tm->tm_min < 0 || tm->tm_min > 59)
    return static_cast<bool>(raise(&exc_ValueError, "minute out of range"));
  if (tm->tm_sec < 0 || tm->tm_sec > 61)
    return static_cast<bool>(raise(&exc_ValueError, "seconds out of range"));
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
bool tm_arg(NativeArgs& args, size_t idx, struct tm* tm, const char* fname) {
  if (!args.given(idx) || is_none(args[idx])) {
    time_t now = ::time(nullptr);
    localtime_r(&now, tm);
    return true;
  }
  return tm_from_tuple(args[idx], tm, fname) && check_tm(tm);
}

Ref time_strftime(Value, NativeArgs& args) {
  struct tm tm;
  if (!tm_arg(args, 1, &tm, "strftime")) return Ref();
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

Ref time_mktime(Value, NativeArgs& args) {
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
  return fmt::format("{} {}{:3d} {:02d}:{:02d}:{:02d} {}", kDays[((tm.tm_wday % 7) + 7) % 7],
                     kMonths[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     1900LL + tm.tm_year);
}

Ref time_asctime(Value, NativeArgs& args) {
  struct tm tm;
  if (!tm_arg(args, 0, &tm, "asctime")) return Ref();
  return str_new(asctime_text(tm));
}

Ref time_ctime(Value, NativeArgs& args) {
  time_t t;
  if (!time_t_arg(args, &t)) return Ref();
  struct tm tm;
  if (localtime_r(&t, &tm) == nullptr)
    return raise(&exc_OverflowError, "timestamp out of range for platform time_t");
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
  std::string janname = jan_tm.tm_zone ? jan_tm.tm_zone : "",
              julname = jul_tm.tm_zone ? jul_tm.tm_zone : "";
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

Ref time_tzset(Value self, NativeArgs&) {
  set_tz_attrs(module_dict(self));  // self: the bound module
  return none_ref();
}

/// time.get_clock_info(name): which POSIX clock each function reads (the ones in this file)
/// and its resolution from clock_getres, as a types.SimpleNamespace.
Ref time_get_clock_info(Value, NativeArgs& a) {
  struct Clock {
    const char* name;
    clockid_t id;
    const char* implementation;
    bool monotonic;
  };
  static const Clock kClocks[] = {
      {"time", CLOCK_REALTIME, "clock_gettime(CLOCK_REALTIME)", false},
      {"monotonic", CLOCK_MONOTONIC, "clock_gettime(CLOCK_MONOTONIC)", true},
      {"perf_counter", CLOCK_MONOTONIC, "clock_gettime(CLOCK_MONOTONIC)", true},
      {"process_time", CLOCK_PROCESS_CPUTIME_ID, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true},
      {"thread_time", CLOCK_THREAD_CPUTIME_ID, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true},
  };
  std::string_view name = a.str(0);
  for (const Clock& c : kClocks) {
    if (name != c.name) continue;
    struct timespec res {};
    double resolution = clock_getres(c.id, &res) == 0 ? res.tv_sec + res.tv_nsec * 1e-9 : 1e-9;
    Ref info = namespace_new(nullptr);
    DictObject* d = static_cast<NamespaceObject*>(info.get().obj())->dict;
    dict_set_cstr(d, "implementation", str_new(c.implementation).get());
    dict_set_cstr(d, "monotonic", Bool(c.monotonic));
    dict_set_cstr(d, "adjustable", Bool(!c.monotonic));  // only the wall clock can be set
    dict_set_cstr(d, "resolution", float_new(resolution).get());
    return info;
  }
  return raise(&exc_ValueError, "unknown clock");
}

const NativeDef kTimeFunctions[] = {
    {"get_clock_info($module, name: str, /)", time_get_clock_info, kNativeNoTextSig},
    {"time($module, /)", time_time, kNativeNoTextSig},
    {"time_ns($module, /)", time_time_ns, kNativeNoTextSig},
    {"monotonic($module, /)", time_monotonic, kNativeNoTextSig},
    {"monotonic_ns($module, /)", time_monotonic_ns, kNativeNoTextSig},
    {"perf_counter($module, /)", time_perf_counter, kNativeNoTextSig},
    {"perf_counter_ns($module, /)", time_perf_counter_ns, kNativeNoTextSig},
    {"process_time($module, /)", time_process_time, kNativeNoTextSig},
    {"process_time_ns($module, /)", time_process_time_ns, kNativeNoTextSig},
    {"thread_time($module, /)", time_thread_time, kNativeNoTextSig},
    {"thread_time_ns($module, /)", time_thread_time_ns, kNativeNoTextSig},
    {"tzset($module, /)", time_tzset, kNativeNoTextSig},
    {"sleep($module, secs, /)", time_sleep, kNativeNoTextSig},
    {"gmtime($module, seconds=NULL, /)", time_gmtime, kNativeNoTextSig | kNativeParseTuple},
    {"localtime($module, seconds=NULL, /)", time_localtime, kNativeNoTextSig | kNativeParseTuple},
    {"mktime($module, tuple, /)", time_mktime, kNativeNoTextSig},
    {"strftime($module, format: str, tuple=NULL, /)", time_strftime,
     kNativeNoTextSig | kNativeParseTuple},
    {"asctime($module, tuple=NULL, /)", time_asctime, kNativeNoTextSig},
    {"ctime($module, seconds=NULL, /)", time_ctime, kNativeNoTextSig | kNativeParseTuple},
};

}  // namespace

void time_clock_init(Value module, DictObject* ns);  // time_clock.cpp

bool init_time(Value module, DictObject* ns) {
  structseq_init_type(&struct_time_type, "time", "struct_time", kStructTimeFields, 9, 11);
  dict_set_cstr(ns, "struct_time", Value(&struct_time_type));
  // The number of struct_time fields: 11 where tm_zone and tm_gmtoff exist (CPython's
  // _STRUCT_TM_ITEMS; test_time and _strptime read it).
  dict_set_cstr(ns, "_STRUCT_TM_ITEMS", Ref::small(11).get());
  add_functions(ns, module, kTimeFunctions);
  time_clock_init(module, ns);
  set_tz_attrs(ns);
  return true;
}

}  // namespace minipy::lib
