// The sys module: argv, path, modules, std streams, version, exit, recursion limit, switch
// interval, exc_info, intern-free basics.
#include <cfloat>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <cfloat>
#include <string>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/int_str_limit.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/namespace.h"
#include "runtime/state/thread_state.h"
#include "vm/frame_object.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/stop_the_world.h"
#include "stdlib/native/io.h"
#include "stdlib/native/structseq.h"
#include "stdlib/registry.h"
#include "vm/code_cache.h"
#include "vm/frame.h"
#include "vm/interpreter.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref sys_exit(Value, NativeArgs& a) {
  // sys.exit() and sys.exit(None) both raise SystemExit() with no args, as CPython's
  // PyErr_SetObject(SystemExit, None) does.
  // A tuple is the exception's arguments (sys.exit((42,)) exits with 42, as CPython's
  // _PyErr_CreateException calls SystemExit(*tuple)).
  Value status = a[0];
  Ref e = is_none(status)      ? make_exception(&exc_SystemExit, nullptr, 0)
          : is_tuple(status) ? make_exception(&exc_SystemExit, as_tuple(status)->items(),
                                              as_tuple(status)->size)
                             : make_exception(&exc_SystemExit, &status, 1);
  if (!e) return e;
  return set_exception(std::move(e));
}

Ref sys_getrecursionlimit(Value, NativeArgs&) { return Ref::small(interp().recursion_limit); }

Ref sys_setrecursionlimit(Value, NativeArgs& a) {
  int n = a.i32(0);
  if (n < 1) return raise(&exc_ValueError, "recursion limit must be greater or equal than 1");
  // A limit at or below the current depth would make every call fail, even the one that puts
  // the limit back (CPython refuses it the same way).
  int depth = tstate()->recursion_depth;
  if (depth >= n) {
    return raise_fmt(
        &exc_RecursionError,
        "cannot set the recursion limit to {} at the recursion depth {}: the limit is too low", n,
        depth);
  }
  interp().recursion_limit = std::min(n, 1 << 30);
  return none_ref();
}

/// sys._getframe(depth=0): the frame object `depth` calls up from the caller.
Ref sys_getframe(Value, NativeArgs& a) {
  int64_t depth = a.i64(0);
  vm::Frame* f = vm::current_frame();
  for (; f != nullptr && depth > 0; depth--) f = f->back;
  if (f == nullptr || depth < 0) return raise(&exc_ValueError, "call stack is not deep enough");
  return vm::frame_object(f);
}

/// sys.settrace/sys.setprofile: the calling thread's trace or profile function (None: off);
/// vm/trace.h reports the events.
Ref sys_settrace(Value, NativeArgs& a) {
  thread_set_hook(tstate(), a[0], false);
  return none_ref();
}
Ref sys_setprofile(Value, NativeArgs& a) {
  thread_set_hook(tstate(), a[0], true);
  return none_ref();
}
Ref sys_gettrace(Value, NativeArgs&) {
  ThreadState* ts = tstate();
  return ts->trace_func ? ts->trace_func.dup() : none_ref();
}
Ref sys_getprofile(Value, NativeArgs&) {
  ThreadState* ts = tstate();
  return ts->profile_func ? ts->profile_func.dup() : none_ref();
}

Ref sys_is_finalizing(Value, NativeArgs&) { return Ref::new_ref(Bool(interp().finalizing.load())); }

StructSeqType g_asyncgen_hooks_type;

/// sys.get_asyncgen_hooks(): this thread's (firstiter, finalizer), None where unset.
Ref sys_get_asyncgen_hooks(Value, NativeArgs&) {
  ThreadState* ts = tstate();
  Ref items[2] = {ts->asyncgen_firstiter ? ts->asyncgen_firstiter.dup() : none_ref(),
                  ts->asyncgen_finalizer ? ts->asyncgen_finalizer.dup() : none_ref()};
  return structseq_new(&g_asyncgen_hooks_type, items);
}

/// sys.set_asyncgen_hooks(firstiter=..., finalizer=...): an omitted one is left as it is.
Ref sys_set_asyncgen_hooks(Value, NativeArgs& a) {
  const char* what[2] = {"firstiter", "finalizer"};
  for (int i = 0; i < 2; i++) {
    if (a.given(i) && !is_none(a[i]) && !callable(a[i]))
      return raise_fmt(&exc_TypeError, "callable {} expected, got {}", what[i], type_name(a[i]));
  }
  ThreadState* ts = tstate();
  if (a.given(0)) ts->asyncgen_firstiter = is_none(a[0]) ? Ref() : Ref::new_ref(a[0]);
  if (a.given(1)) ts->asyncgen_finalizer = is_none(a[1]) ? Ref() : Ref::new_ref(a[1]);
  return none_ref();
}

/// sys.set_coroutine_origin_tracking_depth(depth): how many frames cr_origin records for the
/// coroutines this thread creates from now on (asyncio's debug mode sets it).
Ref sys_set_coroutine_origin_tracking_depth(Value, NativeArgs& a) {
  int depth = a.i32(0);
  if (depth < 0) return raise(&exc_ValueError, "depth must be >= 0");
  tstate()->coroutine_origin_tracking_depth = depth;
  return none_ref();
}

Ref sys_get_coroutine_origin_tracking_depth(Value, NativeArgs&) {
  return Ref::small(tstate()->coroutine_origin_tracking_depth);
}

Ref sys_getswitchinterval(Value, NativeArgs&) {
  return float_new(static_cast<double>(gil_interval_us()) / 1e6);
}

Ref sys_setswitchinterval(Value, NativeArgs& a) {
  double d = a.f64(0);
  if (d <= 0) return raise(&exc_ValueError, "switch interval must be strictly positive");
  gil_set_interval_us(static_cast<uint64_t>(d * 1e6));
  return none_ref();
}

// sys.setcheckinterval / sys.getcheckinterval: CPython <= 3.8's check interval, which drove the
// pre-3.2 GIL's release every N "ticks". CPython 3.9 removed them, so sys has them only while
// the `ticks` policy runs (-X gil-policy=ticks or gil.set_policy): old programs written for that
// GIL then tune it as they did (issue 11). As in 3.1, no DeprecationWarning.
Ref sys_setcheckinterval(Value, NativeArgs& a) {
  gil_set_ticks(static_cast<uint64_t>(std::max<int64_t>(a.i64(0), 1)));  // <= 0: every tick
  return none_ref();
}

Ref sys_getcheckinterval(Value, NativeArgs&) {
  return int_from_int64(static_cast<int64_t>(gil_ticks()));
}

const NativeDef kCheckIntervalFunctions[] = {
    {"setcheckinterval($module, n: int, /)", sys_setcheckinterval},
    {"getcheckinterval($module, /)", sys_getcheckinterval},
};

Value g_sys_module;  // set by init_sys; the sys module lives until the process ends
DictObject* g_sys_ns = nullptr;

Ref sys_exc_info(Value, NativeArgs&) {
  ThreadState* ts = tstate();
  Value e = ts->handled.empty() ? Value() : ts->handled.back().get();
  if (!e || is_none(e)) return tuple_of({None(), None(), None()});
  Ref tb = getattr(e, intern("__traceback__"));
  if (!tb) return tb;
  return tuple_of({Value(type_of(e)), e, tb.get()});
}

/// What _current_frames/_current_exceptions report of one thread.
struct ThreadView {
  uint64_t ident;
  vm::Frame* frame;  // innermost, or null
  Ref handled;       // the exception it handles, or null
};

/// Every thread's view, read under threads_mutex (a finishing thread unregisters, and frees its
/// state, without the GIL). Used with the GIL held (and, in the free-threaded build, the world
/// stopped): a thread that is not running Python code cannot pop the frames seen here before it
/// holds the GIL again.
std::vector<ThreadView> thread_views() {
  std::vector<ThreadView> out;
  std::lock_guard<std::mutex> g(interp().threads_mutex);
  for (ThreadState* ts : interp().threads) {
    Value e = ts->handled.empty() ? Value() : ts->handled.back().get();
    out.push_back({ts->ident, static_cast<vm::Frame*>(ts->frame),
                   e && !is_none(e) ? Ref::new_ref(e) : Ref()});
  }
  return out;
}

Ref thread_key(uint64_t ident) { return int_from_bigint(BigInt::from_uint64(ident)); }

/// sys._current_frames(): {thread ident: its innermost frame} for the threads running Python
/// code (test_sys's threads wait for the test to end; without it they waited forever).
Ref sys_current_frames(Value, NativeArgs&) {
  StopTheWorld stw;
  Ref d = dict_new();
  for (ThreadView& t : thread_views()) {
    if (t.frame == nullptr) continue;
    Ref fo = vm::frame_object(t.frame);
    Ref key = thread_key(t.ident);
    if (!fo || !key || !dict_set(as_dict(d.get()), key.get(), fo.get())) return Ref();
  }
  return d;
}

/// sys._current_exceptions(): {thread ident: sys.exc_info() of that thread}, as CPython 3.11.
Ref sys_current_exceptions(Value, NativeArgs&) {
  StopTheWorld stw;
  Ref d = dict_new();
  for (ThreadView& t : thread_views()) {
    Ref info;
    if (!t.handled) {
      info = tuple_of({None(), None(), None()});
    } else {
      Ref tb = getattr(t.handled.get(), intern("__traceback__"));
      if (!tb) return tb;
      info = tuple_of({Value(type_of(t.handled.get())), t.handled.get(), tb.get()});
    }
    Ref key = thread_key(t.ident);
    if (!key || !dict_set(as_dict(d.get()), key.get(), info.get())) return Ref();
  }
  return d;
}

Ref sys_exception(Value, NativeArgs&) {
  ThreadState* ts = tstate();
  Value e = ts->handled.empty() ? Value() : ts->handled.back().get();
  return Ref::new_ref(e ? e : None());
}

Ref sys_intern(Value, NativeArgs& a) {
  if (!is_str_exact(a[0])) return raise_fmt(&exc_TypeError, "can't intern {}", type_name(a[0]));
  return intern_ref(Ref::new_ref(a[0]));
}

Ref sys_is_gil_enabled(Value, NativeArgs&) { return bool_ref(gil_enabled()); }

Ref sys_getrefcount(Value, NativeArgs& a) {
  if (!a[0].is_object()) return Ref::small(1000000000);
  uint32_t rc = refcount_total(a[0].obj());
  return int_from_int64(rc == kImmortal ? 4294967295LL : rc + 1);
}

// CPython's _PySys_GetSizeOf: the object's __sizeof__() plus the collector's header for types it
// tracks; with `default`, a TypeError (no __sizeof__, or a non-int result) gives the default.
Ref sys_getsizeof(Value, NativeArgs& a) {
  bool found = false;
  Ref result = call_special(a[0], intern("__sizeof__"), nullptr, 0, &found);
  if (!found && !error_pending()) {
    raise_fmt(&exc_TypeError, "Type {} doesn't define __sizeof__", type_name(a[0]));
  }
  int64_t size = 0;
  if (result) {
    if (!is_int(result.get())) {
      raise(&exc_TypeError, "an integer is required");
    } else if (int_to_int64(result.get(), &size) && size < 0) {
      raise(&exc_ValueError, "__sizeof__() should return >= 0");
    }
  }
  if (error_pending()) {
    if (a.given(1) && exception_matches(&exc_TypeError)) {
      clear_exception();
      return Ref::new_ref(a[1]);
    }
    return Ref();
  }
  return int_from_int64(size + (type_of(a[0])->traverse ? 16 : 0));
}

Ref sys_displayhook(Value, NativeArgs& a) {
  if (is_none(a[0])) return none_ref();
  // As CPython's sys_displayhook: builtins._ is None while repr runs (so a repr that reads _
  // does not see the previous value), and a missing or None sys.stdout is a RuntimeError.
  if (!dict_set_cstr(interp().builtins_dict(), "_", None())) return Ref();
  Ref out = getattr_opt(interp().sys.get(), names::stdout_);
  if (!out && error_pending()) return out;
  if (!out || is_none(out.get())) return raise(&exc_RuntimeError, "lost sys.stdout");
  Ref r = repr(a[0]);
  if (!r) return r;
  std::string s = std::string(as_str(r.get())->view()) + "\n";
  Ref text = str_new(s);
  Value v = text.get();
  if (!call_method(out.get(), names::write, &v, 1)) return Ref();
  dict_set_cstr(interp().builtins_dict(), "_", a[0]);
  return none_ref();
}

Ref sys_excepthook(Value, NativeArgs& a) {
  if (type_of(a[1])->flags & kTypeException) {
    vm::print_exception(a[1]);
  } else {
    std::string s;
    if (!str_text(a[1], &s)) clear_exception();
    Ref err = getattr(interp().sys.get(), names::stderr_);
    if (err) {
      Ref t = str_new(s + "\n");
      Value v = t.get();
      if (!call_method(err.get(), names::write, &v, 1)) clear_exception();
    }
    clear_exception();
  }
  return none_ref();
}

Ref sys_getdefaultencoding(Value, NativeArgs&) { return str_new("utf-8"); }
Ref sys_getfilesystemencoding(Value, NativeArgs&) { return str_new("utf-8"); }
Ref sys_getfilesystemencodeerrors(Value, NativeArgs&) { return str_new("surrogateescape"); }

Ref sys_get_int_max_str_digits(Value, NativeArgs&) { return int_from_int64(int_max_str_digits()); }

Ref sys_set_int_max_str_digits(Value, NativeArgs& a) {
  int n = a.i32(0);
  if (n != 0 && n < kIntMaxStrDigitsThreshold) {
    return raise_fmt(&exc_ValueError, "maxdigits must be 0 or larger than {}",
                     kIntMaxStrDigitsThreshold);
  }
  set_int_max_str_digits(n);
  return none_ref();
}

// Audit hooks (PEP 578): sys.audit(event, *args) calls each hook added by sys.addaudithook with
// (event, args). The runtime raises no audit events of its own yet; the library's do (tempfile,
// os, ...). The list lives for the process, as CPython's runtime-wide hooks do.
Ref& audit_hooks() {
  static Ref hooks = list_new();
  return hooks;
}

Ref sys_audit(Value, const Value* argv, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0) return raise(&exc_TypeError, "sys.audit() takes no keyword arguments");
  if (nargs == 0) return raise(&exc_TypeError, "audit() missing 1 required positional argument: 'event'");
  auto* hooks = as_list(audit_hooks().get());
  if (hooks->items.empty()) return none_ref();  // without hooks CPython checks nothing more
  if (!is_str(argv[0])) {
    return raise_fmt(&exc_TypeError, "expected str for argument 'event', not {}", type_name(argv[0]));
  }
  Ref args = tuple_from(argv + 1, nargs - 1);
  Ref snapshot = list_from(hooks->items.data(), hooks->items.size());  // hooks may add hooks
  for (Value hook : as_list(snapshot.get())->items) {
    Value ca[2] = {argv[0], args.get()};
    if (!call(hook, ca, 2)) return Ref();
  }
  return none_ref();
}

Ref sys_addaudithook(Value, NativeArgs& a) {
  // Existing hooks may veto a new one by raising RuntimeError (then it is silently not added).
  Ref ev = str_new("sys.addaudithook");
  auto* hooks = as_list(audit_hooks().get());
  Ref snapshot = list_from(hooks->items.data(), hooks->items.size());
  for (Value hook : as_list(snapshot.get())->items) {
    Ref empty = tuple_empty();
    Value ca[2] = {ev.get(), empty.get()};
    if (!call(hook, ca, 2)) {
      if (exception_matches(&exc_RuntimeError)) {
        clear_exception();
        return none_ref();
      }
      return Ref();
    }
  }
  list_append(hooks, a[0]);
  return none_ref();
}

const NativeDef kSysFunctions[] = {
    {"audit($module, event, /, *args)", nullptr, kNativeNoTextSig, nullptr, sys_audit},
    {"addaudithook($module, /, hook)", sys_addaudithook},
    {"exit($module, status=None, /)", sys_exit},
    {"get_int_max_str_digits($module, /)", sys_get_int_max_str_digits},
    {"set_int_max_str_digits($module, /, maxdigits: int)", sys_set_int_max_str_digits},
    {"getrecursionlimit($module, /)", sys_getrecursionlimit},
    {"setrecursionlimit($module, limit: int, /)", sys_setrecursionlimit},
    {"getswitchinterval($module, /)", sys_getswitchinterval},
    {"_getframe($module, depth: int = 0, /)", sys_getframe, kNativeNoTextSig},
    {"is_finalizing($module, /)", sys_is_finalizing},
    {"settrace($module, function, /)", sys_settrace, kNativeNoTextSig},
    {"gettrace($module, /)", sys_gettrace},
    {"setprofile($module, function, /)", sys_setprofile, kNativeNoTextSig},
    {"getprofile($module, /)", sys_getprofile},
    {"get_asyncgen_hooks($module, /)", sys_get_asyncgen_hooks},
    {"set_coroutine_origin_tracking_depth($module, /, depth: int)",
     sys_set_coroutine_origin_tracking_depth},
    {"get_coroutine_origin_tracking_depth($module, /)", sys_get_coroutine_origin_tracking_depth},
    {"set_asyncgen_hooks($module, /, firstiter=NULL, finalizer=NULL)", sys_set_asyncgen_hooks,
     kNativeNoTextSig},
    {"setswitchinterval($module, interval: double, /)", sys_setswitchinterval},
    {"exc_info($module, /)", sys_exc_info},
    {"_current_frames($module, /)", sys_current_frames},
    {"_current_exceptions($module, /)", sys_current_exceptions},
    {"exception($module, /)", sys_exception},
    {"intern($module, string: str, /)", sys_intern},
    {"_is_gil_enabled($module, /)", sys_is_gil_enabled},
    {"getrefcount($module, object, /)", sys_getrefcount},
    {"getsizeof($module, object, default=NULL)", sys_getsizeof, kNativeNoTextSig},
    {"getdefaultencoding($module, /)", sys_getdefaultencoding},
    {"getfilesystemencoding($module, /)", sys_getfilesystemencoding},
    {"getfilesystemencodeerrors($module, /)", sys_getfilesystemencodeerrors},
    {"displayhook($module, object, /)", sys_displayhook},
    {"excepthook($module, exctype, value, traceback, /)", sys_excepthook},
};

}  // namespace

void sys_unraisable_init(Value module, DictObject* ns);  // sys_unraisable.cpp
void sys_hooks_init(Value module, DictObject* ns);       // sys_hooks.cpp

void sys_sync_checkinterval() {
  if (g_sys_ns == nullptr) return;
  bool ticks = std::string_view(gil().name()) == "ticks";
  for (const NativeDef& d : kCheckIntervalFunctions) {
    std::string_view spec(d.spec);
    Ref name = str_new(spec.substr(0, spec.find('(')));
    bool present = !dict_get(g_sys_ns, name.get()).is_null();
    if (ticks && !present) {
      add_functions(g_sys_ns, g_sys_module, std::span<const NativeDef>(&d, 1));
    } else if (!ticks && present) {
      dict_del(g_sys_ns, name.get());
    }
  }
}

bool init_sys(Value module, DictObject* ns) {
  sys_unraisable_init(module, ns);
  g_sys_module = module;
  g_sys_ns = ns;
  sys_sync_checkinterval();
  sys_hooks_init(module, ns);
  InterpreterState& in = interp();
  Ref argv = list_new();
  for (const std::string& a : in.argv) list_append(as_list(argv.get()), str_new(a).get());
  dict_set_cstr(ns, "argv", argv.get());
  Ref path = list_new();
  for (const std::string& p : in.path) list_append(as_list(path.get()), str_new(p).get());
  dict_set_cstr(ns, "path", path.get());
  // importlib's hooks: empty until the first `import importlib` installs CPython's finders
  // (stdlib/lib/_frozen_importlib.py); minipy's native import does not need them.
  dict_set_cstr(ns, "meta_path", list_new().get());
  dict_set_cstr(ns, "path_hooks", list_new().get());
  dict_set_cstr(ns, "path_importer_cache", dict_new().get());
  dict_set_cstr(ns, "modules", in.modules.get());
  dict_set_cstr(ns, "executable", str_new(in.executable).get());
  dict_set_cstr(ns, "version", str_new("3.11.7 (minipy 0.1.0) [GCC]").get());
  dict_set_cstr(ns, "copyright",
                str_new("Copyright (c) the minipy authors.\nAll Rights Reserved.").get());
  static StructSeqType version_info_type;
  static const char* const kVersionFields[] = {"major", "minor", "micro", "releaselevel", "serial"};
  structseq_init_type(&version_info_type, "sys", "version_info", kVersionFields, 5, 5);
  Ref vi_items[5] = {Ref::small(3), Ref::small(11), Ref::small(7), str_new("final"), Ref::small(0)};
  Ref vi = structseq_new(&version_info_type, vi_items);
  structseq_forbid_new(&version_info_type);
  dict_set_cstr(ns, "version_info", vi.get());
  // sys.implementation: a types.SimpleNamespace, as CPython's (types.py takes the type from
  // it). cache_tag names importlib's .pyc files (x.<tag>.pyc), whose code marshal writes in
  // minipy's own format: "minipy-311-" and that format's version (vm/code_cache.h), so that
  // neither CPython's files nor another minipy build's are ever read as this build's. The
  // native import reads and writes the same files (one cache, vm/code_cache.h).
  Ref impl = namespace_new(nullptr);
  DictObject* impl_attrs = static_cast<NamespaceObject*>(impl.get().obj())->dict;
  dict_set_cstr(impl_attrs, "name", str_new("minipy").get());
  dict_set_cstr(impl_attrs, "cache_tag", str_new("minipy-311-" + vm::code_format_tag()).get());
  dict_set_cstr(impl_attrs, "version", vi.get());
  dict_set_cstr(impl_attrs, "hexversion", Ref::small(0x030B07F0).get());
#if defined(__x86_64__)
  dict_set_cstr(impl_attrs, "_multiarch", str_new("x86_64-linux-gnu").get());
#elif defined(__aarch64__)
  dict_set_cstr(impl_attrs, "_multiarch", str_new("aarch64-linux-gnu").get());
#endif
  dict_set_cstr(ns, "implementation", impl.get());
  static const char* const kHookFields[] = {"firstiter", "finalizer"};
  structseq_init_type(&g_asyncgen_hooks_type, "", "asyncgen_hooks", kHookFields, 2, 2);
  dict_set_cstr(ns, "hexversion", Ref::small(0x030B07F0).get());
  // sys.hash_info: the parameters of runtime/hash.h, under CPython's names.
  static StructSeqType hash_info_type;
  static const char* const kHashInfoFields[] = {
      "width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"};
  structseq_init_type(&hash_info_type, "sys", "hash_info", kHashInfoFields, 9, 9);
  Ref hi_items[9] = {Ref::small(64),        int_from_int64(static_cast<int64_t>(kHashModulus)),
                     Ref::small(kHashInf),  Ref::small(0),
                     Ref::small(kHashImag), str_new("siphash13"),
                     Ref::small(64),        Ref::small(128),
                     Ref::small(0)};
  dict_set_cstr(ns, "hash_info", structseq_new(&hash_info_type, hi_items).get());
  // sys.int_info: minipy's BigInt keeps 32-bit limbs (CPython: 30-bit digits in 32-bit words),
  // and the int/str conversion limit's defaults (runtime/int_str_limit.h).
  static StructSeqType int_info_type;
  static const char* const kIntInfoFields[] = {"bits_per_digit", "sizeof_digit",
                                               "default_max_str_digits",
                                               "str_digits_check_threshold"};
  structseq_init_type(&int_info_type, "sys", "int_info", kIntInfoFields, 4, 4);
  Ref ii_items[4] = {Ref::small(32), Ref::small(4), Ref::small(kIntMaxStrDigitsDefault),
                     Ref::small(kIntMaxStrDigitsThreshold)};
  dict_set_cstr(ns, "int_info", structseq_new(&int_info_type, ii_items).get());
  // sys.float_info: the C double's parameters (<cfloat>), as CPython reports them
  // (statistics reads mant_dig at import).
  static StructSeqType float_info_type;
  static const char* const kFloatInfoFields[] = {"max",     "max_exp", "max_10_exp", "min",   "min_exp", "min_10_exp",
                                                 "dig",     "mant_dig", "epsilon",   "radix", "rounds"};
  structseq_init_type(&float_info_type, "sys", "float_info", kFloatInfoFields, 11, 11);
  Ref fi_items[11] = {float_new(DBL_MAX),       Ref::small(DBL_MAX_EXP), Ref::small(DBL_MAX_10_EXP),
                      float_new(DBL_MIN),       Ref::small(DBL_MIN_EXP), Ref::small(DBL_MIN_10_EXP),
                      Ref::small(DBL_DIG),      Ref::small(DBL_MANT_DIG), float_new(DBL_EPSILON),
                      Ref::small(FLT_RADIX),    Ref::small(FLT_ROUNDS)};
  dict_set_cstr(ns, "float_info", structseq_new(&float_info_type, fi_items).get());
  // sys.flags: the command-line switches (InterpreterState::flags).
  static StructSeqType flags_type;
  static const char* const kFlagFields[] = {"debug",
                                            "inspect",
                                            "interactive",
                                            "optimize",
                                            "dont_write_bytecode",
                                            "no_user_site",
                                            "no_site",
                                            "ignore_environment",
                                            "verbose",
                                            "bytes_warning",
                                            "quiet",
                                            "hash_randomization",
                                            "isolated",
                                            "dev_mode",
                                            "utf8_mode",
                                            "warn_default_encoding",
                                            "safe_path",
                                            "int_max_str_digits"};
  structseq_init_type(&flags_type, "sys", "flags", kFlagFields, 18, 18);
  const InterpreterState::Flags& f = in.flags;
  Ref flag_items[18] = {Ref::small(0),
                        Ref::small(f.inspect),
                        Ref::small(f.inspect),
                        Ref::small(f.optimize),
                        Ref::small(f.dont_write_bytecode),
                        Ref::small(f.no_user_site),
                        Ref::small(f.no_site),
                        Ref::small(f.ignore_environment),
                        Ref::small(f.verbose),
                        Ref::small(f.bytes_warning),
                        Ref::small(f.quiet),
                        Ref::small(hash_randomized() ? 1 : 0),
                        Ref::small(f.isolated),
                        bool_ref(f.dev_mode),
                        // utf8_mode 1: minipy's text I/O, file names and stdio are UTF-8 whatever
                        // the locale says (Python's UTF-8 mode, PEP 540).
                        Ref::small(1),
                        Ref::small(0),
                        bool_ref(f.safe_path),
                        Ref::small(f.int_max_str_digits)};
  dict_set_cstr(ns, "flags", structseq_new(&flags_type, flag_items).get());
  structseq_forbid_new(&flags_type);
  // Where .pyc files go (vm/code_cache.h): -X pycache_prefix=PATH, else PYTHONPYCACHEPREFIX, as
  // in CPython; else, unlike CPython (None: __pycache__ beside each source), minipy's cache
  // directory, so that nothing is ever written next to CPython's library. With no directory
  // to name (no HOME), nothing is written at all.
  std::string prefix;
  if (auto it = in.xoptions.find("pycache_prefix"); it != in.xoptions.end()) {
    prefix = it->second;
  } else if (const char* env =
                 f.ignore_environment ? nullptr : std::getenv("PYTHONPYCACHEPREFIX")) {
    prefix = env;
  }
  if (prefix.empty()) prefix = vm::default_pycache_prefix();
  dict_set_cstr(ns, "pycache_prefix", prefix.empty() ? None() : str_new(prefix).get());
  // Read by the compiled-code cache at every import (vm/import.cpp); a program may set it.
  dict_set_cstr(ns, "dont_write_bytecode",
                bool_ref(f.dont_write_bytecode != 0 || prefix.empty()).get());
  // The installation prefix is the one CPython's library (which minipy runs on) lives under:
  // <prefix>/lib/python3.11. No virtual environments, so base_* are the same.
  {
    std::string lib = cpython_lib_dir();
    std::string prefix = "/usr";
    size_t cut = lib.rfind("/lib/");
    if (cut != std::string::npos) prefix = cut == 0 ? "/" : lib.substr(0, cut);
    for (const char* n : {"prefix", "base_prefix", "exec_prefix", "base_exec_prefix"}) {
      dict_set_cstr(ns, n, str_new(prefix).get());
    }
  }
  dict_set_cstr(ns, "platlibdir", str_new("lib").get());
  dict_set_cstr(ns, "float_repr_style", str_new("short").get());
  dict_set_cstr(ns, "maxunicode", Ref::small(0x10FFFF).get());
  dict_set_cstr(ns, "api_version", Ref::small(1013).get());
  dict_set_cstr(ns, "abiflags", str_new("").get());
  // sys.thread_info: POSIX threads; locks are a mutex with a condition variable.
  static StructSeqType thread_info_type;
  static const char* const kThreadInfoFields[] = {"name", "lock", "version"};
  structseq_init_type(&thread_info_type, "sys", "thread_info", kThreadInfoFields, 3, 3);
  Ref ti_items[3] = {str_new("pthread"), str_new("mutex+cond"), none_ref()};
  dict_set_cstr(ns, "thread_info", structseq_new(&thread_info_type, ti_items).get());
  dict_set_cstr(ns, "platform", str_new("linux").get());
  dict_set_cstr(ns, "byteorder", str_new("little").get());
  dict_set_cstr(ns, "maxsize", int_from_int64(INT64_MAX).get());
  dict_set_cstr(ns, "implementation_name", str_new("minipy").get());
  {
    // The native modules (modules.def), sorted as CPython's tuple is; CPython's os.py reads it.
    std::vector<std::string_view> natives = {
#define NATIVE_MODULE(name, init) #name,
#include "stdlib/native/modules.def"
#undef NATIVE_MODULE
    };
    std::sort(natives.begin(), natives.end());
    Ref t = tuple_new(natives.size());
    for (size_t i = 0; i < natives.size(); i++)
      tuple_set_steal(as_tuple(t.get()), i, str_new(natives[i]).release());
    dict_set_cstr(ns, "builtin_module_names", t.get());
    Ref names = set_new(&frozenset_type);
    for (std::string_view n : cpython_stdlib_module_names())
      set_add(as_set(names.get()), str_new(n).get());
    dict_set_cstr(ns, "stdlib_module_names", names.get());
  }
  Ref xo = dict_new();
  for (auto& [k, v] : in.xoptions)
    dict_set(as_dict(xo.get()), str_new(k).get(), v.empty() ? True() : str_new(v).get());
  dict_set_cstr(ns, "_xoptions", xo.get());
  // -W options and friends (InterpreterState::warnoptions); warnings.py applies them at import.
  Ref warnoptions = list_new();
  for (const std::string& w : in.warnoptions) list_append(as_list(warnoptions.get()), str_new(w).get());
  dict_set_cstr(ns, "warnoptions", warnoptions.get());
  // UTF-8 streams first; PYTHONIOENCODING and -u are applied once imports work
  // (reopen_std_streams, from main).
  Ref out = make_std_stream(1, false);
  Ref err = make_std_stream(2, false);
  Ref in_f = make_std_stream(0, false);
  if (!out || !err || !in_f) return false;
  for (auto [n, v] : {std::pair{"stdout", out.get()},
                      {"stderr", err.get()},
                      {"stdin", in_f.get()},
                      {"__stdout__", out.get()},
                      {"__stderr__", err.get()},
                      {"__stdin__", in_f.get()}}) {
    dict_set_cstr(ns, n, v);
  }
  add_functions(ns, module, kSysFunctions);
  dict_set_cstr(ns, "__excepthook__", dict_get_cstr(ns, "excepthook"));
  dict_set_cstr(ns, "__displayhook__", dict_get_cstr(ns, "displayhook"));
  return true;
}

}  // namespace minipy::lib
