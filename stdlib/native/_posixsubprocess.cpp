// _posixsubprocess: fork_exec, the native core of CPython's subprocess.Popen on POSIX (CPython's
// Modules/_posixsubprocess.c semantics, our own code). Everything the child needs (argv, envp,
// executable candidates, descriptors to keep) is prepared before fork(); the child then only
// makes async-signal-safe system calls: wire the pipes to 0/1/2, chdir, umask, signals, session,
// ids, close the other descriptors, exec. A failure is reported to the parent over errpipe_write
// as "OSError:<hex errno>:[noexec]" (subprocess.py parses it), then the child _exits with 255.
// A preexec_fn runs Python code in the child, which therefore re-initialises the interpreter's
// thread state first, as os.fork() does.
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/stop_the_world.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// A sequence of paths/strings to a vector (args, executable_list, env_list).
bool fs_list(Value seq, std::vector<std::string>* out) {
  Ref it = get_iter(seq);
  if (!it) return false;
  for (;;) {
    Ref item = iter_next(it.get());
    if (!item) return !error_pending();
    std::string s;
    if (!fs_encoded_arg(item.get(), &s)) return false;
    out->push_back(std::move(s));
  }
}

/// NUL-terminated pointer arrays over strings that stay put until exec.
std::vector<char*> c_array(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (std::string& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

struct ChildPlan {
  std::vector<char*> argv;
  std::vector<char*> envp;  // empty: inherit the environment (execv)
  bool has_env = false;
  std::vector<std::string> executables;
  std::vector<int> keep;  // sorted
  bool close_fds = false;
  std::string cwd;
  bool has_cwd = false;
  int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write;
  bool restore_signals = false;
  bool call_setsid = false;
  int pgid_to_set = -1;
  bool has_gid = false, has_uid = false, has_groups = false;
  gid_t gid = 0;
  uid_t uid = 0;
  std::vector<gid_t> groups;
  int child_umask = -1;
  Value preexec_fn;  // null or a callable
  long max_fd = 0;
};

// ---------------------------------------------------------------- the child (async-signal-safe)

void write_all_raw(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
}

bool set_inheritable(int fd, bool inheritable) {
  int flags = ::fcntl(fd, F_GETFD);
  if (flags < 0) return false;
  int want = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
  return want == flags || ::fcntl(fd, F_SETFD, want) == 0;
}

/// Closes every descriptor from `lo` up except the kept ones: close_range(2) per gap, or a
/// plain loop up to the descriptor limit where the kernel lacks it.
void close_open_fds(const ChildPlan& p, int lo) {
  auto close_span = [&](long from, long to) {  // inclusive
    if (from > to) return;
#ifdef SYS_close_range
    if (::syscall(SYS_close_range, static_cast<unsigned>(from), static_cast<unsigned>(to), 0) == 0)
      return;
#endif
    long end = std::min(to, p.max_fd);
    for (long fd = from; fd <= end; fd++) ::close(static_cast<int>(fd));
  };
  long next = lo;
  for (int k : p.keep) {
    if (k < next) continue;
    close_span(next, k - 1);
    next = k + 1;
  }
  close_span(next, INT_MAX);
}

[[noreturn]] void child_exec(ChildPlan& p) {
  int saved_errno = 0;
  bool reached_preexec = false;
  const char* err_msg = nullptr;
  int c2pwrite = p.c2pwrite, errwrite = p.errwrite;
  for (int fd : p.keep) {
    if (fd != p.errpipe_write && !set_inheritable(fd, true)) goto error;
  }
  // The error pipe must close at exec so the parent's read ends: CPython relies on os.pipe()
  // being non-inheritable, minipy's os.pipe is inheritable (multiprocessing's spawn).
  if (!set_inheritable(p.errpipe_write, false)) goto error;
  for (int fd : {p.p2cwrite, p.c2pread, p.errread}) {
    if (fd != -1) ::close(fd);
  }
  ::close(p.errpipe_read);
  // A pipe end that already sits on a lower standard descriptor would be overwritten by the
  // dup2 below it: move it out of the way first.
  if (c2pwrite == 0) {
    c2pwrite = ::dup(c2pwrite);
    if (c2pwrite < 0 || !set_inheritable(c2pwrite, false)) goto error;
  }
  while (errwrite == 0 || errwrite == 1) {
    errwrite = ::dup(errwrite);
    if (errwrite < 0 || !set_inheritable(errwrite, false)) goto error;
  }
  {
    const int from[3] = {p.p2cread, c2pwrite, errwrite};
    for (int target = 0; target < 3; target++) {
      if (from[target] == target) {
        if (!set_inheritable(target, true)) goto error;
      } else if (from[target] != -1) {
        if (::dup2(from[target], target) < 0) goto error;
      }
    }
  }
  if (p.has_cwd && ::chdir(p.cwd.c_str()) < 0) goto error;
  if (p.child_umask >= 0) ::umask(static_cast<mode_t>(p.child_umask));
  if (p.restore_signals) {
    // The interpreter ignores SIGPIPE (and SIGXFSZ); a new program expects the defaults.
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGXFSZ, SIG_DFL);
  }
  if (p.call_setsid && ::setsid() < 0) goto error;
  if (p.pgid_to_set >= 0 && ::setpgid(0, p.pgid_to_set) < 0) goto error;
  if (p.has_groups && ::setgroups(p.groups.size(), p.groups.data()) < 0) goto error;
  if (p.has_gid && ::setregid(p.gid, p.gid) < 0) goto error;
  if (p.has_uid && ::setreuid(p.uid, p.uid) < 0) goto error;
  reached_preexec = true;
  if (p.preexec_fn) {
    after_fork_child();
    Ref r = call0(p.preexec_fn);
    if (!r) {
      err_msg = "Exception occurred in preexec_fn.";
      errno = 0;
      goto error;
    }
  }
  if (p.close_fds) close_open_fds(p, 3);
  for (std::string& exe : p.executables) {
    if (p.has_env) {
      ::execve(exe.c_str(), p.argv.data(), p.envp.data());
    } else {
      ::execv(exe.c_str(), p.argv.data());
    }
    if (errno != ENOENT && errno != ENOTDIR && saved_errno == 0) saved_errno = errno;
  }
  if (saved_errno != 0) errno = saved_errno;
error:
  saved_errno = errno;
  if (saved_errno != 0) {
    char hex[2 * sizeof(int) + 1];
    char* cur = hex + sizeof(hex);
    unsigned e = static_cast<unsigned>(saved_errno);
    while (e != 0 && cur != hex) {
      *--cur = "0123456789abcdef"[e % 16];
      e /= 16;
    }
    write_all_raw(p.errpipe_write, "OSError:", 8);
    write_all_raw(p.errpipe_write, cur, static_cast<size_t>(hex + sizeof(hex) - cur));
    write_all_raw(p.errpipe_write, ":", 1);
    if (!reached_preexec) write_all_raw(p.errpipe_write, "noexec", 6);  // failed before exec
  } else {
    const char* msg = err_msg ? err_msg : "";
    write_all_raw(p.errpipe_write, "SubprocessError:0:", 18);
    write_all_raw(p.errpipe_write, msg, std::strlen(msg));
  }
  ::_exit(255);
}

// ---------------------------------------------------------------- fork_exec

bool int_field(Value v, int* out) { return c_int_arg(v, out); }

bool id_arg(Value v, const char* what, bool* has, int64_t* out) {
  *has = !is_none(v);
  if (!*has) return true;
  if (!int_arg(v, out)) return false;
  if (*out < 0 || *out > UINT32_MAX - 1) {
    raise_fmt(&exc_OverflowError, "{} is greater than maximum", what);
    return false;
  }
  return true;
}

/// fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite, c2pread,
///           c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore_signals,
///           call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn,
///           allow_vfork) -> pid
Ref posixsubprocess_fork_exec(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("fork_exec", nargs, kw, 23, 23)) return Ref();
  ChildPlan p;
  std::vector<std::string> argv_s, env_s;
  if (!is_none(args[0]) && !fs_list(args[0], &argv_s)) return Ref();
  if (!fs_list(args[1], &p.executables)) return Ref();
  int t = truthy(args[2]);
  if (t < 0) return Ref();
  p.close_fds = t == 1;
  if (!is_tuple(args[3])) {
    return raise_fmt(&exc_TypeError, "fork_exec() argument 4 must be tuple, not {}",
                     type_name(args[3]));
  }
  TupleObject* keep = as_tuple(args[3]);
  int prev = -1;
  for (size_t i = 0; i < keep->size; i++) {
    int64_t fd;
    if (!is_int(keep->at(i)) || !int_to_int64(keep->at(i), &fd) || fd < 0 || fd <= prev ||
        fd > INT_MAX) {
      if (error_pending()) clear_exception();
      return raise(&exc_ValueError, "bad value(s) in fds_to_keep");
    }
    prev = static_cast<int>(fd);
    p.keep.push_back(prev);
  }
  if (!is_none(args[4])) {
    if (!fs_encoded_arg(args[4], &p.cwd)) return Ref();
    p.has_cwd = true;
  }
  if (!is_none(args[5])) {
    if (!fs_list(args[5], &env_s)) return Ref();
    p.has_env = true;
  }
  int* fds[] = {&p.p2cread, &p.p2cwrite, &p.c2pread,      &p.c2pwrite,
                &p.errread, &p.errwrite, &p.errpipe_read, &p.errpipe_write};
  for (int i = 0; i < 8; i++) {
    if (!int_field(args[6 + i], fds[i])) return Ref();
  }
  if (p.close_fds && p.errpipe_write < 3)
    return raise(&exc_ValueError, "errpipe_write must be >= 3");
  if ((t = truthy(args[14])) < 0) return Ref();
  p.restore_signals = t == 1;
  if ((t = truthy(args[15])) < 0) return Ref();
  p.call_setsid = t == 1;
  if (!int_field(args[16], &p.pgid_to_set)) return Ref();
  int64_t gid = 0, uid = 0;
  if (!id_arg(args[17], "gid", &p.has_gid, &gid)) return Ref();
  p.gid = static_cast<gid_t>(gid);
  if (!is_none(args[18])) {
    p.has_groups = true;
    Ref it = get_iter(args[18]);
    if (!it) return Ref();
    while (Ref g = iter_next(it.get())) {
      int64_t v;
      if (!int_arg(g.get(), &v)) return Ref();
      p.groups.push_back(static_cast<gid_t>(v));
    }
    if (error_pending()) return Ref();
  }
  if (!id_arg(args[19], "uid", &p.has_uid, &uid)) return Ref();
  p.uid = static_cast<uid_t>(uid);
  if (!int_field(args[20], &p.child_umask)) return Ref();
  if (!is_none(args[21])) {
    if (!callable(args[21])) return raise(&exc_TypeError, "preexec_fn must be callable");
    p.preexec_fn = args[21];
  }
  p.max_fd = sysconf(_SC_OPEN_MAX);
  if (p.max_fd < 256) p.max_fd = 256;
  p.argv = c_array(argv_s);
  if (p.has_env) p.envp = c_array(env_s);

  // The GIL stays held across fork(); with a preexec_fn the child runs Python code, so (as for
  // os.fork) every other thread of a free-threaded build is parked first.
  if (p.preexec_fn) stop_the_world();
  pid_t pid = ::fork();
  if (pid == 0) child_exec(p);
  int err = errno;
  if (p.preexec_fn) start_the_world();
  if (pid < 0) return raise_os_error(err, Value());
  return int_from_int64(pid);
}

}  // namespace

bool init__posixsubprocess(Value module, DictObject* ns) {
  add_function(ns, module, "fork_exec", posixsubprocess_fork_exec);
  return true;
}

}  // namespace minipy::lib
