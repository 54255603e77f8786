// posix's integer constants: each one CPython's posixmodule exports, taken from the system
// headers when they define it (never a number written here), so os.O_TMPFILE, os.RTLD_NOW,
// os.EX_USAGE and the rest exist exactly where the platform has them.
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>
#if __has_include(<sys/eventfd.h>)
#include <sys/eventfd.h>
#endif
#if __has_include(<sys/random.h>)
#include <sys/random.h>
#endif
#if __has_include(<sys/xattr.h>)
#include <sys/xattr.h>
#endif
#if __has_include(<linux/limits.h>)
#include <linux/limits.h>  // XATTR_SIZE_MAX
#endif
#if __has_include(<linux/memfd.h>)
#include <linux/memfd.h>  // MFD_HUGE_*
#endif
#if __has_include(<linux/wait.h>)
// P_ALL/P_PID/P_PGID/P_PIDFD as macros (glibc has them as enumerators only); after <sys/wait.h>,
// whose enum they would otherwise rewrite.
#include <linux/wait.h>
#endif

#include "runtime/objects/dict.h"
#include "runtime/value.h"

namespace minipy::lib {

using namespace rt;

namespace {

struct Constant {
  const char* name;
  int64_t value;
};

// CONST(X) is a table row only where the headers define X.
const Constant kPosixConstants[] = {
#define CONST(name) {#name, static_cast<int64_t>(name)},
    // open() flags
    CONST(O_RDONLY) CONST(O_WRONLY) CONST(O_RDWR) CONST(O_APPEND) CONST(O_CREAT) CONST(O_EXCL)
    CONST(O_TRUNC) CONST(O_NONBLOCK) CONST(O_NDELAY) CONST(O_SYNC) CONST(O_DSYNC) CONST(O_NOCTTY)
    CONST(O_CLOEXEC) CONST(O_DIRECTORY) CONST(O_NOFOLLOW) CONST(O_ACCMODE)
#ifdef O_ASYNC
    CONST(O_ASYNC)
#endif
#ifdef O_DIRECT
    CONST(O_DIRECT)
#endif
#ifdef O_FSYNC
    CONST(O_FSYNC)
#endif
#ifdef O_LARGEFILE
    CONST(O_LARGEFILE)
#endif
#ifdef O_NOATIME
    CONST(O_NOATIME)
#endif
#ifdef O_PATH
    CONST(O_PATH)
#endif
#ifdef O_RSYNC
    CONST(O_RSYNC)
#endif
#ifdef O_TMPFILE
    CONST(O_TMPFILE)
#endif
    // lseek() whences (minipy's os.py takes SEEK_SET/CUR/END from here)
    CONST(SEEK_SET) CONST(SEEK_CUR) CONST(SEEK_END)
#ifdef SEEK_DATA
    CONST(SEEK_DATA)
#endif
#ifdef SEEK_HOLE
    CONST(SEEK_HOLE)
#endif
    // wait*() options and waitid() id types
    CONST(WNOHANG) CONST(WUNTRACED) CONST(WCONTINUED)
#ifdef WEXITED
    CONST(WEXITED)
#endif
#ifdef WSTOPPED
    CONST(WSTOPPED)
#endif
#ifdef WNOWAIT
    CONST(WNOWAIT)
#endif
#ifdef P_ALL
    CONST(P_ALL)
#endif
#ifdef P_PID
    CONST(P_PID)
#endif
#ifdef P_PGID
    CONST(P_PGID)
#endif
#ifdef P_PIDFD
    CONST(P_PIDFD)
#endif
    // access() modes
    CONST(F_OK) CONST(R_OK) CONST(W_OK) CONST(X_OK)
    // lockf() commands
#ifdef F_LOCK
    CONST(F_LOCK) CONST(F_TLOCK) CONST(F_ULOCK) CONST(F_TEST)
#endif
    // waitid()'s si_code values
#ifdef CLD_EXITED
    CONST(CLD_EXITED) CONST(CLD_KILLED) CONST(CLD_DUMPED) CONST(CLD_TRAPPED) CONST(CLD_STOPPED)
    CONST(CLD_CONTINUED)
#endif
    // sysexits.h
#ifdef EX_OK
    CONST(EX_OK) CONST(EX_USAGE) CONST(EX_DATAERR) CONST(EX_NOINPUT) CONST(EX_NOUSER)
    CONST(EX_NOHOST) CONST(EX_UNAVAILABLE) CONST(EX_SOFTWARE) CONST(EX_OSERR) CONST(EX_OSFILE)
    CONST(EX_CANTCREAT) CONST(EX_IOERR) CONST(EX_TEMPFAIL) CONST(EX_PROTOCOL) CONST(EX_NOPERM)
    CONST(EX_CONFIG)
#endif
    // eventfd(), getrandom(), memfd_create() flags
#ifdef EFD_CLOEXEC
    CONST(EFD_CLOEXEC) CONST(EFD_NONBLOCK) CONST(EFD_SEMAPHORE)
#endif
#ifdef GRND_NONBLOCK
    CONST(GRND_NONBLOCK) CONST(GRND_RANDOM)
#endif
#ifdef MFD_CLOEXEC
    CONST(MFD_CLOEXEC) CONST(MFD_ALLOW_SEALING) CONST(MFD_HUGETLB)
#endif
#ifdef MFD_HUGE_SHIFT
    CONST(MFD_HUGE_SHIFT) CONST(MFD_HUGE_MASK) CONST(MFD_HUGE_64KB) CONST(MFD_HUGE_512KB)
    CONST(MFD_HUGE_1MB) CONST(MFD_HUGE_2MB) CONST(MFD_HUGE_8MB) CONST(MFD_HUGE_16MB)
    CONST(MFD_HUGE_32MB) CONST(MFD_HUGE_256MB) CONST(MFD_HUGE_512MB) CONST(MFD_HUGE_1GB)
    CONST(MFD_HUGE_2GB) CONST(MFD_HUGE_16GB)
#endif
    // limits
#ifdef NGROUPS_MAX
    CONST(NGROUPS_MAX)
#endif
#ifdef TMP_MAX
    CONST(TMP_MAX)
#endif
    // posix_fadvise() advice
#ifdef POSIX_FADV_NORMAL
    CONST(POSIX_FADV_NORMAL) CONST(POSIX_FADV_SEQUENTIAL) CONST(POSIX_FADV_RANDOM)
    CONST(POSIX_FADV_NOREUSE) CONST(POSIX_FADV_WILLNEED) CONST(POSIX_FADV_DONTNEED)
#endif
    // getpriority()/setpriority() targets
#ifdef PRIO_PROCESS
    CONST(PRIO_PROCESS) CONST(PRIO_PGRP) CONST(PRIO_USER)
#endif
    // dlopen() flags (sys.setdlopenflags)
    CONST(RTLD_LAZY) CONST(RTLD_NOW) CONST(RTLD_GLOBAL) CONST(RTLD_LOCAL)
#ifdef RTLD_NODELETE
    CONST(RTLD_NODELETE)
#endif
#ifdef RTLD_NOLOAD
    CONST(RTLD_NOLOAD)
#endif
#ifdef RTLD_DEEPBIND
    CONST(RTLD_DEEPBIND)
#endif
    // preadv()/pwritev() flags
#ifdef RWF_HIPRI
    CONST(RWF_HIPRI)
#endif
#ifdef RWF_DSYNC
    CONST(RWF_DSYNC)
#endif
#ifdef RWF_SYNC
    CONST(RWF_SYNC)
#endif
#ifdef RWF_NOWAIT
    CONST(RWF_NOWAIT)
#endif
#ifdef RWF_APPEND
    CONST(RWF_APPEND)
#endif
    // scheduling policies
#ifdef SCHED_OTHER
    CONST(SCHED_OTHER) CONST(SCHED_FIFO) CONST(SCHED_RR)
#endif
#ifdef SCHED_BATCH
    CONST(SCHED_BATCH)
#endif
#ifdef SCHED_IDLE
    CONST(SCHED_IDLE)
#endif
#ifdef SCHED_RESET_ON_FORK
    CONST(SCHED_RESET_ON_FORK)
#endif
    // splice() flags
#ifdef SPLICE_F_MOVE
    CONST(SPLICE_F_MOVE) CONST(SPLICE_F_NONBLOCK) CONST(SPLICE_F_MORE)
#endif
    // statvfs() f_flag bits
#ifdef ST_RDONLY
    CONST(ST_RDONLY) CONST(ST_NOSUID)
#endif
#ifdef ST_NODEV
    CONST(ST_NODEV) CONST(ST_NOEXEC) CONST(ST_SYNCHRONOUS) CONST(ST_MANDLOCK) CONST(ST_WRITE)
    CONST(ST_APPEND) CONST(ST_NOATIME) CONST(ST_NODIRATIME) CONST(ST_RELATIME)
#endif
    // extended attributes
#ifdef XATTR_CREATE
    CONST(XATTR_CREATE) CONST(XATTR_REPLACE)
#endif
#ifdef XATTR_SIZE_MAX
    CONST(XATTR_SIZE_MAX)
#endif
#undef CONST
};

}  // namespace

void posix_constants_init(DictObject* ns) {
  for (const Constant& c : kPosixConstants) dict_set_cstr(ns, c.name, Value::from_small(c.value));
}

}  // namespace minipy::lib
