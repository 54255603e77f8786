// select: waiting for I/O readiness (CPython's Modules/selectmodule.c semantics) under CPython's
// selectors.py: select() (implemented with poll(2), so descriptors above FD_SETSIZE work too),
// poll objects and epoll objects. Each wait runs with the GIL released; an EINTR runs signal
// handlers and resumes with the remaining timeout (PEP 475).
#include <poll.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <map>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"

namespace minipy::lib {

using namespace rt;

namespace {

#define SEL_FN(name) Ref name(Value self, NativeArgs& a)

/// A timeout in seconds (None = -1: wait forever); `scale` turns it into milliseconds.
/// CPython rounds timeouts up so a wait never ends early.
bool timeout_ms_arg(Value v, double scale, const char* type_msg, int64_t* out_ms) {
  if (!v || is_none(v)) {
    *out_ms = -1;
    return true;
  }
  double t;
  if (is_float(v)) {
    t = float_value(v);
    if (std::isnan(t)) {
      raise(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
  } else if (is_int(v)) {
    bool overflow = false;
    t = int_to_double(v, &overflow);
  } else {
    raise(&exc_TypeError, type_msg);
    return false;
  }
  double ms = std::ceil(t * scale);
  if (ms > INT_MAX) {
    raise(&exc_OverflowError, "timeout is too large");
    return false;
  }
  *out_ms = static_cast<int64_t>(ms);
  return true;
}

/// poll(2) with the GIL released and PEP 475's retry: returns the ready count or -1 (exception).
int poll_fds(std::vector<pollfd>& fds, int64_t ms) {
  uint64_t deadline = ms >= 0 ? monotonic_ns() + static_cast<uint64_t>(ms) * 1000000 : 0;
  for (;;) {
    int r, err;
    {
      ReleaseGil unlocked("poll");
      r = ::poll(fds.data(), fds.size(), static_cast<int>(ms));
      err = errno;
    }
    if (r >= 0) return r;
    if (err != EINTR) {
      raise_os_error(err, Value());
      return -1;
    }
    if (!handle_eval_breaker()) return -1;
    if (ms >= 0) {
      uint64_t now = monotonic_ns();
      ms = now >= deadline ? 0 : static_cast<int64_t>((deadline - now + 999999) / 1000000);
    }
  }
}

// ---------------------------------------------------------------- select()

struct Watched {
  Ref obj;
  int fd;
};

bool watched_list(Value seq, std::vector<Watched>* out) {
  Ref it = get_iter(seq);
  if (!it) {
    if (exception_matches(&exc_TypeError)) {
      clear_exception();
      raise(&exc_TypeError, "arguments 1-3 must be sequences");
    }
    return false;
  }
  for (;;) {
    Ref item = iter_next(it.get());
    if (!item) return !error_pending();
    int fd;
    if (!file_descriptor_arg(item.get(), &fd)) return false;
    out->push_back({std::move(item), fd});
  }
}

SEL_FN(select_select) {
  int64_t ms = -1;
  if (a.given(3) && !is_none(a[3])) {  // None: wait without a timeout
    if (!timeout_ms_arg(a[3], 1000, "timeout must be a float or None", &ms)) return Ref();
    if (ms < 0) return raise(&exc_ValueError, "timeout must be non-negative");
  }
  std::vector<Watched> lists[3];
  for (int i = 0; i < 3; i++) {
    if (!watched_list(a[i], &lists[i])) return Ref();
  }
  const short kEvents[3] = {POLLIN, POLLOUT, POLLPRI};
  std::map<int, size_t> index;
  std::vector<pollfd> fds;
  for (int i = 0; i < 3; i++) {
    for (const Watched& w : lists[i]) {
      auto [pos, added] = index.emplace(w.fd, fds.size());
      if (added) fds.push_back({w.fd, 0, 0});
      fds[pos->second].events |= kEvents[i];
    }
  }
  if (poll_fds(fds, ms) < 0) return Ref();
  for (const pollfd& p : fds) {
    if (p.revents & POLLNVAL) return raise_os_error(EBADF, Value());
  }
  // select(2)'s view of poll's bits: hang-up and errors make a descriptor readable/writable.
  const short kReady[3] = {POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR, POLLPRI};
  Ref result[3];
  for (int i = 0; i < 3; i++) {
    result[i] = list_new();
    for (const Watched& w : lists[i]) {
      if (fds[index[w.fd]].revents & kReady[i]) list_append(as_list(result[i].get()), w.obj.get());
    }
  }
  return tuple_of({result[0].get(), result[1].get(), result[2].get()});
}

// ---------------------------------------------------------------- poll objects

struct PollObject : Object {
  std::map<int, short> fds;
  bool polling = false;  // one poll() at a time (CPython: "concurrent poll() invocation")
};

TypeObject poll_type;

PollObject* as_poll(Value v) { return static_cast<PollObject*>(v.obj()); }

void poll_dealloc(Object* o) { delete static_cast<PollObject*>(o); }

bool eventmask_arg(Value v, short dflt, short* out) {
  if (!v) {
    *out = dflt;
    return true;
  }
  int64_t n;
  if (!int_arg(v, &n)) return false;
  if (n < 0 || n > 0xFFFF) {
    raise(&exc_OverflowError, n < 0 ? "Python int too large for C unsigned short"
                                    : "Python int too large for C unsigned short");
    return false;
  }
  *out = static_cast<short>(n);
  return true;
}

SEL_FN(poll_register) {
  int fd;
  short mask;
  if (!file_descriptor_arg(a[0], &fd) || !eventmask_arg(a[1], POLLIN | POLLPRI | POLLOUT, &mask)) {
    return Ref();
  }
  as_poll(self)->fds[fd] = mask;
  return none_ref();
}

SEL_FN(poll_modify) {
  int fd;
  short mask;
  if (!file_descriptor_arg(a[0], &fd) || !eventmask_arg(a[1], 0, &mask)) return Ref();
  auto it = as_poll(self)->fds.find(fd);
  if (it == as_poll(self)->fds.end()) return raise_os_error(ENOENT, Value());
  it->second = mask;
  return none_ref();
}

SEL_FN(poll_unregister) {
  int fd;
  if (!file_descriptor_arg(a[0], &fd)) return Ref();
  if (as_poll(self)->fds.erase(fd) == 0) {
    Ref key = int_from_int64(fd);
    return raise_with_value(&exc_KeyError, key.get());
  }
  return none_ref();
}

SEL_FN(poll_poll) {
  int64_t ms = -1;
  if (!timeout_ms_arg(a[0], 1, "Timeout must be an integer or None", &ms)) return Ref();
  if (ms < 0) ms = -1;
  PollObject* p = as_poll(self);
  if (p->polling) return raise(&exc_RuntimeError, "concurrent poll() invocation");
  std::vector<pollfd> fds;
  for (auto [fd, mask] : p->fds) fds.push_back({fd, mask, 0});
  p->polling = true;
  Ref keep = Ref::new_ref(self);  // the object must outlive the wait
  int r = poll_fds(fds, ms);
  p->polling = false;
  if (r < 0) return Ref();
  Ref out = list_new();
  for (const pollfd& f : fds) {
    if (f.revents == 0) continue;
    Ref fd = int_from_int64(f.fd), ev = int_from_int64(static_cast<uint16_t>(f.revents));
    Ref item = tuple_of({fd.get(), ev.get()});
    list_append(as_list(out.get()), item.get());
  }
  return out;
}

SEL_FN(select_poll) { return Ref::steal(Value(alloc_instance<PollObject>(&poll_type))); }

// ---------------------------------------------------------------- epoll objects

struct EpollObject : Object {
  int epfd = -1;
};

TypeObject epoll_type;

EpollObject* as_epoll(Value v) { return static_cast<EpollObject*>(v.obj()); }

void epoll_dealloc(Object* o) {
  auto* e = static_cast<EpollObject*>(o);
  if (e->epfd >= 0) ::close(e->epfd);
  delete e;
}

bool epoll_open(Value self) {
  if (as_epoll(self)->epfd < 0) {
    raise(&exc_ValueError, "I/O operation on closed epoll object");
    return false;
  }
  return true;
}

Ref epoll_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("epoll", args, nargs, kw, {"sizehint", "flags"}, 0, a)) return Ref();
  int64_t sizehint = -1;
  if (a[0] && !int_arg(a[0], &sizehint)) return Ref();
  if (sizehint == 0 || sizehint < -1) return raise(&exc_ValueError, "negative sizehint");
  int fd = epoll_create1(EPOLL_CLOEXEC);
  if (fd < 0) return raise_os_error(errno, Value());
  auto* e = alloc_instance<EpollObject>(type);
  e->epfd = fd;
  return Ref::steal(Value(e));
}

SEL_FN(epoll_fromfd) {
  int fd = a.i32(0);
  auto* e = alloc_instance<EpollObject>(static_cast<TypeObject*>(self.obj()));
  e->epfd = fd;
  return Ref::steal(Value(e));
}

SEL_FN(epoll_close) {
  EpollObject* e = as_epoll(self);
  if (e->epfd >= 0) {
    int fd = e->epfd;
    e->epfd = -1;
    if (::close(fd) != 0) return raise_os_error(errno, Value());
  }
  return none_ref();
}

Ref epoll_get_closed(Value self) { return bool_ref(as_epoll(self)->epfd < 0); }

SEL_FN(epoll_fileno) {
  if (!epoll_open(self)) return Ref();
  return int_from_int64(as_epoll(self)->epfd);
}

Ref epoll_ctl_call(Value self, int op, NativeArgs& a) {
  if (!epoll_open(self)) return Ref();
  int fd;
  if (!file_descriptor_arg(a[0], &fd)) return Ref();
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLPRI | EPOLLOUT;
  if (a[1]) {
    int64_t mask;
    if (!int_arg(a[1], &mask)) return Ref();
    ev.events = static_cast<uint32_t>(mask);
  }
  ev.data.fd = fd;
  if (epoll_ctl(as_epoll(self)->epfd, op, fd, &ev) != 0) return raise_os_error(errno, Value());
  return none_ref();
}

SEL_FN(epoll_register) { return epoll_ctl_call(self, EPOLL_CTL_ADD, a); }
SEL_FN(epoll_modify) { return epoll_ctl_call(self, EPOLL_CTL_MOD, a); }
SEL_FN(epoll_unregister) { return epoll_ctl_call(self, EPOLL_CTL_DEL, a); }

/// poll(timeout=None, maxevents=-1) -> [(fd, events), ...]; timeout in seconds.
SEL_FN(epoll_poll) {
  if (!epoll_open(self)) return Ref();
  int64_t ms;
  if (!timeout_ms_arg(a[0], 1000, "timeout must be an integer or None", &ms)) return Ref();
  if (ms < 0) ms = -1;
  int64_t maxevents = -1;
  if (a[1] && !int_arg(a[1], &maxevents)) return Ref();
  if (maxevents == -1) {
    maxevents = 1023;  // CPython: FD_SETSIZE - 1
  } else if (maxevents < 1) {
    return raise_fmt(&exc_ValueError, "maxevents must be greater than 0, got {}", maxevents);
  }
  std::vector<epoll_event> evs(static_cast<size_t>(maxevents));
  int epfd = as_epoll(self)->epfd;
  Ref keep = Ref::new_ref(self);
  uint64_t deadline = ms >= 0 ? monotonic_ns() + static_cast<uint64_t>(ms) * 1000000 : 0;
  int n;
  for (;;) {
    int err;
    {
      ReleaseGil unlocked("epoll");
      n = epoll_wait(epfd, evs.data(), static_cast<int>(evs.size()), static_cast<int>(ms));
      err = errno;
    }
    if (n >= 0) break;
    if (err != EINTR) return raise_os_error(err, Value());
    if (!handle_eval_breaker()) return Ref();
    if (ms >= 0) {
      uint64_t now = monotonic_ns();
      ms = now >= deadline ? 0 : static_cast<int64_t>((deadline - now + 999999) / 1000000);
    }
  }
  Ref out = list_new();
  for (int i = 0; i < n; i++) {
    Ref fd = int_from_int64(evs[i].data.fd), ev = int_from_int64(evs[i].events);
    Ref item = tuple_of({fd.get(), ev.get()});
    list_append(as_list(out.get()), item.get());
  }
  return out;
}

SEL_FN(epoll_enter) {
  if (!epoll_open(self)) return Ref();
  return Ref::new_ref(self);
}

SEL_FN(epoll_exit) {
  Ref r = epoll_close(self, a);
  if (!r) return r;
  return none_ref();
}

// Signatures as CPython declares them; eventmask defaults (POLLIN | POLLPRI | POLLOUT and the
// EPOLL equivalents) are applied in the functions, which convert the mask themselves.
const NativeDef kPollMethods[] = {
    {"register($self, fd, eventmask=NULL, /)", poll_register},
    {"modify($self, fd, eventmask, /)", poll_modify},
    {"unregister($self, fd, /)", poll_unregister},
    {"poll($self, timeout=None, /)", poll_poll, kNativeReleasesGil},
};
const NativeDef kEpollMethods[] = {
    {"close($self, /)", epoll_close},
    {"fileno($self, /)", epoll_fileno},
    {"fromfd($type, fd: int, /)", epoll_fromfd, kNativeClassMethod},
    {"register($self, /, fd, eventmask=NULL)", epoll_register},
    {"modify($self, /, fd, eventmask)", epoll_modify},
    {"unregister($self, /, fd)", epoll_unregister},
    {"poll($self, /, timeout=None, maxevents=-1)", epoll_poll, kNativeReleasesGil},
    {"__enter__($self, /)", epoll_enter},
    {"__exit__($self, exc_type=None, exc_value=None, exc_tb=None, /)", epoll_exit},
};
const NativeDef kSelectFunctions[] = {
    {"select($module, rlist, wlist, xlist, timeout=NULL, /)", select_select, kNativeReleasesGil},
    {"poll($module, /)", select_poll},
};

void ready_types() {
  poll_type.name = "poll";
  poll_type.module = "select";
  poll_type.basic_size = sizeof(PollObject);
  poll_type.dealloc = poll_dealloc;
  type_ready(&poll_type, &object_type);
  type_add_module_attr(&poll_type);
  add_methods(&poll_type, kPollMethods);

  epoll_type.name = "epoll";
  epoll_type.module = "select";
  epoll_type.flags = kTypeBaseType;
  epoll_type.basic_size = sizeof(EpollObject);
  epoll_type.dealloc = epoll_dealloc;
  epoll_type.new_ = epoll_new;
  type_ready(&epoll_type, &object_type);
  type_add_module_attr(&epoll_type);
  add_methods(&epoll_type, kEpollMethods);
  add_getset(&epoll_type, "closed", epoll_get_closed);
}

}  // namespace

bool init_select(Value module, DictObject* ns) {
  if (poll_type.dict == nullptr) ready_types();
  add_functions(ns, module, kSelectFunctions);
  dict_set_cstr(ns, "epoll", Value(&epoll_type));
  dict_set_cstr(ns, "error", Value(&exc_OSError));
#define K(name) \
  { #name, static_cast < long>(name) }
  const struct {
    const char* name;
    long value;
  } kConstants[] = {
      K(POLLIN),      K(POLLPRI),     K(POLLOUT),       K(POLLERR),
      K(POLLHUP),     K(POLLNVAL),    K(POLLRDNORM),    K(POLLRDBAND),
      K(POLLWRNORM),  K(POLLWRBAND),  K(POLLMSG),       K(POLLRDHUP),
      K(EPOLLIN),     K(EPOLLOUT),    K(EPOLLPRI),      K(EPOLLERR),
      K(EPOLLHUP),    K(EPOLLET),     K(EPOLLONESHOT),  K(EPOLLEXCLUSIVE),
      K(EPOLLRDHUP),  K(EPOLLRDNORM), K(EPOLLRDBAND),   K(EPOLLWRNORM),
      K(EPOLLWRBAND), K(EPOLLMSG),    K(EPOLL_CLOEXEC), {"PIPE_BUF", PIPE_BUF},
  };
#undef K
  for (const auto& c : kConstants) {
    Ref v = int_from_int64(static_cast<uint32_t>(c.value));
    dict_set_cstr(ns, c.name, v.get());
  }
  return true;
}

}  // namespace minipy::lib
