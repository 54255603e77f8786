// termios: POSIX terminal control (CPython's Modules/termios.c semantics), the native module
// under CPython's tty.py and pty.py. tcgetattr returns [iflag, oflag, cflag, lflag, ispeed,
// ospeed, cc] with cc a list of one-byte bytes (ints at VMIN/VTIME in non-canonical mode), and
// tcsetattr takes the same list back. Failures raise termios.error(errno, strerror). tcdrain
// waits for output to drain, so it runs with the GIL released.
#include <sys/ioctl.h>
#include <sys/ttydefaults.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "stdlib/native/native_args.h"

namespace minipy::lib {

using namespace rt;

namespace {

Value g_termios_error;  // termios.error (owned, never released: outlives every call)

/// Raises termios.error(errno, strerror(errno)), as CPython's PyErr_SetFromErrno(TermiosError).
Ref raise_termios_error(int err) {
  Ref msg = str_new(std::strerror(err));
  if (!msg) return Ref();
  Value args[2] = {Value::from_small(err), msg.get()};
  Ref exc = call(g_termios_error, args, 2);
  if (!exc) return Ref();
  return set_exception(std::move(exc));
}

bool fd_arg(Value v, int* fd) { return file_descriptor_arg(v, fd); }

Ref termios_tcgetattr(Value, NativeArgs& a) {
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  struct termios mode;
  if (tcgetattr(fd, &mode) == -1) return raise_termios_error(errno);
  bool canonical = (mode.c_lflag & ICANON) != 0;
  Ref cc = list_new(NCCS);
  for (int i = 0; i < NCCS; i++) {
    // Non-canonical mode: VMIN and VTIME are counts, not characters.
    if (!canonical && (i == VMIN || i == VTIME)) {
      list_append_steal(as_list(cc.get()), Value::from_small(mode.c_cc[i]));
      continue;
    }
    char ch = static_cast<char>(mode.c_cc[i]);
    Ref b = bytes_new(std::string_view(&ch, 1));
    if (!b) return Ref();
    list_append_steal(as_list(cc.get()), b.release());
  }
  Ref fields[6] = {int_from_int64(mode.c_iflag),       int_from_int64(mode.c_oflag),
                   int_from_int64(mode.c_cflag),       int_from_int64(mode.c_lflag),
                   int_from_int64(cfgetispeed(&mode)), int_from_int64(cfgetospeed(&mode))};
  Ref out = list_new(7);
  for (Ref& f : fields) {
    if (!f) return Ref();
    list_append_steal(as_list(out.get()), f.release());
  }
  list_append_steal(as_list(out.get()), cc.release());
  return out;
}

/// A tcflag_t/speed_t field of tcsetattr's list (CPython reads them with PyLong_AsLong).
bool flag_item(Value list, size_t i, long* out) {
  int64_t v;
  if (!int_arg(as_list(list)->items[i], &v)) return false;
  *out = static_cast<long>(v);
  return true;
}

Ref termios_tcsetattr(Value, NativeArgs& a) {
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  int when = a.i32(1);
  Value attrs = a[2];
  if (!is_list(attrs) || as_list(attrs)->items.size() != 7)
    return raise(&exc_TypeError, "tcsetattr, arg 3: must be 7 element list");
  // Start from the current settings: fields the list does not carry keep their values.
  struct termios mode;
  if (tcgetattr(fd, &mode) == -1) return raise_termios_error(errno);
  long f[6];
  for (size_t i = 0; i < 6; i++) {
    if (!flag_item(attrs, i, &f[i])) return Ref();
  }
  Value cc = as_list(attrs)->items[6];
  if (!is_list(cc) || as_list(cc)->items.size() != NCCS)
    return raise_fmt(&exc_TypeError, "tcsetattr: attributes[6] must be {} element list", NCCS);
  mode.c_iflag = static_cast<tcflag_t>(f[0]);
  mode.c_oflag = static_cast<tcflag_t>(f[1]);
  mode.c_cflag = static_cast<tcflag_t>(f[2]);
  mode.c_lflag = static_cast<tcflag_t>(f[3]);
  for (int i = 0; i < NCCS; i++) {
    Value v = as_list(cc)->items[i];
    std::string_view b;
    if (is_bytes(v) && bytes_like_data(v, &b) && b.size() == 1) {
      mode.c_cc[i] = static_cast<cc_t>(b[0]);
    } else if (is_int(v)) {
      int64_t n;
      if (!int_arg(v, &n)) return Ref();
      mode.c_cc[i] = static_cast<cc_t>(n);
    } else {
      return raise(&exc_TypeError,
                   "tcsetattr: elements of attributes must be characters or integers");
    }
  }
  if (cfsetispeed(&mode, static_cast<speed_t>(f[4])) == -1) return raise_termios_error(errno);
  if (cfsetospeed(&mode, static_cast<speed_t>(f[5])) == -1) return raise_termios_error(errno);
  if (tcsetattr(fd, when, &mode) == -1) return raise_termios_error(errno);
  return none_ref();
}

Ref termios_tcsendbreak(Value, NativeArgs& a) {
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  if (tcsendbreak(fd, a.i32(1)) == -1) return raise_termios_error(errno);
  return none_ref();
}

Ref termios_tcdrain(Value, NativeArgs& a) {
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  int r, err;
  {
    ReleaseGil unlocked("tcdrain");
    r = tcdrain(fd);
    err = errno;
  }
  if (r == -1) return raise_termios_error(err);
  return none_ref();
}

Ref termios_tcflush(Value, NativeArgs& a) {
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  if (tcflush(fd, a.i32(1)) == -1) return raise_termios_error(errno);
  return none_ref();
}

Ref termios_tcflow(Value, NativeArgs& a) {
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  if (tcflow(fd, a.i32(1)) == -1) return raise_termios_error(errno);
  return none_ref();
}

Ref termios_tcgetwinsize(Value, NativeArgs& a) {
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  struct winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) == -1) return raise_termios_error(errno);
  Value items[2] = {Value::from_small(w.ws_row), Value::from_small(w.ws_col)};
  return tuple_from(items, 2);
}

Ref termios_tcsetwinsize(Value, NativeArgs& a) {
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  Value ws = a[1];
  int64_t n;
  if (!(is_tuple(ws) || is_list(ws)) || !length(ws, &n) || n != 2)
    return raise(&exc_TypeError, "tcsetwinsize, arg 2: must be a two-item sequence");
  struct winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) == -1) return raise_termios_error(errno);
  int64_t rows, cols;
  Ref r = getitem(ws, Value::from_small(0)), c = getitem(ws, Value::from_small(1));
  if (!r || !c || !int_arg(r.get(), &rows) || !int_arg(c.get(), &cols)) return Ref();
  if (rows < 0 || rows > 0xffff || cols < 0 || cols > 0xffff)
    return raise(&exc_OverflowError, "winsize value(s) out of range.");
  w.ws_row = static_cast<unsigned short>(rows);
  w.ws_col = static_cast<unsigned short>(cols);
  if (ioctl(fd, TIOCSWINSZ, &w) == -1) return raise_termios_error(errno);
  return none_ref();
}

const NativeDef kTermiosFunctions[] = {
    {"tcgetattr($module, fd, /)", termios_tcgetattr},
    {"tcsetattr($module, fd, when: int, attributes, /)", termios_tcsetattr},
    {"tcsendbreak($module, fd, duration: int, /)", termios_tcsendbreak},
    {"tcdrain($module, fd, /)", termios_tcdrain, kNativeReleasesGil},
    {"tcflush($module, fd, queue: int, /)", termios_tcflush},
    {"tcflow($module, fd, action: int, /)", termios_tcflow},
    {"tcgetwinsize($module, fd, /)", termios_tcgetwinsize},
    {"tcsetwinsize($module, fd, winsize, /)", termios_tcsetwinsize},
};

#define K(name) \
  { #name, static_cast < long>(name) }
const struct {
  const char* name;
  long value;
} kTermiosConstants[] = {
    // Speeds
    K(B0),
    K(B50),
    K(B75),
    K(B110),
    K(B134),
    K(B150),
    K(B200),
    K(B300),
    K(B600),
    K(B1200),
    K(B1800),
    K(B2400),
    K(B4800),
    K(B9600),
    K(B19200),
    K(B38400),
    K(B57600),
    K(B115200),
    K(B230400),
    K(B460800),
    K(B500000),
    K(B576000),
    K(B921600),
    K(B1000000),
    K(B1152000),
    K(B1500000),
    K(B2000000),
    K(B2500000),
    K(B3000000),
    K(B3500000),
    K(B4000000),
    // tcsetattr's when, tcflush's queue, tcflow's action
    K(TCSANOW),
    K(TCSADRAIN),
    K(TCSAFLUSH),
    K(TCIFLUSH),
    K(TCOFLUSH),
    K(TCIOFLUSH),
    K(TCOOFF),
    K(TCOON),
    K(TCIOFF),
    K(TCION),
    // c_iflag
    K(IGNBRK),
    K(BRKINT),
    K(IGNPAR),
    K(PARMRK),
    K(INPCK),
    K(ISTRIP),
    K(INLCR),
    K(IGNCR),
    K(ICRNL),
    K(IUCLC),
    K(IXON),
    K(IXANY),
    K(IXOFF),
    K(IMAXBEL),
    // c_oflag
    K(OPOST),
    K(OLCUC),
    K(ONLCR),
    K(OCRNL),
    K(ONOCR),
    K(ONLRET),
    K(OFILL),
    K(OFDEL),
    K(NLDLY),
    K(CRDLY),
    K(TABDLY),
    K(BSDLY),
    K(VTDLY),
    K(FFDLY),
    K(NL0),
    K(NL1),
    K(CR0),
    K(CR1),
    K(CR2),
    K(CR3),
    K(TAB0),
    K(TAB1),
    K(TAB2),
    K(TAB3),
    K(XTABS),
    K(BS0),
    K(BS1),
    K(VT0),
    K(VT1),
    K(FF0),
    K(FF1),
    // c_cflag
    K(CSIZE),
    K(CSTOPB),
    K(CREAD),
    K(PARENB),
    K(PARODD),
    K(HUPCL),
    K(CLOCAL),
    K(CIBAUD),
    K(CRTSCTS),
    K(CS5),
    K(CS6),
    K(CS7),
    K(CS8),
    K(CBAUD),
    K(CBAUDEX),
    K(EXTA),
    K(EXTB),
    // c_lflag
    K(ISIG),
    K(ICANON),
    K(XCASE),
    K(ECHO),
    K(ECHOE),
    K(ECHOK),
    K(ECHONL),
    K(ECHOCTL),
    K(ECHOPRT),
    K(ECHOKE),
    K(FLUSHO),
    K(NOFLSH),
    K(TOSTOP),
    K(PENDIN),
    K(IEXTEN),
    // c_cc indices
    K(VINTR),
    K(VQUIT),
    K(VERASE),
    K(VKILL),
    K(VEOF),
    K(VTIME),
    K(VMIN),
    K(VSWTC),
    K(VSTART),
    K(VSTOP),
    K(VSUSP),
    K(VEOL),
    K(VREPRINT),
    K(VDISCARD),
    K(VWERASE),
    K(VLNEXT),
    K(VEOL2),
    K(NCCS),
    K(NCC),
    {"VSWTCH", VSWTC},
    // Default control characters (sys/ttydefaults.h)
    K(CINTR),
    K(CQUIT),
    K(CERASE),
    K(CKILL),
    K(CEOF),
    K(CEOL),
    K(CEOT),
    K(CSTART),
    K(CSTOP),
    K(CSUSP),
    K(CDSUSP),
    K(CRPRNT),
    K(CFLUSH),
    K(CWERASE),
    K(CLNEXT),
    // ioctl requests and their flags
    K(FIOASYNC),
    K(FIOCLEX),
    K(FIONBIO),
    K(FIONCLEX),
    K(FIONREAD),
    K(IOCSIZE_MASK),
    K(IOCSIZE_SHIFT),
    K(TCFLSH),
    K(TCGETA),
    K(TCGETS),
    K(TCSBRK),
    K(TCSBRKP),
    K(TCSETA),
    K(TCSETAF),
    K(TCSETAW),
    K(TCSETS),
    K(TCSETSF),
    K(TCSETSW),
    K(TCXONC),
    K(TIOCCONS),
    K(TIOCEXCL),
    K(TIOCGETD),
    K(TIOCGICOUNT),
    K(TIOCGLCKTRMIOS),
    K(TIOCGPGRP),
    K(TIOCGSERIAL),
    K(TIOCGSOFTCAR),
    K(TIOCGWINSZ),
    K(TIOCINQ),
    K(TIOCLINUX),
    K(TIOCMBIC),
    K(TIOCMBIS),
    K(TIOCMGET),
    K(TIOCMIWAIT),
    K(TIOCMSET),
    K(TIOCM_CAR),
    K(TIOCM_CD),
    K(TIOCM_CTS),
    K(TIOCM_DSR),
    K(TIOCM_DTR),
    K(TIOCM_LE),
    K(TIOCM_RI),
    K(TIOCM_RNG),
    K(TIOCM_RTS),
    K(TIOCM_SR),
    K(TIOCM_ST),
    K(TIOCNOTTY),
    K(TIOCNXCL),
    K(TIOCOUTQ),
    K(TIOCPKT),
    K(TIOCPKT_DATA),
    K(TIOCPKT_DOSTOP),
    K(TIOCPKT_FLUSHREAD),
    K(TIOCPKT_FLUSHWRITE),
    K(TIOCPKT_NOSTOP),
    K(TIOCPKT_START),
    K(TIOCPKT_STOP),
    K(TIOCSCTTY),
    K(TIOCSERCONFIG),
    K(TIOCSERGETLSR),
    K(TIOCSERGETMULTI),
    K(TIOCSERGSTRUCT),
    K(TIOCSERGWILD),
    K(TIOCSERSETMULTI),
    K(TIOCSERSWILD),
    K(TIOCSER_TEMT),
    K(TIOCSETD),
    K(TIOCSLCKTRMIOS),
    K(TIOCSPGRP),
    K(TIOCSSERIAL),
    K(TIOCSSOFTCAR),
    K(TIOCSTI),
    K(TIOCSWINSZ),
    K(N_MOUSE),
    K(N_PPP),
    K(N_SLIP),
    K(N_STRIP),
    K(N_TTY),
};
#undef K

}  // namespace

bool init_termios(Value module, DictObject* ns) {
  if (!g_termios_error) {
    Ref err = new_exception_class("termios", "error", &exc_Exception);
    if (!err) return false;
    g_termios_error = err.release();
  }
  dict_set_cstr(ns, "error", g_termios_error);
  add_functions(ns, module, kTermiosFunctions);
  for (const auto& c : kTermiosConstants) {
    Ref v = int_from_int64(c.value);
    if (!v) return false;
    dict_set_cstr(ns, c.name, v.get());
  }
  return true;
}

}  // namespace minipy::lib
