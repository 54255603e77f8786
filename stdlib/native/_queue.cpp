// _queue: SimpleQueue, the unbounded FIFO that queue.SimpleQueue is, and the Empty exception
// queue.Empty is (queue.py takes both from here when it can, as CPython's does).
//
// CPython's design (Modules/_queuemodule.c): the items are guarded by the GIL (here also by the
// object's critical section, for the free-threaded build); a lock that is held while the queue
// is known empty lets get() sleep without the GIL. put() appends and, when a getter took the lock,
// releases it to wake one; get() loops: while the queue is empty it takes the lock (first without
// waiting, then with what is left of its timeout), and gives it back after taking an item. An
// item leaves the queue's ownership the moment get() returns it.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <deque>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/os_thread.h"
#include "stdlib/native/native_args.h"

namespace minipy::lib {

using namespace rt;

namespace {

TypeObject simplequeue_type;
Ref g_empty;  // _queue.Empty

struct SimpleQueueObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  std::deque<Value> items;     // owned references
  NativeLock lock;             // held while a getter waits for the queue to fill
  bool locked = false;         // a getter holds `lock` (put() must release it)
};

SimpleQueueObject* sq(Value v) { return static_cast<SimpleQueueObject*>(v.obj()); }

Ref simplequeue_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs > 0) return raise(&exc_TypeError, "SimpleQueue() takes no positional arguments");
  if (kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "SimpleQueue() takes no keyword arguments");
  return Ref::steal(Value(alloc_instance<SimpleQueueObject>(type)));
}

void take_items(SimpleQueueObject* q, std::deque<Value>* out) {
  CriticalSection cs(q);
  out->swap(q->items);
}

void simplequeue_dealloc(Object* o) {
  auto* q = static_cast<SimpleQueueObject*>(o);
  std::deque<Value> items;
  take_items(q, &items);
  for (Value v : items) decref(v);
  delete q;
}
void simplequeue_traverse(Object* o, VisitFn visit, void* arg) {
  for (Value v : static_cast<SimpleQueueObject*>(o)->items) visit_value(v, visit, arg);
}
void simplequeue_clear(Object* o) {
  std::deque<Value> items;
  take_items(static_cast<SimpleQueueObject*>(o), &items);
  for (Value v : items) decref(v);  // after the swap: a __del__ may use the queue again
}

void put_item(SimpleQueueObject* q, Value item) {
  bool wake;
  {
    CriticalSection cs(q);
    q->items.push_back(Ref::new_ref(item).release());
    wake = q->locked;
    q->locked = false;
  }
  if (wake) q->lock.release();  // a get() may be waiting: wake it up
}

/// put(item, block=True, timeout=None): never blocks (the queue is unbounded); `block` and
/// `timeout` are accepted for compatibility with Queue.put().
Ref sq_put(Value self, NativeArgs& a) {
  put_item(sq(self), a[0]);
  return none_ref();
}
Ref sq_put_nowait(Value self, NativeArgs& a) {
  put_item(sq(self), a[0]);
  return none_ref();
}

/// Takes the first item, or returns null when the queue is empty.
Ref pop_item(SimpleQueueObject* q) {
  CriticalSection cs(q);
  if (q->items.empty()) return Ref();
  Value v = q->items.front();
  q->items.pop_front();
  return Ref::steal(v);
}

bool is_empty(SimpleQueueObject* q) {
  CriticalSection cs(q);
  return q->items.empty();
}

/// A timeout in seconds as nanoseconds, rounded up, with the errors of CPython's
/// _PyTime_FromSecondsObject: a float (NaN refused) or any integer (via __index__).
bool timeout_ns(Value v, int64_t* out) {
  if (isinstance(v, &float_type)) {  // float subclasses too (PyFloat_Check)
    double d = float_value(v);
    if (std::isnan(d)) {
      raise(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    d = std::ceil(d * 1e9);
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
      raise(&exc_OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    *out = static_cast<int64_t>(d);
    return true;
  }
  Ref i = number_index(v);
  if (!i) return false;
  int64_t n;
  if (!int_to_int64(i.get(), &n) || n > INT64_MAX / 1000000000 || n < INT64_MIN / 1000000000) {
    clear_exception();
    raise(&exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    return false;
  }
  *out = n * 1000000000;
  return true;
}

Ref get_item(SimpleQueueObject* q, bool block, Value timeout_obj) {
  using Clock = std::chrono::steady_clock;
  int64_t timeout_us = -1;  // forever
  Clock::time_point deadline{};
  if (!block) {
    timeout_us = 0;
  } else if (timeout_obj && !is_none(timeout_obj)) {
    int64_t ns;
    if (!timeout_ns(timeout_obj, &ns)) return Ref();
    if (ns < 0) return raise(&exc_ValueError, "'timeout' must be a non-negative number");
    timeout_us = ns / 1000 + (ns % 1000 != 0);  // rounded up
    if (timeout_us > kTimeoutMaxUs) return raise(&exc_OverflowError, "timeout value is too large");
    deadline = steady_deadline(timeout_us);
  }
  while (is_empty(q)) {
    NativeLock::Result r = q->lock.acquire(timeout_us != 0, timeout_us);
    if (r == NativeLock::Result::Interrupted) {
      if (!handle_eval_breaker()) return Ref();  // a signal handler raised (KeyboardInterrupt)
    } else if (r == NativeLock::Result::TimedOut) {
      return set_exception(
          make_exception(static_cast<TypeObject*>(g_empty.get().obj()), nullptr, 0));
    } else {
      CriticalSection cs(q);
      q->locked = true;
    }
    if (timeout_us > 0) {
      auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
      timeout_us = std::max<int64_t>(0, left.count());
    }
  }
  Ref item = pop_item(q);
  bool release;
  {
    CriticalSection cs(q);
    release = q->locked;
    q->locked = false;
  }
  if (release) q->lock.release();
  return item;
}

/// get(block=True, timeout=None): the first item, waiting (without the GIL) up to `timeout`
/// seconds, forever when it is None; raises Empty when none came.
Ref sq_get(Value self, NativeArgs& a) { return get_item(sq(self), a.flag(0), a[1]); }
Ref sq_get_nowait(Value self, NativeArgs&) { return get_item(sq(self), false, Value()); }

Ref sq_empty(Value self, NativeArgs&) { return bool_ref(is_empty(sq(self))); }
Ref sq_qsize(Value self, NativeArgs&) {
  CriticalSection cs(sq(self));
  return int_from_int64(static_cast<int64_t>(sq(self)->items.size()));
}
Ref sq_class_getitem(Value cls, NativeArgs& a) { return generic_alias_new(cls, a[0]); }

const NativeDef kSimpleQueueMethods[] = {
    {"put($self, /, item, block=True, timeout=None)", sq_put, 0,
     "Put the item on the queue.\n\nThe optional 'block' and 'timeout' arguments are ignored, as "
     "this method\nnever blocks.  They are provided for compatibility with the Queue class."},
    {"put_nowait($self, /, item)", sq_put_nowait, 0,
     "Put an item into the queue without blocking.\n\nThis is exactly equivalent to "
     "`put(item)` and is only provided\nfor compatibility with the Queue class."},
    {"get($self, /, block: bool = True, timeout=None)", sq_get, 0,
     "Remove and return an item from the queue.\n\nIf optional args 'block' is true and "
     "'timeout' is None (the default),\nblock if necessary until an item is available. If "
     "'timeout' is\na non-negative number, it blocks at most 'timeout' seconds and raises\nthe "
     "Empty exception if no item was available within that time.\nOtherwise ('block' is false), "
     "return an item if one is immediately\navailable, else raise the Empty exception ('timeout' "
     "is ignored\nin that case)."},
    {"get_nowait($self, /)", sq_get_nowait, 0,
     "Remove and return an item from the queue without blocking.\n\nOnly get an item if one is "
     "immediately available. Otherwise\nraise the Empty exception."},
    {"empty($self, /)", sq_empty, 0,
     "Return True if the queue is empty, False otherwise (not reliable!)."},
    {"qsize($self, /)", sq_qsize, 0, "Return the approximate size of the queue (not reliable!)."},
    {"__class_getitem__($type, alias, /)", sq_class_getitem, kNativeClassMethod, "See PEP 585"},
};

void ready_type() {
  simplequeue_type.name = "SimpleQueue";
  simplequeue_type.module = "_queue";
  simplequeue_type.flags = kTypeBaseType | kTypeWeakrefable;
  simplequeue_type.basic_size = sizeof(SimpleQueueObject);
  simplequeue_type.subclass_dict_offset = offsetof(SimpleQueueObject, dict);
  simplequeue_type.dealloc = simplequeue_dealloc;
  simplequeue_type.traverse = simplequeue_traverse;
  simplequeue_type.clear = simplequeue_clear;
  simplequeue_type.new_ = simplequeue_new;
  type_ready(&simplequeue_type, &object_type);
  add_methods(&simplequeue_type, kSimpleQueueMethods);
  add_attr(&simplequeue_type, "__doc__", str_new("Simple, unbounded, reentrant FIFO queue.").get());
}

}  // namespace

bool init__queue(Value, DictObject* ns) {
  // The type and the exception are made once: a fresh import (test.support's
  // import_fresh_module) gets the same objects, as CPython's static state would.
  if (simplequeue_type.dict == nullptr) ready_type();
  if (!g_empty) {
    g_empty = new_exception_class("_queue", "Empty", &exc_Exception);
    if (!g_empty) return false;
    Ref doc = str_new("Exception raised by Queue.get(block=0)/get_nowait().");
    if (!setattr(g_empty.get(), intern("__doc__"), doc.get())) return false;
  }
  dict_set_cstr(ns, "SimpleQueue", Value(&simplequeue_type));
  dict_set_cstr(ns, "Empty", g_empty.get());
  dict_set_cstr(ns, "__doc__",
                str_new("C implementation of the Python queue module.\nThis "
                        "module is an implementation detail, please do not use "
                        "it directly.")
                    .get());
  return true;
}

}  // namespace minipy::lib
