// _stat: the file-mode constants and tests that CPython's stat.py takes over at its end
// (`from _stat import *`), with the values of this platform (Linux): S_IS*(), S_IMODE,
// S_IFMT, filemode(), and the BSD flag constants that Linux lacks but CPython still exports.
#include <sys/stat.h>

#include <cstdint>
#include <string>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// CPython's _PyLong_AsMode_t: an int (no __index__) that fits mode_t.
bool mode_arg(Value v, uint32_t* out) {
  if (!is_int(v)) {
    raise(&exc_TypeError, "an integer is required");
    return false;
  }
  BigInt b = int_to_bigint(v);
  if (b.is_negative()) {
    raise(&exc_OverflowError, "can't convert negative value to unsigned int");
    return false;
  }
  if (b.bit_length() > 64) {
    raise(&exc_OverflowError, "Python int too large to convert to C unsigned long");
    return false;
  }
  auto x = static_cast<uint64_t>(b.to_int64());
  if (x > UINT32_MAX) {
    raise(&exc_OverflowError, "mode out of range");
    return false;
  }
  *out = static_cast<uint32_t>(x);
  return true;
}

template <uint32_t kType>
Ref is_type(Value, NativeArgs& a) {
  uint32_t m;
  if (!mode_arg(a[0], &m)) return Ref();
  return bool_ref(kType != 0 && (m & S_IFMT) == kType);
}

Ref s_imode(Value, NativeArgs& a) {
  uint32_t m;
  if (!mode_arg(a[0], &m)) return Ref();
  return Ref::small(m & 07777);
}

Ref s_ifmt(Value, NativeArgs& a) {
  uint32_t m;
  if (!mode_arg(a[0], &m)) return Ref();
  return Ref::small(m & S_IFMT);
}

/// ls -l's mode column: the type letter, then rwx per class with s/S and t/T folded in.
Ref filemode(Value, NativeArgs& a) {
  uint32_t m;
  if (!mode_arg(a[0], &m)) return Ref();
  std::string s(10, '-');
  switch (m & S_IFMT) {
    case S_IFLNK:
      s[0] = 'l';
      break;
    case S_IFSOCK:
      s[0] = 's';
      break;
    case S_IFREG:
      s[0] = '-';
      break;
    case S_IFBLK:
      s[0] = 'b';
      break;
    case S_IFDIR:
      s[0] = 'd';
      break;
    case S_IFCHR:
      s[0] = 'c';
      break;
    case S_IFIFO:
      s[0] = 'p';
      break;
    default:
      s[0] = '?';
      break;
  }
  auto rwx = [&](int at, uint32_t r, uint32_t w, uint32_t x, uint32_t special, char on, char off) {
    if (m & r) s[at] = 'r';
    if (m & w) s[at + 1] = 'w';
    if (m & special) {
      s[at + 2] = (m & x) ? on : off;
    } else if (m & x) {
      s[at + 2] = 'x';
    }
  };
  rwx(1, S_IRUSR, S_IWUSR, S_IXUSR, S_ISUID, 's', 'S');
  rwx(4, S_IRGRP, S_IWGRP, S_IXGRP, S_ISGID, 's', 'S');
  rwx(7, S_IROTH, S_IWOTH, S_IXOTH, S_ISVTX, 't', 'T');
  return str_new(s);
}

const NativeDef kStatFunctions[] = {
    {"S_ISDIR($module, mode, /)", is_type<S_IFDIR>, kNativeNoTextSig},
    {"S_ISCHR($module, mode, /)", is_type<S_IFCHR>, kNativeNoTextSig},
    {"S_ISBLK($module, mode, /)", is_type<S_IFBLK>, kNativeNoTextSig},
    {"S_ISREG($module, mode, /)", is_type<S_IFREG>, kNativeNoTextSig},
    {"S_ISFIFO($module, mode, /)", is_type<S_IFIFO>, kNativeNoTextSig},
    {"S_ISLNK($module, mode, /)", is_type<S_IFLNK>, kNativeNoTextSig},
    {"S_ISSOCK($module, mode, /)", is_type<S_IFSOCK>, kNativeNoTextSig},
    {"S_ISDOOR($module, mode, /)", is_type<0>, kNativeNoTextSig},
    {"S_ISPORT($module, mode, /)", is_type<0>, kNativeNoTextSig},
    {"S_ISWHT($module, mode, /)", is_type<0>, kNativeNoTextSig},
    {"S_IMODE($module, mode, /)", s_imode, kNativeNoTextSig},
    {"S_IFMT($module, mode, /)", s_ifmt, kNativeNoTextSig},
    {"filemode($module, mode, /)", filemode, kNativeNoTextSig},
};

}  // namespace

bool init__stat(Value module, DictObject* ns) {
  static const struct {
    const char* name;
    int64_t value;
  } kConstants[] = {
      {"S_IFDIR", S_IFDIR},
      {"S_IFCHR", S_IFCHR},
      {"S_IFBLK", S_IFBLK},
      {"S_IFREG", S_IFREG},
      {"S_IFIFO", S_IFIFO},
      {"S_IFLNK", S_IFLNK},
      {"S_IFSOCK", S_IFSOCK},
      {"S_IFDOOR", 0},
      {"S_IFPORT", 0},
      {"S_IFWHT", 0},
      {"S_ISUID", S_ISUID},
      {"S_ISGID", S_ISGID},
      {"S_ISVTX", S_ISVTX},
      {"S_ENFMT", S_ISGID},
      {"S_IREAD", S_IRUSR},
      {"S_IWRITE", S_IWUSR},
      {"S_IEXEC", S_IXUSR},
      {"S_IRWXU", S_IRWXU},
      {"S_IRUSR", S_IRUSR},
      {"S_IWUSR", S_IWUSR},
      {"S_IXUSR", S_IXUSR},
      {"S_IRWXG", S_IRWXG},
      {"S_IRGRP", S_IRGRP},
      {"S_IWGRP", S_IWGRP},
      {"S_IXGRP", S_IXGRP},
      {"S_IRWXO", S_IRWXO},
      {"S_IROTH", S_IROTH},
      {"S_IWOTH", S_IWOTH},
      {"S_IXOTH", S_IXOTH},
      // BSD file flags (chflags): not on Linux, exported with their BSD values as CPython does.
      {"UF_NODUMP", 0x1},
      {"UF_IMMUTABLE", 0x2},
      {"UF_APPEND", 0x4},
      {"UF_OPAQUE", 0x8},
      {"UF_NOUNLINK", 0x10},
      {"UF_COMPRESSED", 0x20},
      {"UF_HIDDEN", 0x8000},
      {"SF_ARCHIVED", 0x10000},
      {"SF_IMMUTABLE", 0x20000},
      {"SF_APPEND", 0x40000},
      {"SF_NOUNLINK", 0x100000},
      {"SF_SNAPSHOT", 0x200000},
      // Indices into os.stat()'s tuple.
      {"ST_MODE", 0},
      {"ST_INO", 1},
      {"ST_DEV", 2},
      {"ST_NLINK", 3},
      {"ST_UID", 4},
      {"ST_GID", 5},
      {"ST_SIZE", 6},
      {"ST_ATIME", 7},
      {"ST_MTIME", 8},
      {"ST_CTIME", 9},
  };
  for (const auto& c : kConstants) dict_set_cstr(ns, c.name, int_from_int64(c.value).get());
  add_functions(ns, module, kStatFunctions);
  return true;
}

}  // namespace minipy::lib
