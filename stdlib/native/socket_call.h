// The one blocking-call loop of _socket (CPython's sock_call_ex), shared by the socket type's
// methods (socket.cpp) and the ancillary-data methods sendmsg/recvmsg (socket_msg.cpp): it
// releases the GIL around the system call, waits with poll() when the socket has a timeout and
// retries on EINTR after running signal handlers (PEP 475).
#pragma once

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <string_view>

#include "runtime/errors.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/socket_module.h"

namespace minipy::lib {

/// CPython's sock_call_ex. Runs `op(fd)` (a system call: >= 0, or -1 with errno) with the GIL
/// released. With `timeout` > 0 it first waits with poll() for readability (or writability when
/// `writing`), raising TimeoutError("timed out") once the deadline passes; `wait_always` waits
/// even without a timeout (a connect interrupted by a signal). EINTR: signal handlers run, then
/// it retries. On failure returns -1 with an exception pending, or, with `err_out`, stores the
/// errno (EWOULDBLOCK for a timeout) and raises nothing.
template <class Op>
ssize_t sock_call(SocketObject* s, bool writing, Op op, double timeout, int* err_out = nullptr,
                  bool wait_always = false) {
  bool has_timeout = timeout > 0;
  uint64_t deadline = has_timeout ? rt::monotonic_ns() + static_cast<uint64_t>(timeout * 1e9) : 0;
  bool waited_once = false;
  for (;;) {
    int fd = s->fd;
    if (has_timeout || (wait_always && !waited_once)) {
      int ms = -1;
      if (has_timeout) {
        uint64_t now = rt::monotonic_ns();
        if (now >= deadline) {
          if (err_out) return *err_out = EWOULDBLOCK, -1;
          rt::raise(&rt::exc_TimeoutError, "timed out");
          return -1;
        }
        ms = static_cast<int>(std::min<uint64_t>((deadline - now + 999999) / 1000000, INT_MAX));
      }
      int r, err;
      {
        rt::ReleaseGil unlocked(writing ? "sock_send" : "sock_recv");
        pollfd p{fd, static_cast<short>(writing ? POLLOUT : POLLIN), 0};
        r = ::poll(&p, 1, ms);
        err = errno;
      }
      if (r < 0) {
        if (err == EINTR) {
          if (!rt::handle_eval_breaker()) return -1;
          continue;
        }
        if (err_out) return *err_out = err, -1;
        raise_os_error(err, rt::Value());
        return -1;
      }
      if (r == 0) {
        if (err_out) return *err_out = EWOULDBLOCK, -1;
        rt::raise(&rt::exc_TimeoutError, "timed out");
        return -1;
      }
      waited_once = true;
    }
    ssize_t r;
    int err;
    {
      rt::ReleaseGil unlocked(writing ? "sock_send" : "sock_recv");
      r = op(fd);
      err = errno;
    }
    if (r >= 0) return r;
    if (err == EINTR) {
      if (!rt::handle_eval_breaker()) return -1;
      continue;
    }
    if (has_timeout && (err == EWOULDBLOCK || err == EAGAIN)) continue;
    if (err_out) return *err_out = err, -1;
    raise_os_error(err, rt::Value());
    return -1;
  }
}

/// Copies received bytes into the caller's writable buffer, fetched again: the GIL was released
/// during the receive, so the buffer may have been resized meanwhile (BufferError then).
bool recv_write_back(rt::Value buffer, std::string_view data);

}  // namespace minipy::lib
