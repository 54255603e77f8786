// _socket.socket's ancillary-data methods: sendmsg, recvmsg and recvmsg_into (scatter/gather I/O
// plus control messages such as SCM_RIGHTS descriptor passing), and the module functions
// CMSG_LEN and CMSG_SPACE that size control buffers. Semantics and messages follow CPython's
// Modules/socketmodule.c; socket.py builds send_fds/recv_fds on top. The system calls run through
// sock_call (socket_call.h) with the GIL released, so every byte crosses the release in C++
// buffers: sendmsg takes stable copies of mutable buffers, recvmsg_into receives into scratch
// buffers and copies into the caller's buffers (fetched again) once the GIL is back.
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/socket_call.h"
#include "stdlib/native/socket_module.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// The largest value stored in a socklen_t (CPython's SOCKLEN_T_LIMIT: POSIX guarantees 2**31-1).
constexpr size_t kSocklenLimit = 0x7fffffff;

/// CMSG_LEN(length) when it fits a socklen_t (CPython's get_CMSG_LEN).
bool cmsg_len_of(size_t length, size_t* out) {
  if (length > kSocklenLimit - CMSG_LEN(0)) return false;
  size_t n = CMSG_LEN(length);
  if (n > kSocklenLimit || n < length) return false;
  *out = n;
  return true;
}

/// CMSG_SPACE(length) when it fits; CMSG_SPACE(1) accounts for padding before and after the data.
bool cmsg_space_of(size_t length, size_t* out) {
  if (length > kSocklenLimit - CMSG_SPACE(1)) return false;
  size_t n = CMSG_SPACE(length);
  if (n > kSocklenLimit || n < length) return false;
  *out = n;
  return true;
}

/// True when `c` lies in msg's control buffer with at least `space` bytes from it, its cmsg_len
/// field included (CPython's cmsg_min_space).
bool cmsg_min_space(const msghdr& msg, const cmsghdr* c, size_t space) {
  constexpr size_t kLenEnd = offsetof(cmsghdr, cmsg_len) + sizeof(c->cmsg_len);
  if (c == nullptr || msg.msg_control == nullptr) return false;
  if (space < kLenEnd) space = kLenEnd;
  size_t offset = reinterpret_cast<const char*>(c) - static_cast<const char*>(msg.msg_control);
  return offset <= SIZE_MAX - space && offset + space <= msg.msg_controllen;
}

/// The bytes of the control buffer from CMSG_DATA(c) to its end (get_cmsg_data_space).
bool cmsg_data_space(const msghdr& msg, cmsghdr* c, size_t* space) {
  const char* data = reinterpret_cast<const char*>(CMSG_DATA(c));
  size_t offset = data - static_cast<const char*>(msg.msg_control);
  if (offset > msg.msg_controllen) return false;
  *space = msg.msg_controllen - offset;
  return true;
}

/// The length of c's data (get_cmsg_data_len): 0 when it lies wholly in the buffer, 1 when it
/// was truncated (*len: the part inside), -1 when the header itself is invalid.
int cmsg_data_len(const msghdr& msg, cmsghdr* c, size_t* len) {
  if (!cmsg_min_space(msg, c, CMSG_LEN(0)) || c->cmsg_len < CMSG_LEN(0)) return -1;
  size_t want = c->cmsg_len - CMSG_LEN(0);
  size_t space;
  if (!cmsg_data_space(msg, c, &space)) return -1;
  if (space >= want) {
    *len = want;
    return 0;
  }
  *len = space;
  return 1;
}

/// Closes every descriptor an SCM_RIGHTS message brought in: recvmsg failed after the system call
/// and the caller will never see them.
void close_received_fds(const msghdr& msg) {
  auto* m = const_cast<msghdr*>(&msg);
  for (cmsghdr* c = msg.msg_controllen > 0 ? CMSG_FIRSTHDR(m) : nullptr; c != nullptr;
       c = CMSG_NXTHDR(m, c)) {
    size_t len;
    int status = cmsg_data_len(msg, c, &len);
    if (status < 0) break;
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
      int fds[1];
      for (size_t i = 0; i < len / sizeof(int); i++) {
        std::memcpy(fds, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        ::close(fds[0]);
      }
    }
    if (status != 0) break;
  }
}

/// PySequence_Fast: the items of any iterable as a tuple; TypeError `msg` when not iterable.
Ref fast_items(Value v, const char* msg) {
  if (is_tuple(v)) return Ref::new_ref(v);
  Ref list;
  if (is_list(v)) {
    list = list_from_iterable(v);
  } else {
    Ref it = get_iter(v);
    if (!it) {
      if (exception_matches(&exc_TypeError)) raise(&exc_TypeError, msg);
      return Ref();
    }
    list = list_from_iterable(it.get());
  }
  if (!list) return Ref();
  const auto& items = as_list(list.get())->items;
  return tuple_from(items.data(), items.size());
}

std::span<const Value> items_of(const Ref& tuple) {
  auto* t = as_tuple(tuple.get());
  return {t->items(), t->size};
}

/// The socket address buffer recvmsg offers the kernel (CPython's getsockaddrlen).
socklen_t sockaddr_len(int family) {
  switch (family) {
    case AF_INET:
      return sizeof(sockaddr_in);
    case AF_INET6:
      return sizeof(sockaddr_in6);
    case AF_UNIX:
      return sizeof(sockaddr_un);
    default:
      return sizeof(sockaddr_storage);
  }
}

/// The ancillary-data buffer: cmsghdr-aligned, zero-filled (glibc's CMSG_NXTHDR reads the next
/// header's cmsg_len before deciding it fits).
struct ControlBuffer {
  std::vector<cmsghdr> words;
  void* reserve(size_t n) {
    if (n == 0) return nullptr;
    words.assign((n + sizeof(cmsghdr) - 1) / sizeof(cmsghdr), cmsghdr{});
    return words.data();
  }
};

/// The shared part of recvmsg and recvmsg_into (CPython's sock_recvmsg_guts): receives into
/// `iov` with a control buffer of `controllen` bytes, then builds (first, ancdata, msg_flags,
/// address) where `first(received)` makes the first item (the bytes, or the count after copying
/// into the caller's buffers). Descriptors received by SCM_RIGHTS are closed when anything
/// fails after the system call.
template <class MakeFirst>
Ref recvmsg_guts(SocketObject* s, std::vector<iovec>& iov, int flags, int64_t controllen,
                 MakeFirst first) {
  if (controllen < 0 || static_cast<uint64_t>(controllen) > kSocklenLimit)
    return raise(&exc_ValueError, "invalid ancillary data buffer length");
  SockAddr addr;
  socklen_t addrlen = sockaddr_len(s->sock_family);
  std::memset(&addr, 0, sizeof(addr));
  addr.sa.sa_family = AF_UNSPEC;  // nothing that could pass for an address the kernel wrote
  ControlBuffer control;
  msghdr msg{};
  msg.msg_name = &addr;
  msg.msg_namelen = addrlen;
  msg.msg_iov = iov.data();
  msg.msg_iovlen = iov.size();
  msg.msg_control = control.reserve(static_cast<size_t>(controllen));
  msg.msg_controllen = static_cast<size_t>(controllen);
  ssize_t got = sock_call(
      s, false, [&](int fd) { return ::recvmsg(fd, &msg, flags); }, s->timeout);
  if (got < 0) return Ref();

  auto fail = [&]() {
    close_received_fds(msg);
    return Ref();
  };
  Ref ancdata = list_new();
  for (cmsghdr* c = msg.msg_controllen > 0 ? CMSG_FIRSTHDR(&msg) : nullptr; c != nullptr;
       c = CMSG_NXTHDR(&msg, c)) {
    size_t len = 0;
    int status = cmsg_data_len(msg, c, &len);
    if (status != 0 &&
        !warn(&exc_RuntimeWarning, "received malformed or improperly-truncated ancillary data"))
      return fail();
    if (status < 0) break;
    Ref level = int_from_int64(c->cmsg_level);
    Ref type = int_from_int64(c->cmsg_type);
    Ref data = bytes_new(std::string_view(reinterpret_cast<const char*>(CMSG_DATA(c)), len));
    Ref item = tuple_of({level.get(), type.get(), data.get()});
    list_append(as_list(ancdata.get()), item.get());
    if (status != 0) break;
  }
  Ref head = first(got);
  if (!head) return fail();
  Ref msg_flags = int_from_int64(static_cast<int>(msg.msg_flags));
  Ref address = sockaddr_to_python(&addr.sa, std::min(msg.msg_namelen, addrlen));
  if (!address) return fail();
  return tuple_of({head.get(), ancdata.get(), msg_flags.get(), address.get()});
}

/// recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)
Ref sock_recvmsg(Value self, NativeArgs& a) {
  int64_t bufsize = a.i64(0);
  if (bufsize < 0) return raise(&exc_ValueError, "negative buffer size in recvmsg()");
  std::string buf(static_cast<size_t>(bufsize), '\0');
  std::vector<iovec> iov{{buf.data(), buf.size()}};
  return recvmsg_guts(static_cast<SocketObject*>(self.obj()), iov, a.i32(2), a.i64(1),
                      [&](ssize_t n) { return bytes_new(std::string_view(buf.data(), n)); });
}

/// recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address)
Ref sock_recvmsg_into(Value self, NativeArgs& a) {
  Ref buffers = fast_items(a[0], "recvmsg_into() argument 1 must be an iterable");
  if (!buffers) return Ref();
  std::span<const Value> targets = items_of(buffers);
  if (targets.size() > INT_MAX) return raise(&exc_OSError, "recvmsg_into() argument 1 is too long");
  std::vector<std::string> scratch;
  scratch.reserve(targets.size());
  for (Value b : targets) {
    std::span<char> w;
    if (!buffer_writable(b, &w)) {
      return raise(&exc_TypeError,
                   "recvmsg_into() argument 1 must be an iterable of single-segment read-write "
                   "buffers");
    }
    scratch.emplace_back(w.size(), '\0');
  }
  std::vector<iovec> iov;
  iov.reserve(scratch.size());
  for (std::string& s : scratch) iov.push_back({s.data(), s.size()});
  return recvmsg_guts(
      static_cast<SocketObject*>(self.obj()), iov, a.i32(2), a.i64(1), [&](ssize_t n) -> Ref {
        // The kernel filled the buffers in order: copy each one's share.
        size_t left = static_cast<size_t>(n);
        for (size_t i = 0; i < targets.size() && left > 0; i++) {
          size_t part = std::min(left, scratch[i].size());
          if (!recv_write_back(targets[i], std::string_view(scratch[i].data(), part))) return Ref();
          left -= part;
        }
        return int_from_int64(n);
      });
}

/// One (level, type, data) item of sendmsg's ancdata: PyArg_Parse's "(iiy*)".
bool parse_cmsg_item(Value item, int* level, int* type, ByteArg* data) {
  static constexpr const char* kWhat = "[sendmsg() ancillary data items]() argument must be";
  // PySequence_Check: anything indexable except a mapping; bytes are refused outright.
  bool sequence = is_tuple(item) || is_list(item) ||
                  (item.is_object() && item.obj()->type->getitem != nullptr && !is_bytes(item) &&
                   !is_dict(item));
  if (!sequence) {
    raise_fmt(&exc_TypeError, "{} 3-item sequence, not {}", kWhat,
              is_none(item) ? std::string("None") : type_name(item));
    return false;
  }
  int64_t n;
  if (!length(item, &n)) return false;
  if (n != 3) {
    raise_fmt(&exc_TypeError, "{} sequence of length 3, not {}", kWhat, n);
    return false;
  }
  Ref parts[3];
  for (int i = 0; i < 3; i++) {
    Ref index = int_from_int64(i);
    parts[i] = getitem(item, index.get());
    if (!parts[i]) return false;
  }
  return c_int_arg(parts[0].get(), level) && c_int_arg(parts[1].get(), type) &&
         byte_arg(parts[2].get(), data, true);
}

/// sendmsg(buffers[, ancdata[, flags[, address]]]) -> count
Ref sock_sendmsg(Value self, NativeArgs& a) {
  auto* s = static_cast<SocketObject*>(self.obj());
  msghdr msg{};
  SockAddr addr;
  if (a.given(3) && !is_none(a[3])) {
    socklen_t len;
    if (!sockaddr_from_python(s->sock_family, a[3], "sendmsg", &addr, &len)) return Ref();
    msg.msg_name = &addr;
    msg.msg_namelen = len;
  }
  Ref parts = fast_items(a[0], "sendmsg() argument 1 must be an iterable");
  if (!parts) return Ref();
  if (items_of(parts).size() > INT_MAX)
    return raise(&exc_OSError, "sendmsg() argument 1 is too long");
  std::deque<ByteArg> data;  // ByteArg never moves: its view may point into itself
  std::vector<iovec> iov;
  for (Value part : items_of(parts)) {
    if (!byte_arg(part, &data.emplace_back(), true)) return Ref();
    iov.push_back({const_cast<char*>(data.back().data.data()), data.back().data.size()});
  }
  msg.msg_iov = iov.data();
  msg.msg_iovlen = iov.size();

  struct Cmsg {
    int level = 0, type = 0;
    ByteArg data;
  };
  std::deque<Cmsg> cmsgs;
  size_t controllen = 0;
  if (a.given(1)) {
    Ref items = fast_items(a[1], "sendmsg() argument 2 must be an iterable");
    if (!items) return Ref();
    for (Value item : items_of(items)) {
      Cmsg& c = cmsgs.emplace_back();
      if (!parse_cmsg_item(item, &c.level, &c.type, &c.data)) return Ref();
      size_t space;
      if (!cmsg_space_of(c.data.data.size(), &space))
        return raise(&exc_OSError, "ancillary data item too large");
      if (controllen + space > kSocklenLimit) return raise(&exc_OSError, "too much ancillary data");
      controllen += space;
    }
  }
  ControlBuffer control;
  if (!cmsgs.empty()) {
    msg.msg_control = control.reserve(controllen);
    msg.msg_controllen = controllen;
    cmsghdr* c = nullptr;
    for (size_t i = 0; i < cmsgs.size(); i++) {
      c = i == 0 ? CMSG_FIRSTHDR(&msg) : CMSG_NXTHDR(&msg, c);
      if (c == nullptr) {
        return raise_fmt(&exc_RuntimeError, "unexpected NULL result from {}()",
                         i == 0 ? "CMSG_FIRSTHDR" : "CMSG_NXTHDR");
      }
      std::string_view d = cmsgs[i].data.data;
      size_t msg_len;
      if (!cmsg_len_of(d.size(), &msg_len))
        return raise(&exc_RuntimeError, "item size out of range for CMSG_LEN()");
      bool fits = false;
      if (cmsg_min_space(msg, c, msg_len)) {
        c->cmsg_len = msg_len;
        size_t space;
        fits = cmsg_data_space(msg, c, &space) && space >= d.size();
      }
      if (!fits) return raise(&exc_RuntimeError, "ancillary data does not fit in calculated space");
      c->cmsg_level = cmsgs[i].level;
      c->cmsg_type = cmsgs[i].type;
      if (!d.empty()) std::memcpy(CMSG_DATA(c), d.data(), d.size());
    }
  }
  int flags = a.i32(2);
  ssize_t n = sock_call(
      s, true, [&](int fd) { return ::sendmsg(fd, &msg, flags | MSG_NOSIGNAL); }, s->timeout);
  if (n < 0) return Ref();
  return int_from_int64(n);
}

/// CMSG_LEN(length) / CMSG_SPACE(length): the size of a control message with `length` bytes of
/// data, without / with the trailing padding.
Ref sockmod_cmsg_len(Value, NativeArgs& a) {
  size_t n;
  if (a.i64(0) < 0 || !cmsg_len_of(static_cast<size_t>(a.i64(0)), &n))
    return raise(&exc_OverflowError, "CMSG_LEN() argument out of range");
  return int_from_int64(static_cast<int64_t>(n));
}

Ref sockmod_cmsg_space(Value, NativeArgs& a) {
  size_t n;
  if (a.i64(0) < 0 || !cmsg_space_of(static_cast<size_t>(a.i64(0)), &n))
    return raise(&exc_OverflowError, "CMSG_SPACE() argument out of range");
  return int_from_int64(static_cast<int64_t>(n));
}

// CPython parses these with PyArg_ParseTuple and documents them without a text signature.
constexpr uint32_t kFlags = kNativeParseTuple | kNativeNoTextSig | kNativeReleasesGil;

const NativeDef kMsgMethods[] = {
    {"sendmsg($self, buffers, ancdata=NULL, flags: int = 0, address=NULL, /)", sock_sendmsg, kFlags,
     "sendmsg(buffers[, ancdata[, flags[, address]]]) -> count\n\n"
     "Send normal and ancillary data to the socket, gathering the non-ancillary data from a\n"
     "series of buffers and concatenating it into a single message."},
    {"recvmsg($self, bufsize: ssize_t, ancbufsize: ssize_t = 0, flags: int = 0, /)", sock_recvmsg,
     kFlags,
     "recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)\n\n"
     "Receive normal data (up to bufsize bytes) and ancillary data from the socket."},
    {"recvmsg_into($self, buffers, ancbufsize: ssize_t = 0, flags: int = 0, /)", sock_recvmsg_into,
     kFlags,
     "recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address)\n\n"
     "Receive normal data and ancillary data from the socket, scattering the non-ancillary data\n"
     "into a series of buffers."},
};

const NativeDef kCmsgFunctions[] = {
    {"CMSG_LEN($module, length: ssize_t, /)", sockmod_cmsg_len,
     kNativeParseTuple | kNativeNoTextSig,
     "CMSG_LEN(length) -> control message length\n\n"
     "Return the total length, without trailing padding, of an ancillary data item with\n"
     "associated data of the given length."},
    {"CMSG_SPACE($module, length: ssize_t, /)", sockmod_cmsg_space,
     kNativeParseTuple | kNativeNoTextSig,
     "CMSG_SPACE(length) -> buffer size\n\n"
     "Return the buffer size needed for recvmsg() to receive an ancillary data item with\n"
     "associated data of the given length, along with any trailing padding."},
};

}  // namespace

void socket_msg_init() { add_methods(&socket_type, kMsgMethods); }

void socket_msg_add_functions(Value module, DictObject* ns) {
  add_functions(ns, module, kCmsgFunctions);
}

}  // namespace minipy::lib
