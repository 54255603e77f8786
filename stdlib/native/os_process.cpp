// posix, part two: process identity and system information. User and group ids (get/set, real,
// effective, saved, supplementary groups), process groups and sessions, priorities, the exec
// calls that replace the process, uname/times/getloadavg/sysconf/confstr/pathconf and the
// scheduler queries. os.cpp holds files, descriptors and child processes; init_posix calls
// posix_process_init to add these to the same module.
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/structseq.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref os_error() { return raise_os_error(errno, Value()); }

/// A uid_t/gid_t argument as CPython's _Py_Uid_Converter: an int (via __index__) that fits the
/// type, or -1 (meaning "unchanged" for the set*id calls).
template <class Id>
bool id_arg(Value v, const char* kind, Id* out) {
  Ref n = number_index(v);
  if (!n) return false;
  int64_t x = 0;
  bool fits = int_to_int64(n.get(), &x);
  if (!fits) clear_exception();
  if (!fits || x < -1 || x >= static_cast<int64_t>(static_cast<Id>(-1))) {
    bool negative = fits ? x < -1 : compare_bool(n.get(), Value::from_small(0), CmpOp::Lt) == 1;
    raise_fmt(&exc_OverflowError, "{} is {} than {}", kind, negative ? "less" : "greater",
              negative ? "minimum" : "maximum");
    return false;
  }
  *out = static_cast<Id>(x);
  return true;
}

Ref id_result(int64_t id) { return int_from_int64(id); }

// ---------------------------------------------------------------- ids

Ref os_getegid(Value, NativeArgs&) { return id_result(::getegid()); }

Ref os_getgroups(Value, NativeArgs&) {
  int n = ::getgroups(0, nullptr);
  if (n < 0) return os_error();
  std::vector<gid_t> groups(static_cast<size_t>(n) + 1);
  n = ::getgroups(static_cast<int>(groups.size()), groups.data());
  if (n < 0) return os_error();
  Ref out = list_new();
  for (int i = 0; i < n; i++) list_append(as_list(out.get()), id_result(groups[i]).get());
  return out;
}

Ref os_getresuid(Value, NativeArgs&) {
  uid_t r, e, s;
  if (::getresuid(&r, &e, &s) < 0) return os_error();
  return tuple_of({id_result(r).get(), id_result(e).get(), id_result(s).get()});
}

Ref os_getresgid(Value, NativeArgs&) {
  gid_t r, e, s;
  if (::getresgid(&r, &e, &s) < 0) return os_error();
  return tuple_of({id_result(r).get(), id_result(e).get(), id_result(s).get()});
}

/// The set*id calls: each argument a uid or gid, -1 for "leave unchanged".
template <class Id, int N, auto Call>
Ref set_ids(Value, NativeArgs& a) {
  Id ids[N];
  for (int i = 0; i < N; i++) {
    if (!id_arg(a[i], std::is_same_v<Id, uid_t> ? "uid" : "gid", &ids[i])) return Ref();
  }
  int r;
  if constexpr (N == 1) {
    r = Call(ids[0]);
  } else if constexpr (N == 2) {
    r = Call(ids[0], ids[1]);
  } else {
    r = Call(ids[0], ids[1], ids[2]);
  }
  if (r < 0) return os_error();
  return none_ref();
}

int call_setuid(uid_t u) { return ::setuid(u); }
int call_seteuid(uid_t u) { return ::seteuid(u); }
int call_setreuid(uid_t r, uid_t e) { return ::setreuid(r, e); }
int call_setresuid(uid_t r, uid_t e, uid_t s) { return ::setresuid(r, e, s); }
int call_setgid(gid_t g) { return ::setgid(g); }
int call_setegid(gid_t g) { return ::setegid(g); }
int call_setregid(gid_t r, gid_t e) { return ::setregid(r, e); }
int call_setresgid(gid_t r, gid_t e, gid_t s) { return ::setresgid(r, e, s); }

/// setgroups(groups): a sequence of gids.
Ref os_setgroups(Value, NativeArgs& a) {
  Ref it = get_iter(a[0]);
  if (!it) {
    clear_exception();
    return raise(&exc_TypeError, "setgroups argument must be a sequence");
  }
  std::vector<gid_t> groups;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) break;
    if (!is_int(x.get())) return raise(&exc_TypeError, "groups must be integers");
    gid_t g;
    if (!id_arg(x.get(), "gid", &g)) return Ref();
    groups.push_back(g);
  }
  if (error_pending()) return Ref();
  if (::setgroups(groups.size(), groups.data()) < 0) return os_error();
  return none_ref();
}

/// getgrouplist(user, group, /): the groups `user` belongs to, `group` included.
Ref os_getgrouplist(Value, NativeArgs& a) {
  if (!is_str(a[0])) {
    return raise_fmt(&exc_TypeError, "getgrouplist() argument 1 must be str, not {}",
                     type_name(a[0]));
  }
  std::string user(as_str(a[0])->view());
  gid_t base;
  if (!id_arg(a[1], "gid", &base)) return Ref();
  std::vector<gid_t> groups(64);
  for (;;) {
    int n = static_cast<int>(groups.size());
    if (::getgrouplist(user.c_str(), base, groups.data(), &n) >= 0) {
      groups.resize(static_cast<size_t>(n));
      break;
    }
    if (groups.size() > (1u << 20)) return raise(&exc_MemoryError, "");
    groups.resize(std::max(groups.size() * 2, static_cast<size_t>(n)));
  }
  Ref out = list_new();
  for (gid_t g : groups) list_append(as_list(out.get()), id_result(g).get());
  return out;
}

/// initgroups(username, gid, /): username is str or bytes (a filesystem path's encoding).
Ref os_initgroups(Value, NativeArgs& a) {
  std::string_view name;
  std::string holder;
  if (is_str(a[0])) {
    holder = std::string(as_str(a[0])->view());
  } else if (bytes_like_data(a[0], &name) && is_bytes(a[0])) {
    holder = std::string(name);
  } else {
    return raise_fmt(&exc_TypeError, "expected str, bytes or os.PathLike object, not {}",
                     type_name(a[0]));
  }
  gid_t g;
  if (!id_arg(a[1], "gid", &g)) return Ref();
  if (::initgroups(holder.c_str(), g) < 0) return os_error();
  return none_ref();
}

Ref os_getlogin(Value, NativeArgs&) {
  errno = 0;
  const char* name = ::getlogin();
  if (name == nullptr) {
    if (errno) return os_error();
    return raise(&exc_OSError, "unable to determine login name");
  }
  return str_new(name);
}

// ---------------------------------------------------------------- process groups, sessions

Ref os_getpgid(Value, NativeArgs& a) {
  pid_t r = ::getpgid(static_cast<pid_t>(a.i64(0)));
  if (r < 0) return os_error();
  return int_from_int64(r);
}

Ref os_getsid(Value, NativeArgs& a) {
  pid_t r = ::getsid(static_cast<pid_t>(a.i64(0)));
  if (r < 0) return os_error();
  return int_from_int64(r);
}

Ref os_setpgid(Value, NativeArgs& a) {
  if (::setpgid(static_cast<pid_t>(a.i64(0)), static_cast<pid_t>(a.i64(1))) < 0) return os_error();
  return none_ref();
}

Ref os_setpgrp(Value, NativeArgs&) {
  if (::setpgid(0, 0) < 0) return os_error();
  return none_ref();
}

Ref os_killpg(Value, NativeArgs& a) {
  if (::killpg(static_cast<pid_t>(a.i64(0)), a.i32(1)) < 0) return os_error();
  return none_ref();
}

Ref os_tcgetpgrp(Value, NativeArgs& a) {
  pid_t r = ::tcgetpgrp(a.i32(0));
  if (r < 0) return os_error();
  return int_from_int64(r);
}

Ref os_tcsetpgrp(Value, NativeArgs& a) {
  if (::tcsetpgrp(a.i32(0), static_cast<pid_t>(a.i64(1))) < 0) return os_error();
  return none_ref();
}

// ---------------------------------------------------------------- priorities, scheduler

/// nice(increment): the new niceness; -1 is a valid result, so errno tells failure apart.
Ref os_nice(Value, NativeArgs& a) {
  errno = 0;
  int r = ::nice(a.i32(0));
  if (r == -1 && errno != 0) return os_error();
  return Ref::small(r);
}

Ref os_getpriority(Value, NativeArgs& a) {
  errno = 0;
  int r = ::getpriority(static_cast<__priority_which_t>(a.i32(0)), static_cast<id_t>(a.i32(1)));
  if (r == -1 && errno != 0) return os_error();
  return Ref::small(r);
}

Ref os_setpriority(Value, NativeArgs& a) {
  if (::setpriority(static_cast<__priority_which_t>(a.i32(0)), static_cast<id_t>(a.i32(1)),
                    a.i32(2)) < 0)
    return os_error();
  return none_ref();
}

Ref os_sched_yield(Value, NativeArgs&) {
  if (::sched_yield() < 0) return os_error();
  return none_ref();
}

Ref os_sched_get_priority_max(Value, NativeArgs& a) {
  int r = ::sched_get_priority_max(a.i32(0));
  if (r < 0) return os_error();
  return Ref::small(r);
}

Ref os_sched_get_priority_min(Value, NativeArgs& a) {
  int r = ::sched_get_priority_min(a.i32(0));
  if (r < 0) return os_error();
  return Ref::small(r);
}

/// sched_getaffinity(pid): the set of CPUs the process may run on.
Ref os_sched_getaffinity(Value, NativeArgs& a) {
  for (size_t ncpus = CPU_SETSIZE;; ncpus *= 2) {
    cpu_set_t* set = CPU_ALLOC(ncpus);
    if (set == nullptr) return raise(&exc_MemoryError, "");
    size_t size = CPU_ALLOC_SIZE(ncpus);
    if (::sched_getaffinity(static_cast<pid_t>(a.i64(0)), size, set) < 0) {
      int err = errno;
      CPU_FREE(set);
      if (err == EINVAL && ncpus < (1u << 20)) continue;  // more CPUs than the mask holds
      return raise_os_error(err, Value());
    }
    Ref out = set_new(&set_type);
    int count = CPU_COUNT_S(size, set);
    for (size_t cpu = 0; count > 0 && cpu < ncpus; cpu++) {
      if (!CPU_ISSET_S(cpu, size, set)) continue;
      count--;
      if (!set_add(as_set(out.get()), Ref::small(static_cast<int64_t>(cpu)).get())) {
        CPU_FREE(set);
        return Ref();
      }
    }
    CPU_FREE(set);
    return out;
  }
}

/// sched_setaffinity(pid, mask): mask is an iterable of CPU numbers.
Ref os_sched_setaffinity(Value, NativeArgs& a) {
  Ref it = get_iter(a[1]);
  if (!it) return Ref();
  std::vector<size_t> cpus;
  size_t highest = 0;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) break;
    if (!is_int(x.get())) {
      return raise_fmt(&exc_TypeError, "expected an iterator of ints, but iterator yielded {}",
                       type_name(x.get()));
    }
    int64_t cpu;
    if (!int_to_int64(x.get(), &cpu) || cpu < 0) {
      if (error_pending()) clear_exception();
      return raise(cpu < 0 ? &exc_ValueError : &exc_OverflowError,
                   cpu < 0 ? "negative CPU number" : "invalid CPU number");
    }
    if (cpu > INT_MAX - 1) return raise(&exc_OverflowError, "invalid CPU number");
    cpus.push_back(static_cast<size_t>(cpu));
    highest = std::max(highest, static_cast<size_t>(cpu));
  }
  if (error_pending()) return Ref();
  size_t ncpus = std::max<size_t>(highest + 1, CPU_SETSIZE);
  cpu_set_t* set = CPU_ALLOC(ncpus);
  if (set == nullptr) return raise(&exc_MemoryError, "");
  size_t size = CPU_ALLOC_SIZE(ncpus);
  CPU_ZERO_S(size, set);
  for (size_t cpu : cpus) CPU_SET_S(cpu, size, set);
  int r = ::sched_setaffinity(static_cast<pid_t>(a.i64(0)), size, set);
  int err = errno;
  CPU_FREE(set);
  if (r < 0) return raise_os_error(err, Value());
  return none_ref();
}

// ---------------------------------------------------------------- exec

bool exec_argv(Value argv, const char* fname, std::vector<std::string>* out) {
  if (!is_list(argv) && !is_tuple(argv)) {
    raise_fmt(&exc_TypeError, "{} arg 2 must be a tuple or list", fname);
    return false;
  }
  Ref items = list_from_iterable(argv);
  if (!items) return false;
  ListObject* l = as_list(items.get());
  if (l->items.empty()) {
    raise_fmt(&exc_ValueError, "{} must not be empty",
              std::string_view(fname) == "execv()" ? "execv() arg 2" : "execve: argv");
    return false;
  }
  for (Value v : l->items) {
    std::string s;
    if (!fs_encoded_arg(v, &s)) return false;
    out->push_back(std::move(s));
  }
  if ((*out)[0].empty()) {
    raise_fmt(&exc_ValueError, "{} first element cannot be empty",
              std::string_view(fname) == "execv()" ? "execv() arg 2" : "execve: argv");
    return false;
  }
  return true;
}

std::vector<char*> c_array(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (std::string& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

Ref os_execv(Value, NativeArgs& a) {
  std::string path;
  if (!fs_encoded_arg(a[0], &path)) return Ref();
  std::vector<std::string> argv;
  if (!exec_argv(a[1], "execv()", &argv)) return Ref();
  std::vector<char*> cargv = c_array(argv);
  ::execv(path.c_str(), cargv.data());
  return os_error();  // only returns on failure
}

Ref os_execve(Value, NativeArgs& a) {
  std::string path;
  if (!fs_encoded_arg(a[0], &path)) return Ref();
  std::vector<std::string> argv;
  if (!exec_argv(a[1], "execve()", &argv)) return Ref();
  Value env = a[2];
  Ref keys = call_method(env, intern("keys"), nullptr, 0);
  if (!keys) {
    clear_exception();
    return raise(&exc_TypeError, "env must be mapping");
  }
  Ref key_list = list_from_iterable(keys.get());
  if (!key_list) return Ref();
  std::vector<std::string> envp;
  for (Value k : as_list(key_list.get())->items) {
    Ref v = getitem(env, k);
    if (!v) return Ref();
    std::string ks, vs;
    if (!fs_encoded_arg(k, &ks) || !fs_encoded_arg(v.get(), &vs)) return Ref();
    if (ks.empty() || ks.find('=') != std::string::npos) {
      return raise(&exc_ValueError, "illegal environment variable name");
    }
    envp.push_back(ks + "=" + vs);
  }
  std::vector<char*> cargv = c_array(argv), cenv = c_array(envp);
  ::execve(path.c_str(), cargv.data(), cenv.data());
  return raise_os_error(errno, a[0]);
}

Ref os_abort(Value, NativeArgs&) {
  ::abort();
  return Ref();
}

// ---------------------------------------------------------------- system information

StructSeqType uname_result_type;
const char* const kUnameFields[] = {"sysname", "nodename", "release", "version", "machine"};

Ref os_uname(Value, NativeArgs&) {
  struct utsname u {};
  if (::uname(&u) < 0) return os_error();
  Ref items[5] = {str_new(u.sysname), str_new(u.nodename), str_new(u.release), str_new(u.version),
                  str_new(u.machine)};
  return structseq_new(&uname_result_type, items);
}

StructSeqType times_result_type;
const char* const kTimesFields[] = {"user", "system", "children_user", "children_system",
                                    "elapsed"};

Ref os_times(Value, NativeArgs&) {
  struct tms t {};
  clock_t elapsed = ::times(&t);
  if (elapsed == static_cast<clock_t>(-1)) return os_error();
  double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  Ref items[5] = {float_new(static_cast<double>(t.tms_utime) / ticks),
                  float_new(static_cast<double>(t.tms_stime) / ticks),
                  float_new(static_cast<double>(t.tms_cutime) / ticks),
                  float_new(static_cast<double>(t.tms_cstime) / ticks),
                  float_new(static_cast<double>(elapsed) / ticks)};
  return structseq_new(&times_result_type, items);
}

Ref os_getloadavg(Value, NativeArgs&) {
  double load[3];
  if (::getloadavg(load, 3) != 3) return raise(&exc_OSError, "Load averages are unobtainable");
  return tuple_of({float_new(load[0]).get(), float_new(load[1]).get(), float_new(load[2]).get()});
}

Ref os_ctermid(Value, NativeArgs&) {
  char buf[L_ctermid];
  const char* r = ::ctermid(buf);
  if (r == nullptr) return os_error();
  return str_new(r);
}

Ref os_ttyname(Value, NativeArgs& a) {
  char buf[PATH_MAX];
  int err = ::ttyname_r(a.i32(0), buf, sizeof buf);
  if (err != 0) return raise_os_error(err, Value());
  return str_new(buf);
}

// sysconf/confstr/pathconf: the name is an int or one of the *_names dict's keys.
struct ConfName {
  const char* name;
  int value;
};

#define CONF(n) {#n, _##n},
const ConfName kSysconfNames[] = {
    CONF(SC_ARG_MAX) CONF(SC_CHILD_MAX) CONF(SC_CLK_TCK) CONF(SC_NGROUPS_MAX) CONF(
        SC_OPEN_MAX) CONF(SC_STREAM_MAX) CONF(SC_TZNAME_MAX) CONF(SC_JOB_CONTROL) CONF(SC_SAVED_IDS)
        CONF(SC_REALTIME_SIGNALS) CONF(SC_PRIORITY_SCHEDULING) CONF(SC_TIMERS) CONF(
            SC_ASYNCHRONOUS_IO) CONF(SC_PRIORITIZED_IO) CONF(SC_SYNCHRONIZED_IO) CONF(SC_FSYNC)
            CONF(SC_MAPPED_FILES) CONF(SC_MEMLOCK) CONF(SC_MEMLOCK_RANGE) CONF(
                SC_MEMORY_PROTECTION) CONF(SC_MESSAGE_PASSING) CONF(SC_SEMAPHORES)
                CONF(SC_SHARED_MEMORY_OBJECTS) CONF(SC_AIO_LISTIO_MAX) CONF(SC_AIO_MAX) CONF(
                    SC_AIO_PRIO_DELTA_MAX) CONF(SC_DELAYTIMER_MAX) CONF(SC_MQ_OPEN_MAX)
                    CONF(SC_MQ_PRIO_MAX) CONF(SC_VERSION) CONF(SC_PAGESIZE) CONF(SC_PAGE_SIZE) CONF(
                        SC_RTSIG_MAX) CONF(SC_SEM_NSEMS_MAX) CONF(SC_SEM_VALUE_MAX)
                        CONF(SC_SIGQUEUE_MAX) CONF(SC_TIMER_MAX) CONF(SC_BC_BASE_MAX) CONF(
                            SC_BC_DIM_MAX) CONF(SC_BC_SCALE_MAX)
                            CONF(SC_BC_STRING_MAX) CONF(SC_COLL_WEIGHTS_MAX) CONF(SC_EXPR_NEST_MAX) CONF(
                                SC_LINE_MAX) CONF(SC_RE_DUP_MAX) CONF(SC_2_VERSION)
                                CONF(SC_2_C_BIND) CONF(SC_2_C_DEV) CONF(SC_2_FORT_DEV) CONF(SC_2_FORT_RUN) CONF(
                                    SC_2_SW_DEV) CONF(SC_2_LOCALEDEF) CONF(SC_UIO_MAXIOV) CONF(SC_THREADS)
                                    CONF(SC_THREAD_SAFE_FUNCTIONS) CONF(SC_GETGR_R_SIZE_MAX) CONF(
                                        SC_GETPW_R_SIZE_MAX) CONF(SC_LOGIN_NAME_MAX) CONF(SC_TTY_NAME_MAX)
                                        CONF(SC_THREAD_DESTRUCTOR_ITERATIONS) CONF(SC_THREAD_KEYS_MAX) CONF(
                                            SC_THREAD_STACK_MIN) CONF(SC_THREAD_THREADS_MAX) CONF(SC_THREAD_ATTR_STACKADDR)
                                            CONF(SC_THREAD_ATTR_STACKSIZE) CONF(SC_THREAD_PRIORITY_SCHEDULING) CONF(
                                                SC_THREAD_PRIO_INHERIT) CONF(SC_THREAD_PRIO_PROTECT)
                                                CONF(SC_THREAD_PROCESS_SHARED) CONF(SC_NPROCESSORS_CONF) CONF(
                                                    SC_NPROCESSORS_ONLN) CONF(SC_PHYS_PAGES)
                                                    CONF(SC_AVPHYS_PAGES) CONF(SC_ATEXIT_MAX) CONF(
                                                        SC_PASS_MAX) CONF(SC_XOPEN_VERSION)
                                                        CONF(SC_XOPEN_XCU_VERSION) CONF(SC_XOPEN_UNIX) CONF(
                                                            SC_XOPEN_CRYPT) CONF(SC_XOPEN_ENH_I18N)
                                                            CONF(SC_XOPEN_SHM) CONF(
                                                                SC_2_CHAR_TERM) CONF(SC_2_C_VERSION)
                                                                CONF(SC_2_UPE) CONF(SC_XOPEN_XPG2) CONF(
                                                                    SC_XOPEN_XPG3) CONF(SC_XOPEN_XPG4)
                                                                    CONF(SC_NZERO) CONF(
                                                                        SC_XBS5_ILP32_OFF32) CONF(SC_XBS5_ILP32_OFFBIG)
                                                                        CONF(SC_XBS5_LP64_OFF64) CONF(
                                                                            SC_XBS5_LPBIG_OFFBIG)
                                                                            CONF(SC_XOPEN_LEGACY) CONF(
                                                                                SC_XOPEN_REALTIME)
                                                                                CONF(
                                                                                    SC_XOPEN_REALTIME_THREADS)
                                                                                    CONF(SC_IOV_MAX) CONF(
                                                                                        SC_HOST_NAME_MAX)
                                                                                        CONF(
                                                                                            SC_MINSIGSTKSZ)};
const ConfName kConfstrNames[] = {
    CONF(CS_PATH) CONF(CS_GNU_LIBC_VERSION) CONF(CS_GNU_LIBPTHREAD_VERSION)
        CONF(CS_XBS5_ILP32_OFF32_CFLAGS) CONF(CS_XBS5_ILP32_OFF32_LDFLAGS)
            CONF(CS_XBS5_ILP32_OFF32_LIBS) CONF(CS_XBS5_ILP32_OFF32_LINTFLAGS)
                CONF(CS_XBS5_ILP32_OFFBIG_CFLAGS) CONF(CS_XBS5_ILP32_OFFBIG_LDFLAGS)
                    CONF(CS_XBS5_ILP32_OFFBIG_LIBS) CONF(CS_XBS5_ILP32_OFFBIG_LINTFLAGS)
                        CONF(CS_XBS5_LP64_OFF64_CFLAGS) CONF(CS_XBS5_LP64_OFF64_LDFLAGS)
                            CONF(CS_XBS5_LP64_OFF64_LIBS) CONF(CS_XBS5_LP64_OFF64_LINTFLAGS)
                                CONF(CS_XBS5_LPBIG_OFFBIG_CFLAGS) CONF(CS_XBS5_LPBIG_OFFBIG_LDFLAGS)
                                    CONF(CS_XBS5_LPBIG_OFFBIG_LIBS)
                                        CONF(CS_XBS5_LPBIG_OFFBIG_LINTFLAGS)};
const ConfName kPathconfNames[] = {
    CONF(PC_LINK_MAX) CONF(PC_MAX_CANON) CONF(PC_MAX_INPUT) CONF(PC_NAME_MAX) CONF(PC_PATH_MAX)
        CONF(PC_PIPE_BUF) CONF(PC_CHOWN_RESTRICTED) CONF(PC_NO_TRUNC) CONF(PC_VDISABLE)
            CONF(PC_SYNC_IO) CONF(PC_ASYNC_IO) CONF(PC_PRIO_IO) CONF(PC_SOCK_MAXBUF)
                CONF(PC_FILESIZEBITS) CONF(PC_REC_INCR_XFER_SIZE) CONF(PC_REC_MAX_XFER_SIZE)
                    CONF(PC_REC_MIN_XFER_SIZE) CONF(PC_REC_XFER_ALIGN) CONF(PC_ALLOC_SIZE_MIN)
                        CONF(PC_SYMLINK_MAX) CONF(PC_2_SYMLINKS)};
#undef CONF

template <size_t N>
Ref conf_names_dict(const ConfName (&table)[N]) {
  Ref d = dict_new();
  for (const ConfName& c : table)
    dict_set_cstr(as_dict(d.get()), c.name, Ref::small(c.value).get());
  return d;
}

/// CPython's conv_confname: an int, or a str naming an entry of the table.
template <size_t N>
bool conf_name(Value v, const ConfName (&table)[N], int* out) {
  if (is_int(v)) {
    int64_t n;
    if (!int_to_int64(v, &n)) return false;
    if (n < INT_MIN || n > INT_MAX) {
      raise(&exc_OverflowError, "Python int too large to convert to C int");
      return false;
    }
    *out = static_cast<int>(n);
    return true;
  }
  if (!is_str(v)) {
    raise(&exc_TypeError, "configuration names must be strings or integers");
    return false;
  }
  std::string_view name = as_str(v)->view();
  for (const ConfName& c : table) {
    if (name == c.name) {
      *out = c.value;
      return true;
    }
  }
  raise(&exc_ValueError, "unrecognized configuration name");
  return false;
}

Ref os_sysconf(Value, NativeArgs& a) {
  int name;
  if (!conf_name(a[0], kSysconfNames, &name)) return Ref();
  errno = 0;
  long r = ::sysconf(name);
  if (r == -1 && errno != 0) return os_error();
  return int_from_int64(r);
}

Ref os_confstr(Value, NativeArgs& a) {
  int name;
  if (!conf_name(a[0], kConfstrNames, &name)) return Ref();
  errno = 0;
  size_t n = ::confstr(name, nullptr, 0);
  if (n == 0) {
    if (errno) return os_error();
    return none_ref();
  }
  std::string buf(n, '\0');
  ::confstr(name, buf.data(), n);
  buf.resize(n - 1);
  return str_new(buf);
}

Ref pathconf_result(long r) {
  if (r == -1 && errno != 0) return os_error();
  return int_from_int64(r);
}

Ref os_fpathconf(Value, NativeArgs& a) {
  int name;
  if (!conf_name(a[1], kPathconfNames, &name)) return Ref();
  errno = 0;
  long r = a.path_is_fd(0) ? ::fpathconf(a.i32(0), name)
                           : ::pathconf(std::string(a.str(0)).c_str(), name);
  return pathconf_result(r);
}

const NativeDef kProcessFunctions[] = {
    {"getegid($module, /)", os_getegid},
    {"getgroups($module, /)", os_getgroups},
    {"getresuid($module, /)", os_getresuid},
    {"getresgid($module, /)", os_getresgid},
    {"setuid($module, uid, /)", set_ids<uid_t, 1, call_setuid>},
    {"seteuid($module, euid, /)", set_ids<uid_t, 1, call_seteuid>},
    {"setreuid($module, ruid, euid, /)", set_ids<uid_t, 2, call_setreuid>},
    {"setresuid($module, ruid, euid, suid, /)", set_ids<uid_t, 3, call_setresuid>},
    {"setgid($module, gid, /)", set_ids<gid_t, 1, call_setgid>},
    {"setegid($module, egid, /)", set_ids<gid_t, 1, call_setegid>},
    {"setregid($module, rgid, egid, /)", set_ids<gid_t, 2, call_setregid>},
    {"setresgid($module, rgid, egid, sgid, /)", set_ids<gid_t, 3, call_setresgid>},
    {"setgroups($module, groups, /)", os_setgroups},
    {"getgrouplist($module, user, group, /)", os_getgrouplist},
    {"initgroups($module, username, gid, /)", os_initgroups},
    {"getlogin($module, /)", os_getlogin},
    {"getpgid($module, /, pid: ssize_t)", os_getpgid},
    {"getsid($module, pid: ssize_t, /)", os_getsid},
    {"setpgid($module, pid: ssize_t, pgrp: ssize_t, /)", os_setpgid},
    {"setpgrp($module, /)", os_setpgrp},
    {"killpg($module, pgid: ssize_t, signal: int, /)", os_killpg},
    {"tcgetpgrp($module, fd: int, /)", os_tcgetpgrp},
    {"tcsetpgrp($module, fd: int, pgid: ssize_t, /)", os_tcsetpgrp},
    {"nice($module, increment: int, /)", os_nice},
    {"getpriority($module, /, which: int, who: int)", os_getpriority},
    {"setpriority($module, /, which: int, who: int, priority: int)", os_setpriority},
    {"sched_yield($module, /)", os_sched_yield},
    {"sched_get_priority_max($module, /, policy: int)", os_sched_get_priority_max},
    {"sched_get_priority_min($module, /, policy: int)", os_sched_get_priority_min},
    {"sched_getaffinity($module, pid: ssize_t, /)", os_sched_getaffinity},
    {"sched_setaffinity($module, pid: ssize_t, mask, /)", os_sched_setaffinity},
    {"execv($module, path, argv, /)", os_execv},
    {"execve($module, /, path, argv, env)", os_execve},
    {"abort($module, /)", os_abort},
    {"uname($module, /)", os_uname},
    {"times($module, /)", os_times},
    {"getloadavg($module, /)", os_getloadavg},
    {"ctermid($module, /)", os_ctermid},
    {"ttyname($module, fd: int, /)", os_ttyname},
    {"sysconf($module, name, /)", os_sysconf},
    {"confstr($module, name, /)", os_confstr},
    {"fpathconf($module, fd: path_fd, name, /)", os_fpathconf},
    {"pathconf($module, /, path: path_fd, name)", os_fpathconf},
};

}  // namespace

void posix_process_init(Value module, DictObject* ns) {
  add_functions(ns, module, kProcessFunctions);
  structseq_init_type(&uname_result_type, "posix", "uname_result", kUnameFields, 5, 5);
  dict_set_cstr(ns, "uname_result", Value(&uname_result_type));
  structseq_init_type(&times_result_type, "posix", "times_result", kTimesFields, 5, 5);
  dict_set_cstr(ns, "times_result", Value(&times_result_type));
  dict_set_cstr(ns, "sysconf_names", conf_names_dict(kSysconfNames).get());
  dict_set_cstr(ns, "confstr_names", conf_names_dict(kConfstrNames).get());
  dict_set_cstr(ns, "pathconf_names", conf_names_dict(kPathconfNames).get());
}

}  // namespace minipy::lib
