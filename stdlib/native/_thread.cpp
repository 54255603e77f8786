// The _thread module: start_new_thread, Lock, RLock, get_ident and friends (_local is in
// thread_local.cpp). threading.py (stdlib/lib) builds everything else on these.
#include <atomic>
#include <cmath>
#include <csignal>
#include <memory>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/os_thread.h"
#include "runtime/state/thread_state.h"
#include "stdlib/native/thread_local.h"
#include "vm/interpreter.h"

namespace minipy::lib {

using namespace rt;

TypeObject lock_type;
TypeObject rlock_type;

struct LockObject : Object {
  NativeLock lock;
};

// `owner` and `count` are written only by the thread that holds `lock`, but any thread reads them
// (is this thread the owner? repr): relaxed atomics, so that without a GIL (free-threaded build)
// those reads are not data races. A non-owner only ever compares `owner` with its own ident,
// which the owner never stores, so a stale value gives the right answer.
struct RLockObject : Object {
  NativeLock lock;
  std::atomic<uint64_t> owner{0};  // ident of the owner, 0 = unowned
  std::atomic<int64_t> count{0};

  bool owned_by(uint64_t ident) const {
    return owner.load(std::memory_order_relaxed) == ident &&
           count.load(std::memory_order_relaxed) > 0;
  }
  void set(uint64_t new_owner, int64_t new_count) {
    owner.store(new_owner, std::memory_order_relaxed);
    count.store(new_count, std::memory_order_relaxed);
  }
  int64_t depth() const { return count.load(std::memory_order_relaxed); }
};

// _thread.TIMEOUT_MAX: kTimeoutMaxUs in whole seconds, as CPython computes it on Linux. A
// wait that long is honoured: the lock's deadline saturates (steady_deadline) instead of
// overflowing.
constexpr double kTimeoutMax = static_cast<double>(kTimeoutMaxUs / 1000000);

/// Parses acquire(blocking=True, timeout=-1) into a timeout in microseconds (-1 = forever).
static bool parse_acquire(const char* fname, const Value* args, size_t nargs, TupleObject* kw,
                          bool* blocking, int64_t* timeout_us) {
  Value a[2] = {};
  if (!parse_args(fname, args, nargs, kw, {"blocking", "timeout"}, 0, a)) return false;
  *blocking = true;
  if (a[0]) {
    int t = truthy(a[0]);
    if (t < 0) return false;
    *blocking = t;
  }
  double timeout = -1;
  if (a[1] && !to_double(a[1], &timeout)) return false;
  if (!*blocking && timeout != -1) {
    raise(&exc_ValueError, "can't specify a timeout for a non-blocking call");
    return false;
  }
  if (timeout < 0 && timeout != -1) {
    raise(&exc_ValueError, "timeout value must be a non-negative number");
    return false;
  }
  // CPython compares in microseconds: up to TIMEOUT_MAX's fraction of a second more is allowed.
  if (timeout > 0 && std::ceil(timeout * 1e6) > static_cast<double>(kTimeoutMaxUs)) {
    raise(&exc_OverflowError, "timeout value is too large");
    return false;
  }
  *timeout_us = timeout < 0 ? -1 : static_cast<int64_t>(std::ceil(timeout * 1e6));
  if (!*blocking) *timeout_us = 0;
  return true;
}

/// Acquires with signal handling: a Ctrl-C while waiting raises KeyboardInterrupt.
static int acquire_interruptible(NativeLock& lock, bool blocking, int64_t timeout_us) {
  for (;;) {
    NativeLock::Result r = lock.acquire(blocking, timeout_us);
    if (r == NativeLock::Result::Acquired) return 1;
    if (r == NativeLock::Result::TimedOut) return 0;
    if (!handle_eval_breaker()) return -1;
  }
}

#define LOCK_METHOD(name) \
  static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

static LockObject* as_lock(Value v) { return static_cast<LockObject*>(v.obj()); }
static RLockObject* as_rlock(Value v) { return static_cast<RLockObject*>(v.obj()); }

LOCK_METHOD(lock_acquire) {
  bool blocking;
  int64_t timeout_us;
  if (!parse_acquire("acquire", args, nargs, kw, &blocking, &timeout_us)) return Ref();
  int r = acquire_interruptible(as_lock(self)->lock, blocking, timeout_us);
  if (r < 0) return Ref();
  return bool_ref(r == 1);
}

LOCK_METHOD(lock_release) {
  if (!as_lock(self)->lock.release()) return raise(&exc_RuntimeError, "release unlocked lock");
  return none_ref();
}

LOCK_METHOD(lock_locked) { return bool_ref(as_lock(self)->lock.locked()); }

LOCK_METHOD(lock_exit) {
  if (!as_lock(self)->lock.release()) return raise(&exc_RuntimeError, "release unlocked lock");
  return bool_ref(false);
}

LOCK_METHOD(lock_at_fork_reinit) {
  as_lock(self)->lock.reinit_after_fork();
  return none_ref();
}

static Ref lock_repr(Value self) {
  return str_new(fmt::format("<{} _thread.lock object at {:#x}>",
                             as_lock(self)->lock.locked() ? "locked" : "unlocked", self.bits()));
}

static Ref lock_new(TypeObject* t, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("lock", nargs, kw, 0, 0)) return Ref();
  return Ref::steal(Value(alloc_instance<LockObject>(t)));
}

static void lock_dealloc(Object* o) { delete static_cast<LockObject*>(o); }

LOCK_METHOD(rlock_acquire) {
  bool blocking;
  int64_t timeout_us;
  if (!parse_acquire("acquire", args, nargs, kw, &blocking, &timeout_us)) return Ref();
  RLockObject* r = as_rlock(self);
  uint64_t me = current_thread_ident();
  if (r->owned_by(me)) {
    r->set(me, r->depth() + 1);
    return bool_ref(true);
  }
  int got = acquire_interruptible(r->lock, blocking, timeout_us);
  if (got < 0) return Ref();
  if (got) r->set(me, 1);
  return bool_ref(got == 1);
}

LOCK_METHOD(rlock_release) {
  RLockObject* r = as_rlock(self);
  uint64_t me = current_thread_ident();
  if (!r->owned_by(me)) return raise(&exc_RuntimeError, "cannot release un-acquired lock");
  if (r->depth() == 1) {
    r->set(0, 0);
    r->lock.release();
  } else {
    r->set(me, r->depth() - 1);
  }
  return none_ref();
}

LOCK_METHOD(rlock_exit) {
  Ref r = rlock_release(self, nullptr, 0, nullptr);
  if (!r) return r;
  return bool_ref(false);
}

LOCK_METHOD(rlock_is_owned) {
  RLockObject* r = as_rlock(self);
  return bool_ref(r->owned_by(current_thread_ident()));
}

LOCK_METHOD(rlock_release_save) {
  RLockObject* r = as_rlock(self);
  if (r->depth() == 0) return raise(&exc_RuntimeError, "cannot release un-acquired lock");
  Ref state = tuple_of(
      {int_from_int64(r->depth()).get(),
       int_from_int64(static_cast<int64_t>(r->owner.load(std::memory_order_relaxed))).get()});
  r->set(0, 0);
  r->lock.release();
  return state;
}

LOCK_METHOD(rlock_acquire_restore) {
  if (!check_nargs("_acquire_restore", nargs, kw, 1, 1)) return Ref();
  RLockObject* r = as_rlock(self);
  if (!is_tuple(args[0]) || as_tuple(args[0])->size != 2) return raise(&exc_TypeError, "bad state");
  int got = acquire_interruptible(r->lock, true, -1);
  if (got < 0) return Ref();
  int64_t count, owner;
  if (!int_to_int64(as_tuple(args[0])->at(0), &count)) return Ref();
  BigInt ob = int_to_bigint(as_tuple(args[0])->at(1));
  owner = ob.to_int64();
  r->set(static_cast<uint64_t>(owner), count);
  return none_ref();
}

LOCK_METHOD(rlock_at_fork_reinit) {
  RLockObject* r = as_rlock(self);
  r->lock.reinit_after_fork();
  r->set(0, 0);
  return none_ref();
}

LOCK_METHOD(rlock_recursion_count) {
  RLockObject* r = as_rlock(self);
  return Ref::small(r->owned_by(current_thread_ident()) ? r->depth() : 0);
}

static Ref rlock_repr(Value self) {
  RLockObject* r = as_rlock(self);
  int64_t count = r->depth();
  return str_new(fmt::format("<{} _thread.RLock object owner={} count={} at {:#x}>",
                             count ? "locked" : "unlocked",
                             r->owner.load(std::memory_order_relaxed), count, self.bits()));
}

static Ref rlock_new(TypeObject* t, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<RLockObject>(t)));
}

static void rlock_dealloc(Object* o) { delete static_cast<RLockObject*>(o); }

// ---------------------------------------------------------------- module functions

#define THREAD_FN(name) \
  static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

THREAD_FN(t_start_new_thread) {
  if (!check_nargs("start_new_thread", nargs, kw, 2, 3)) return Ref();
  if (!callable(args[0])) return raise(&exc_TypeError, "first arg must be callable");
  if (!is_tuple(args[1])) return raise(&exc_TypeError, "2nd arg must be a tuple");
  if (nargs == 3 && !is_dict(args[2]) && !is_none(args[2]))
    return raise(&exc_TypeError, "optional 3rd arg must be a dictionary");
  // The references are owned by the closure and released by the new thread with the GIL held.
  auto func = std::make_shared<Ref>(Ref::new_ref(args[0]));
  auto targs = std::make_shared<Ref>(Ref::new_ref(args[1]));
  auto tkw = std::make_shared<Ref>(nargs == 3 ? Ref::new_ref(args[2]) : Ref());
  uint64_t ident = start_os_thread([func, targs, tkw](ThreadState* ts) {
    Ref r = call_tuple_dict(func->get(), targs->get(), tkw->get() ? tkw->get() : Value());
    if (!r) {
      if (exception_matches(&exc_SystemExit)) {
        clear_exception();
      } else {
        Ref exc = take_exception();
        std::string fr;
        if (!repr_text(func->get(), &fr)) clear_exception();
        vm::print_exception(exc.get());
      }
    }
    func->reset();
    targs->reset();
    tkw->reset();
    thread_local_exit();  // before join() can return, as CPython clears them with the thread state
  });
  if (ident == 0) return raise(&exc_RuntimeError, "can't start new thread");
  return int_from_bigint(BigInt::from_uint64(ident));
}

THREAD_FN(t_allocate_lock) { return Ref::steal(Value(alloc_instance<LockObject>(&lock_type))); }
THREAD_FN(t_get_ident) { return int_from_bigint(BigInt::from_uint64(current_thread_ident())); }
THREAD_FN(t_get_native_id) { return int_from_int64(current_native_id()); }
THREAD_FN(t_count) { return Ref::small(running_thread_count()); }
/// _set_sentinel(): a new lock that the runtime releases, if held, when this thread has finished
/// for good (ThreadState::on_exit, after the thread stopped counting in _count()): threading
/// acquires it and join() waits on it, as on CPython. A second call replaces the first without
/// releasing it, as CPython's does.
THREAD_FN(t_set_sentinel) {
  if (!check_nargs("_thread._set_sentinel", nargs, kw, 0, 0)) return Ref();
  Ref lock = Ref::steal(Value(alloc_instance<LockObject>(&lock_type)));
  auto held = std::make_shared<Ref>(lock.dup());
  on_thread_exit([held] {
    as_lock(held->get())->lock.release();
    held->reset();
  });
  return lock;
}
THREAD_FN(t_exit) { return set_exception(make_exception(&exc_SystemExit, nullptr, 0)); }
THREAD_FN(t_stack_size) { return Ref::small(0); }
/// interrupt_main(signum=SIGINT, /): as if `signum` arrived, when Python handles it (a C handler
/// is installed: default_int_handler or a Python handler); nothing for SIG_DFL and SIG_IGN, as
/// CPython's PyErr_SetInterruptEx.
THREAD_FN(t_interrupt_main) {
  if (!check_nargs("interrupt_main", nargs, kw, 0, 1)) return Ref();
  int64_t signum = SIGINT;
  if (nargs == 1) {
    Ref n = number_index(args[0]);
    if (!n) return Ref();
    if (!int_to_int64(n.get(), &signum)) return Ref();  // CPython's C int converter: OverflowError
    if (signum > INT32_MAX || signum < INT32_MIN)
      return raise(&exc_OverflowError, signum > 0 ? "signed integer is greater than maximum"
                                                  : "signed integer is less than minimum");
  }
  if (signum < 1 || signum >= NSIG) return raise(&exc_ValueError, "signal number out of range");
  struct sigaction sa {};
  if (sigaction(static_cast<int>(signum), nullptr, &sa) == 0 && sa.sa_handler != SIG_DFL &&
      sa.sa_handler != SIG_IGN)
    signal_pending(static_cast<int>(signum));
  return none_ref();
}

bool init__thread(Value module, DictObject* ns) {
  static bool types_ready = false;
  if (!types_ready) {
    types_ready = true;
    lock_type.name = "_thread.lock";  // tp_name, as in messages
    lock_type.qualname = "lock";
    lock_type.module = "_thread";
    lock_type.flags = kTypeWeakrefable;  // as CPython's locks
    lock_type.basic_size = sizeof(LockObject);
    lock_type.dealloc = lock_dealloc;
    lock_type.new_ = lock_new;
    lock_type.repr = lock_repr;
    type_ready(&lock_type, &object_type);
    type_add_module_attr(&lock_type);
    add_method(&lock_type, "acquire", lock_acquire);
    add_method(&lock_type, "acquire_lock", lock_acquire);
    add_method(&lock_type, "release", lock_release);
    add_method(&lock_type, "release_lock", lock_release);
    add_method(&lock_type, "locked", lock_locked);
    add_method(&lock_type, "locked_lock", lock_locked);
    add_method(&lock_type, "__enter__", lock_acquire);
    add_method(&lock_type, "__exit__", lock_exit);
    add_method(&lock_type, "_at_fork_reinit", lock_at_fork_reinit);

    rlock_type.name = "_thread.RLock";  // tp_name, as in messages
    rlock_type.qualname = "RLock";
    rlock_type.module = "_thread";
    rlock_type.flags = kTypeBaseType | kTypeWeakrefable;
    rlock_type.basic_size = sizeof(RLockObject);
    rlock_type.dealloc = rlock_dealloc;
    rlock_type.new_ = rlock_new;
    rlock_type.repr = rlock_repr;
    type_ready(&rlock_type, &object_type);
    type_add_module_attr(&rlock_type);
    add_method(&rlock_type, "acquire", rlock_acquire);
    add_method(&rlock_type, "release", rlock_release);
    add_method(&rlock_type, "__enter__", rlock_acquire);
    add_method(&rlock_type, "__exit__", rlock_exit);
    add_method(&rlock_type, "_is_owned", rlock_is_owned);
    add_method(&rlock_type, "_release_save", rlock_release_save);
    add_method(&rlock_type, "_acquire_restore", rlock_acquire_restore);
    add_method(&rlock_type, "_at_fork_reinit", rlock_at_fork_reinit);
    add_method(&rlock_type, "_recursion_count", rlock_recursion_count);
  }
  dict_set_cstr(ns, "LockType", Value(&lock_type));
  dict_set_cstr(ns, "lock", Value(&lock_type));
  dict_set_cstr(ns, "RLock", Value(&rlock_type));
  dict_set_cstr(ns, "error", Value(&exc_RuntimeError));
  dict_set_cstr(ns, "TIMEOUT_MAX", float_new(kTimeoutMax).get());
  add_thread_local_type(ns);
  add_function(ns, module, "start_new_thread", t_start_new_thread);
  add_function(ns, module, "start_new", t_start_new_thread);
  add_function(ns, module, "allocate_lock", t_allocate_lock);
  add_function(ns, module, "allocate", t_allocate_lock);
  add_function(ns, module, "get_ident", t_get_ident);
  add_function(ns, module, "get_native_id", t_get_native_id);
  add_function(ns, module, "_count", t_count);
  add_function(ns, module, "_set_sentinel", t_set_sentinel);
  add_function(ns, module, "exit", t_exit);
  add_function(ns, module, "stack_size", t_stack_size);
  add_function(ns, module, "interrupt_main", t_interrupt_main);
  return true;
}

}  // namespace minipy::lib
