// The interpreter loop: executes one frame's bytecode (vm/opcodes.def gives each opcode's stack
// semantics). Python-to-Python calls recurse through call_python_function; exceptions unwind
// through the frame's block stack. GIL check points (the eval breaker) sit at RESUME, at
// JUMP_BACKWARD and after calls, as in CPython 3.11; -X gil-checkpoints=every adds one after
// every instruction.
#include "vm/eval.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/exception_group.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"
#include "vm/dispatch.h"
#include "vm/frame_object.h"
#include "vm/import.h"
#include "vm/match.h"
#include "vm/opcode.h"
#include "vm/trace.h"

namespace minipy::vm {

using namespace rt;

// ---------------------------------------------------------------- frames

namespace {
// The per-thread frame stack (CPython 3.11's data stack): frames of plain calls are created and
// freed in LIFO order (the caller frees its callee's frame before returning; a frame object that
// outlives its call takes the frame's locals when it is freed, vm/frame_object.h), so they are
// carved from big chunks with a bump pointer instead
// of malloc: a call allocates nothing. Generator frames outlive their call and use malloc.
// Freeing resets the top to the freed frame, so a frame leaked by a failed call (a C++
// exception between frame_new and frame_free) is reclaimed when its caller's frame is freed.
struct FrameChunk {
  FrameChunk* prev;   // the chunk below (null for the first)
  char* saved_top;    // prev's top when this chunk was pushed
  char* limit;        // end of data
  alignas(16) char data[];
};
constexpr size_t kFrameChunkBytes = 256 * 1024;

// Trivially destructible and constant-initialised, so that the thread_local is reached with one
// %fs-relative access and no init-guard check on every call; the chunks are freed at thread exit
// by FrameStackReaper, armed by the first push_chunk.
struct FrameStack {
  FrameChunk* chunk;  // the chunk `top` points into
  FrameChunk* spare;  // one popped chunk kept to avoid malloc churn at a chunk edge
  char* top;
  char* limit;

  [[gnu::noinline]] void* push_chunk(size_t bytes);
  [[gnu::noinline]] void pop_to(char* p);
  void release_all();
};
constinit thread_local FrameStack t_frame_stack{};

struct FrameStackReaper {
  bool armed = false;
  ~FrameStackReaper() { t_frame_stack.release_all(); }
};
thread_local FrameStackReaper t_frame_stack_reaper;

void FrameStack::release_all() {
  std::free(spare);
  spare = nullptr;
  while (chunk != nullptr) {
    FrameChunk* prev = chunk->prev;
    std::free(chunk);
    chunk = prev;
  }
  top = limit = nullptr;
}

void* FrameStack::push_chunk(size_t bytes) {
  t_frame_stack_reaper.armed = true;  // registers the thread-exit cleanup (once per thread)
  FrameChunk* c = nullptr;
  if (spare != nullptr && static_cast<size_t>(spare->limit - spare->data) >= bytes) {
    c = spare;
    spare = nullptr;
  } else {
    size_t size = std::max(kFrameChunkBytes, sizeof(FrameChunk) + bytes);
    c = static_cast<FrameChunk*>(std::malloc(size));
    if (c == nullptr) throw std::bad_alloc();  // MemoryError at the eval loop's boundary
    c->limit = reinterpret_cast<char*>(c) + size;
  }
  c->prev = chunk;
  c->saved_top = top;
  chunk = c;
  top = c->data + bytes;
  limit = c->limit;
  return c->data;
}

void FrameStack::pop_to(char* p) {
  // Pop whole chunks until p lies in the current one (normally none: p is the top frame).
  while (chunk != nullptr && !(p >= chunk->data && p < chunk->limit)) {
    FrameChunk* c = chunk;
    chunk = c->prev;
    top = c->saved_top;
    limit = chunk != nullptr ? chunk->limit : nullptr;
    std::free(spare);
    spare = c;
  }
  if (chunk != nullptr) top = p;
}

/// Memory for a frame of `code`, and its header set; the locals and cells are NOT zeroed
/// (frame_new zeroes them all; frame_for_call writes the arguments and zeroes the rest).
inline Frame* frame_alloc(CodeObject* code, bool heap) {
  // Frames stay 16-byte aligned on the stack.
  size_t bytes = (sizeof(Frame) + sizeof(Value) * code->frame_size + 15) & ~size_t{15};
  void* mem;
  if (heap) [[unlikely]] {
    mem = std::malloc(bytes);
    if (mem == nullptr) throw std::bad_alloc();  // MemoryError at the eval loop's boundary
  } else {
    FrameStack& fs = t_frame_stack;
    if (static_cast<size_t>(fs.limit - fs.top) >= bytes) [[likely]] {
      mem = fs.top;
      fs.top += bytes;
    } else {
      mem = fs.push_chunk(bytes);
    }
  }
  // Default-initialised, not value-initialised: the block stack (24 entries) is only read up
  // to nblocks, so zeroing it on every call was wasted work.
  Frame* f = new (mem) Frame;
  f->code = code;
  f->func = nullptr;
  f->back = nullptr;
  f->globals = nullptr;
  f->builtins = nullptr;
  f->ip = 0;
  f->lasti = 0;
  f->nblocks = 0;
  f->generator = heap;
  f->yielded = false;
  f->owns_object = false;
  f->handled_base = 0;
  f->call_pops = 0;
  f->object = nullptr;
  f->sp = f->stack_base();
  return f;
}

/// Nulls [p, end): an explicit loop, not memset, because the range is a few slots and a libc
/// call costs more than the stores (the empty asm keeps GCC from turning it into one).
inline void zero_values(Value* p, Value* end) {
  for (; p < end; p++) {
    *p = Value();
    asm("" : : "r"(p) : "memory");
  }
}

inline void frame_release(Frame* f) {
  if (f->object != nullptr) [[unlikely]] {
    FrameObject* owned = f->owns_object ? f->object : nullptr;
    frame_object_detach(f);
    if (owned != nullptr) decref(Value(owned));
  }
  Value* v = f->fast();
  Value* end = f->sp;
  for (Value* p = v; p < end; p++) decref(*p);
  bool heap = f->generator;
  f->~Frame();
  if (heap) [[unlikely]] {
    std::free(f);
    return;
  }
  // LIFO: f is normally in the current chunk, and the top goes back to it.
  FrameStack& fs = t_frame_stack;
  char* p = reinterpret_cast<char*>(f);
  if (p >= fs.chunk->data && p < fs.limit) [[likely]] {
    fs.top = p;
  } else {
    fs.pop_to(p);
  }
}
}  // namespace

[[gnu::noinline]] Frame* frame_new(CodeObject* code, bool heap) {
  Frame* f = frame_alloc(code, heap);
  std::memset(static_cast<void*>(f->fast()), 0, sizeof(Value) * (code->nlocals + code->ncells));
  return f;
}

[[gnu::noinline]] void frame_free(Frame* f) { frame_release(f); }

Frame* current_frame() { return static_cast<Frame*>(tstate()->frame); }

// ---------------------------------------------------------------- errors

static Ref raise_name_error(StrObject* name, DictObject* globals = nullptr) {
  Ref e = make_exception(&exc_NameError, fmt::format("name '{}' is not defined", name->view()));
  if (!e) return e;
  if (globals) static_cast<BaseExceptionObject*>(e.obj())->name_error_globals = Ref::new_ref(Value(globals));
  exc_set_field(e.get(), "name", Value(name));
  return set_exception(std::move(e));
}

static Ref raise_unbound_local(StrObject* name) {
  return raise_fmt(&exc_UnboundLocalError, "cannot access local variable '{}' where it is not associated with a value",
                   name->view());
}

static Ref raise_unbound_free(StrObject* name) {
  return raise_fmt(&exc_NameError,
                   "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                   name->view());
}

/// Turns `raise X` operands into an exception instance.
static Ref make_raisable(Value v) {
  if (isinstance(v, &type_type) && (static_cast<TypeObject*>(v.obj())->flags & kTypeException)) {
    Ref e = call0(v);
    if (e && !(type_of(e.get())->flags & kTypeException)) {
      // ceval's do_raise names both with repr: "calling <class 'E'> ..., not <class 'type'>".
      Ref cls_repr = repr(v);
      if (!cls_repr) return cls_repr;
      Ref got_repr = repr(Value(type_of(e.get())));
      if (!got_repr) return got_repr;
      return raise_fmt(&exc_TypeError,
                       "calling {} should have returned an instance of BaseException, not {}",
                       as_str(cls_repr.get())->view(), as_str(got_repr.get())->view());
    }
    return e;
  }
  if (type_of(v)->flags & kTypeException) return Ref::new_ref(v);
  return raise(&exc_TypeError, "exceptions must derive from BaseException");
}

// ---------------------------------------------------------------- helpers used by opcodes

#ifndef MINIPY_FREE_THREADING
/// Attribute inline caches (AttrCacheEntry in vm/code.h): what generic_getattr/generic_setattr
/// would find for `name` on type `t`, recorded without running any Python code (type_lookup only
/// reads class dicts). Default build only; see AttrCacheEntry for why.
static void attr_cache_fill(AttrCacheEntry& c, TypeObject* t, StrObject* name) {
  c.type = t;
  c.epoch = type_epoch();
  c.get_ok = t->getattr == generic_getattr;
  c.set_ok = t->setattr == generic_setattr;
  c.method = false;
  Value descr = type_lookup(t, name);
  c.descr = descr;
  if (!descr) {
    c.kind = AttrCacheEntry::kInstance;
    return;
  }
  TypeObject* dt = type_of(descr);
  if (dt->descr_set != nullptr) {
    c.kind = AttrCacheEntry::kData;
    if (dt->descr_get == nullptr) c.get_ok = false;  // rare: a __set__ without __get__
    if (int64_t i = member_slot_index(descr, t); i >= 0) {
      c.kind = AttrCacheEntry::kSlot;
      c.hint = static_cast<uint32_t>(i);
    }
    return;
  }
  c.kind = AttrCacheEntry::kShadow;
  c.method = c.get_ok && (dt->flags & kTypeMethodLike) &&
             !(dt == &method_descr_type &&
               (static_cast<MethodDescrObject*>(descr.obj())->flags & (kNativeClassMethod | kNativeStaticMethod)));
}

/// The instance __dict__ of obj (of type t), or null.
static inline DictObject* cached_instance_dict(Value obj, TypeObject* t) {
  if (t->dict_offset == 0) return nullptr;
  return *reinterpret_cast<DictObject**>(reinterpret_cast<char*>(obj.obj()) + t->dict_offset);
}

/// generic_getattr through a filled entry (c.get_ok): false when it cannot decide (the name is
/// not in the instance __dict__ and the type has nothing either: the slow path raises).
static inline bool attr_cache_load(AttrCacheEntry& c, Value obj, TypeObject* t, StrObject* name, Ref* out) {
  Value descr = c.descr;
  Ref keep;
  if (c.kind != AttrCacheEntry::kData) {
    if (DictObject* d = cached_instance_dict(obj, t)) {
      // The lookup may run a key's __eq__, which may delete the class attribute: hold it, as
      // CPython's generic getattr does.
      if (c.kind != AttrCacheEntry::kInstance) keep = Ref::new_ref(descr);
      if (Value v = dict_get_str_hint(d, name, &c.hint)) {
        *out = Ref::new_ref(v);
        return true;
      }
      if (error_pending()) return false;
    }
    if (c.kind == AttrCacheEntry::kInstance) return false;
  }
  if (DescrGetFn get = type_of(descr)->descr_get) {
    *out = get(descr, obj, Value(t));
  } else {
    *out = Ref::new_ref(descr);
  }
  return true;
}
#endif

/// Float fast paths of BINARY_OP and COMPARE_OP: true when both operands are exact floats, or
/// one is and the other a small int that a double holds exactly (|i| <= 2**53, so comparisons
/// stay exact and arithmetic converts as int.__float__ would). Everything else takes the slot path.
static inline bool float_operands(Value a, Value b, double* x, double* y) {
  constexpr int64_t kExact = int64_t{1} << 53;
  if (is_float(a)) {
    *x = float_value(a);
    if (is_float(b)) {
      *y = float_value(b);
      return true;
    }
    if (b.is_small() && b.small() >= -kExact && b.small() <= kExact) {
      *y = static_cast<double>(b.small());
      return true;
    }
    return false;
  }
  if (is_float(b) && a.is_small() && a.small() >= -kExact && a.small() <= kExact) {
    *x = static_cast<double>(a.small());
    *y = float_value(b);
    return true;
  }
  return false;
}

/// + - * and / (non-zero divisor) on doubles, as float's slots compute them; false for the
/// other operators and for division by zero (the slot raises ZeroDivisionError).
static inline bool float_fast_arith(uint32_t op, double x, double y, double* out) {
  switch (static_cast<BinaryOp>(op)) {
    case BinaryOp::Add: *out = x + y; return true;
    case BinaryOp::Sub: *out = x - y; return true;
    case BinaryOp::Mul: *out = x * y; return true;
    case BinaryOp::TrueDiv:
      if (y == 0.0) return false;
      *out = x / y;
      return true;
    default: return false;
  }
}

/// An exact float operand that only the value stack refers to: a float operation may write its
/// result into it instead of allocating one and freeing the operand (CPython >= 3.12 does the
/// same in its specialised float instructions). Floats are immutable only to code that can see
/// them, and nothing else can see this one.
static inline bool reusable_float(Value v) { return is_float(v) && is_uniquely_referenced(v.obj()); }

static inline bool float_compare(CmpOp op, double x, double y) {
  switch (op) {
    case CmpOp::Lt: return x < y;
    case CmpOp::Le: return x <= y;
    case CmpOp::Eq: return x == y;
    case CmpOp::Ne: return x != y;
    case CmpOp::Gt: return x > y;
    case CmpOp::Ge: return x >= y;
  }
  return false;
}

static bool unpack_iterable(Value seq, int before, int after, bool has_star, Value* out_top) {
  // Writes values so that out_top[-1] is the first item (stack order), out_top[-n] the last.
  Ref items;
  if (type_of(seq) == &tuple_type || type_of(seq) == &list_type) {
    items = Ref::new_ref(seq);
  } else {
    Ref it = get_iter(seq);
    if (!it) {
      if (exception_matches(&exc_TypeError) && type_of(seq)->iter == nullptr && type_of(seq)->getitem == nullptr) {
        clear_exception();
        raise_fmt(&exc_TypeError, "cannot unpack non-iterable {} object", type_name(seq));
      }
      return false;
    }
    Ref l = list_new();
    for (;;) {
      Ref x = iter_next(it.get());
      if (!x) break;
      list_append_steal(as_list(l.get()), x.release());
      if (!has_star && static_cast<int>(as_list(l.get())->items.size()) > before) break;
    }
    if (error_pending()) return false;
    items = std::move(l);
  }
  const Value* data;
  size_t n;
  CriticalSection cs(items.get());  // a list another thread could resize while we copy out
  if (type_of(items.get()) == &tuple_type) {
    data = as_tuple(items.get())->items();
    n = as_tuple(items.get())->size;
  } else {
    data = as_list(items.get())->items.data();
    n = as_list(items.get())->items.size();
  }
  if (!has_star) {
    if (static_cast<int>(n) != before) {
      if (static_cast<int>(n) < before) {
        raise_fmt(&exc_ValueError, "not enough values to unpack (expected {}, got {})", before, n);
      } else {
        raise_fmt(&exc_ValueError, "too many values to unpack (expected {})", before);
      }
      return false;
    }
    for (int i = 0; i < before; i++) {
      incref(data[i]);
      out_top[-1 - i] = data[i];
    }
    return true;
  }
  if (static_cast<int>(n) < before + after) {
    raise_fmt(&exc_ValueError, "not enough values to unpack (expected at least {}, got {})", before + after, n);
    return false;
  }
  int k = 0;
  for (int i = 0; i < before; i++, k++) {
    incref(data[i]);
    out_top[-1 - k] = data[i];
  }
  Ref mid = list_from(data + before, n - before - after);
  out_top[-1 - k] = mid.release();
  k++;
  for (size_t i = n - after; i < n; i++, k++) {
    incref(data[i]);
    out_top[-1 - k] = data[i];
  }
  return true;
}

static Ref format_value(Value v, int conv, Value spec) {
  Ref converted;
  switch (conv) {
    case 1: converted = to_str(v); break;
    case 2: converted = repr(v); break;
    case 3: converted = ascii(v); break;
    default: converted = Ref::new_ref(v); break;
  }
  if (!converted) return converted;
  if (!spec && is_str_exact(converted.get())) return converted;
  Ref empty;
  if (!spec) {
    empty = str_empty();
    spec = empty.get();
  }
  return format(converted.get(), spec);
}

static Ref import_from(Value module, StrObject* name) {
  Ref r = getattr_opt(module, name);
  if (r || error_pending()) return r;
  // A submodule not yet bound as an attribute: look in sys.modules.
  Ref modname = getattr_opt(module, names::name);
  if (modname && is_str(modname.get())) {
    std::string full = std::string(as_str(modname.get())->view()) + "." + std::string(name->view());
    Value m = dict_get(as_dict(interp().modules.get()), str_new(full).get());
    if (m) return Ref::new_ref(m);
    Ref sub = import_module_absolute(full, true);
    if (sub || !clear_if_module_missing(full)) return sub;
  } else {
    clear_exception();
  }
  std::string mn = modname && is_str(modname.get()) ? std::string(as_str(modname.get())->view()) : "<unknown module name>";
  Ref file = getattr_opt(module, names::file);
  std::string msg;
  if (file && is_str(file.get())) {
    msg = fmt::format("cannot import name '{}' from '{}' ({})", name->view(), mn, as_str(file.get())->view());
  } else {
    clear_exception();
    msg = fmt::format("cannot import name '{}' from '{}' (unknown location)", name->view(), mn);
  }
  Ref e = make_exception(&exc_ImportError, msg);
  if (!e) return e;
  exc_set_field(e.get(), "name", str_new(mn).get());
  if (file && is_str(file.get())) exc_set_field(e.get(), "path", file.get());
  return set_exception(std::move(e));
}

static bool import_star(Value module, Frame* f) {
  DictObject* target = f->locals ? as_dict(f->locals.get()) : f->globals;
  Ref all = getattr_opt(module, names::all);
  if (all) {
    Ref it = get_iter(all.get());
    if (!it) return false;
    for (;;) {
      Ref n = iter_next(it.get());
      if (!n) return !error_pending();
      if (!is_str(n.get())) {
        raise(&exc_TypeError, "Item in __all__ must be str");
        return false;
      }
      Ref v = getattr(module, as_str(n.get()));
      if (!v || !dict_set(target, n.get(), v.get())) return false;
    }
  }
  if (error_pending()) return false;
  Ref d = getattr(module, names::dict);
  if (!d || !is_dict(d.get())) return false;
  size_t pos = 0;
  Value k, v;
  std::vector<std::pair<Value, Value>> items;
  while (dict_next(as_dict(d.get()), &pos, &k, &v)) {
    if (is_str(k) && !as_str(k)->view().starts_with("_")) items.emplace_back(k, v);
  }
  for (auto& [key, val] : items) {
    if (!dict_set(target, key, val)) return false;
  }
  return true;
}

static Ref build_map_from_stack(Value* items, int n) {
  Ref d = dict_new();
  for (int i = 0; i < n; i++) {
    if (!dict_set(as_dict(d.get()), items[2 * i], items[2 * i + 1])) return Ref();
  }
  return d;
}

static bool dict_merge_strict(Value target, Value src, Value func) {
  if (!is_dict(src)) {
    Ref keys_fn = getattr_opt(src, names::keys);
    if (!keys_fn) {
      if (!error_pending()) {
        raise_fmt(&exc_TypeError, "argument after ** must be a mapping, not {}", type_name(src));
      }
      return false;
    }
  }
  Ref tmp = dict_new();
  if (!dict_update(as_dict(tmp.get()), src)) return false;
  size_t pos = 0;
  Value k, v;
  while (dict_next(as_dict(tmp.get()), &pos, &k, &v)) {
    if (!is_str(k)) {
      raise(&exc_TypeError, "keywords must be strings");
      return false;
    }
    if (dict_get(as_dict(target), k)) {
      std::string fname = "function";
      if (func && is_function(func)) str_text(as_function(func)->qualname.get(), &fname);
      raise_fmt(&exc_TypeError, "{}() got multiple values for keyword argument '{}'", fname, as_str(k)->view());
      return false;
    }
    if (!dict_set(as_dict(target), k, v)) return false;
  }
  return true;
}

/// Fills a new frame's cells: a fresh cell per cellvar (holding the parameter it shadows, if
/// any) and the function's closure cells for its free variables.
static void init_cells(Frame* frame, FunctionObject* f) {
  CodeObject* co = frame->code;
  const CodeUnit& u = *co->unit;
  Value* cells = frame->cells();
  size_t ncellvars = co->cellvars.size();
  for (size_t i = 0; i < ncellvars; i++) {
    int arg = i < u.cell2arg.size() ? u.cell2arg[i] : -1;
    cells[i] = cell_new(arg >= 0 ? frame->fast()[arg] : Value()).release();
  }
  if (f->closure) {
    TupleObject* cl = as_tuple(f->closure.get());
    for (size_t i = 0; i < cl->size; i++) {
      incref(cl->at(i));
      cells[ncellvars + i] = cl->at(i);
    }
  }
}

static inline bool is_generator_code(const CodeObject* co) {
  return (co->unit->flags & (kCoGenerator | kCoCoroutine | kCoAsyncGenerator)) != 0;
}

/// A frame for calling `f` with these arguments, its locals bound and its cells made; on the
/// heap (generators) or on the frame stack. Null, with the exception set, when binding fails.
/// `steal` (positional calls only, kwnames null): on success the frame has taken over the
/// caller's references to the arguments, which the caller drops from its stack without a
/// decref (CPython's frames take their arguments over the same way); on failure nothing is
/// taken.
static inline Frame* frame_for_call(ThreadState* ts, FunctionObject* f, const Value* args,
                                    size_t nargs, TupleObject* kwnames, bool heap,
                                    bool steal = false) {
  CodeObject* co = f->co;
  const CodeUnit& u = *co->unit;
  Frame* frame = frame_alloc(co, heap);
  frame->func = f;
  frame->globals = as_dict(f->globals.get());
  frame->builtins = as_dict(ts->interp->builtins.get());
  Value* fast = frame->fast();
  if (kwnames == nullptr && static_cast<int>(nargs) == u.argcount && u.kwonlyargcount == 0 &&
      !(u.flags & (kCoVarargs | kCoVarkeywords))) [[likely]] {
    for (size_t i = 0; i < nargs; i++) {
      if (!steal) incref(args[i]);
      fast[i] = args[i];
    }
    zero_values(fast + nargs, fast + co->nlocals + co->ncells);
  } else {
    std::memset(static_cast<void*>(fast), 0, sizeof(Value) * (co->nlocals + co->ncells));
    if (!bind_arguments(f, frame, args, nargs, kwnames)) {
      frame_release(frame);
      return nullptr;
    }
    if (steal) {
      for (size_t i = 0; i < nargs; i++) decref(args[i]);  // bound (and counted) by now
    }
  }
  if (co->ncells > 0) init_cells(frame, f);
  return frame;
}

Ref call_python_function(FunctionObject* f, const Value* args, size_t nargs, TupleObject* kwnames) {
  bool is_gen = is_generator_code(f->co);
  Frame* frame = frame_for_call(tstate(), f, args, nargs, kwnames, is_gen);
  if (frame == nullptr) return Ref();
  if (is_gen) return generator_new(frame);
  Ref r = eval_frame(frame);
  frame_free(frame);
  return r;
}

Ref run_class_body(FunctionObject* body, DictObject* ns) {
  CodeObject* co = body->co;
  Frame* frame = frame_new(co, false);
  frame->func = body;
  frame->globals = as_dict(body->globals.get());
  frame->builtins = interp().builtins_dict();
  frame->locals = Ref::new_ref(Value(ns));
  if (co->ncells > 0) init_cells(frame, body);
  Ref r = eval_frame(frame);
  frame_free(frame);
  return r;
}

static inline bool recursion_enter(ThreadState* ts) {
  if (++ts->recursion_depth > ts->interp->recursion_limit || stack_exhausted(ts)) {
    --ts->recursion_depth;
    raise(&exc_RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  return true;
}

/// The frame the loop runs next for a call of `callable` from a CALL instruction (DESIGN.md,
/// "Frames"): a plain Python function (not a generator or coroutine) is run by the same loop,
/// without a C call, so Python recursion is bounded by the recursion limit and not by the C
/// stack. 1: `*out` is ready (the recursion depth counted); 0: not such a function (call it as
/// any callable); -1: an error is set (RecursionError, or the arguments did not bind).
static inline int inline_call_frame(ThreadState* ts, Value callable, const Value* args,
                                    size_t nargs, TupleObject* kwnames, Frame** out,
                                    bool steal = false) {
  if (!is_function(callable)) return 0;
  FunctionObject* fn = as_function(callable);
  if (is_generator_code(fn->co)) return 0;
  if (++ts->recursion_depth > ts->interp->recursion_limit) {
    --ts->recursion_depth;
    raise(&exc_RecursionError, "maximum recursion depth exceeded");
    return -1;
  }
  *out = frame_for_call(ts, fn, args, nargs, kwnames, false, steal);
  if (*out == nullptr) {
    --ts->recursion_depth;
    return -1;
  }
  return 1;
}

/// Calls any callable from the loop, taking the fast path for Python functions.
static inline Ref vm_call(ThreadState* ts, Value callable, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (is_function(callable)) {
    if (!recursion_enter(ts)) return Ref();
    Ref r = call_python_function(as_function(callable), args, nargs, kwnames);
    --ts->recursion_depth;
    return r;
  }
  return call(callable, args, nargs, kwnames);
}

// ---------------------------------------------------------------- the loop

Ref eval_frame(Frame* f, bool throwing) {
  ThreadState* ts = tstate();
  f->back = static_cast<Frame*>(ts->frame);
  ts->frame = f;
  if (f->ip == 0) f->handled_base = static_cast<int>(ts->handled.size());
  CodeObject* co = f->code;
  const uint32_t* first = co->code;
  const uint32_t* ip = first + f->ip;
  Value* sp = f->sp;
  Value* fast = f->fast();
  Value* cells = f->cells();
  Value* stack_base = f->stack_base();
  uint32_t insn = 0;
  Ref retval;
  bool reraise = false;
  f->yielded = false;
  Frame* callee = nullptr;  // a CALL's frame that this loop runs next (push_frame)
  int inline_depth = 0;     // frames this loop entered without a C call, above the entry frame

// The operand, read back from the instruction word that NEXT_INSN fetched: kept in `insn`, a
// variable live across the handlers' calls, it was stored to a stack slot at every dispatch.
#define ARG() (ip[-1] >> 8)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define THIRD() (sp[-3])
#define PEEK(n) (sp[-static_cast<long>(n)])
#define JUMPTO(t) (ip = first + (t))
#define SYNC() (f->sp = sp, f->ip = static_cast<int>(ip - first))
// The loop's registers for frame `f` (after entering a callee or returning to its caller).
#define LOAD_FRAME()                                                                 \
  (co = f->code, first = co->code, ip = first + f->ip, sp = f->sp, fast = f->fast(), \
   cells = f->cells(), stack_base = f->stack_base())
#define CHECK_BREAKER()                                 \
  do {                                                  \
    if (eval_breaker_set()) {                           \
      SYNC();                                           \
      if (!handle_eval_breaker()) goto error;           \
    }                                                   \
  } while (0)
// Statement-position only (`DISPATCH();`): in switch mode it ends in `continue`. With
// g_every_insn set, the next instruction goes through `every_insn` first.
#if MINIPY_COMPUTED_GOTO
#define DISPATCH()               \
  if (g_every_insn) [[unlikely]] \
    goto every_insn;             \
  NEXT_INSN()
#else
#define DISPATCH()               \
  if (g_every_insn) [[unlikely]] \
    goto every_insn;             \
  continue
#endif
// Whether some thread traces or profiles (vm/trace.h): the call/return/exception hooks' test.
#define TRACING() ((g_every_insn & kEveryInsnTrace) != 0)

#if MINIPY_COMPUTED_GOTO
#define OPCODE(name, operand, pops, pushes, flags) &&L_##name,
  static void* const kDispatchTable[] = {
#include "vm/opcodes.def"
  };
#undef OPCODE
#endif

  // The native-code boundary (issue 12): every native function and type slot is reached from a
  // handler below, so a C++ exception escaping one (std::bad_alloc from a huge allocation, a
  // library's std::length_error) is caught here, once, and becomes the pending Python exception
  // at the current instruction. The handler's locals (sp, ip) hold their values at the throw, so
  // unwinding from `error` sees a consistent stack; values a handler had already popped leak,
  // which is the price of never crashing. Native layers between here and the throw may have
  // skipped their recursion-depth and repr-stack bookkeeping: both go back to their entry values.
  const int entry_recursion_depth = ts->recursion_depth;
  const size_t entry_repr_depth = ts->repr_stack.size();
resume_after_cpp_exception:
  try {
  if (TRACING()) [[unlikely]] {
    SYNC();
    if (!trace_frame_enter(ts, f)) {
      if (ip == first) ip++;  // the error belongs to the frame's first instruction
      goto error;
    }
    if (!throwing) goto every_insn;
  }
  if (throwing) goto error;

  DISPATCH_LOOP_BEGIN

  TARGET(NOP) { DISPATCH(); }

  TARGET(RESUME) {
    CHECK_BREAKER();
    DISPATCH();
  }

  TARGET(POP_TOP) {
    decref(POP());
    DISPATCH();
  }
  TARGET(DUP_TOP) {
    Value v = TOP();
    incref(v);
    PUSH(v);
    DISPATCH();
  }
  TARGET(DUP_TOP_TWO) {
    Value a = SECOND(), b = TOP();
    incref(a);
    incref(b);
    PUSH(a);
    PUSH(b);
    DISPATCH();
  }
  TARGET(ROT_TWO) {
    std::swap(sp[-1], sp[-2]);
    DISPATCH();
  }
  TARGET(ROT_THREE) {
    Value top = sp[-1];
    sp[-1] = sp[-2];
    sp[-2] = sp[-3];
    sp[-3] = top;
    DISPATCH();
  }
  TARGET(ROT_FOUR) {
    Value top = sp[-1];
    sp[-1] = sp[-2];
    sp[-2] = sp[-3];
    sp[-3] = sp[-4];
    sp[-4] = top;
    DISPATCH();
  }

  TARGET(COPY) {
    Value v = PEEK(ARG());
    incref(v);
    PUSH(v);
    DISPATCH();
  }
  TARGET(SWAP) {
    std::swap(sp[-1], sp[-static_cast<long>(ARG())]);
    DISPATCH();
  }

  TARGET(LOAD_CONST) {
    Value v = co->consts[ARG()];
    incref(v);
    PUSH(v);
    DISPATCH();
  }
  TARGET(LOAD_FAST) {
    Value v = fast[ARG()];
    if (!v) {
      raise_unbound_local(co->varnames[ARG()]);
      goto error;
    }
    incref(v);
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_FAST) {
    Value old = fast[ARG()];
    fast[ARG()] = POP();
    decref(old);
    DISPATCH();
  }
  TARGET(DELETE_FAST) {
    Value old = fast[ARG()];
    if (!old) {
      raise_unbound_local(co->varnames[ARG()]);
      goto error;
    }
    fast[ARG()] = Value();
    decref(old);
    DISPATCH();
  }
  TARGET(LOAD_DEREF) {
    auto* cell = static_cast<CellObject*>(cells[ARG()].obj());
    Value v = cell->ref;
    if (!v) {
      size_t i = ARG();
      if (i < co->cellvars.size()) {
        raise_unbound_local(co->cellvars[i]);
      } else {
        raise_unbound_free(co->freevars[i - co->cellvars.size()]);
      }
      goto error;
    }
    incref(v);
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_DEREF) {
    auto* cell = static_cast<CellObject*>(cells[ARG()].obj());
    Value old = cell->ref;
    cell->ref = POP();
    decref(old);
    DISPATCH();
  }
  TARGET(DELETE_DEREF) {
    auto* cell = static_cast<CellObject*>(cells[ARG()].obj());
    Value old = cell->ref;
    if (!old) {
      raise_unbound_local(ARG() < co->cellvars.size() ? co->cellvars[ARG()] : co->freevars[ARG() - co->cellvars.size()]);
      goto error;
    }
    cell->ref = Value();
    decref(old);
    DISPATCH();
  }
  TARGET(LOAD_CLOSURE) {
    Value c = cells[ARG()];
    incref(c);
    PUSH(c);
    DISPATCH();
  }
  TARGET(LOAD_CLASSDEREF) {
    size_t i = ARG();
    StrObject* name = i < co->cellvars.size() ? co->cellvars[i] : co->freevars[i - co->cellvars.size()];
    if (f->locals) {
      Value v = dict_get_str(as_dict(f->locals.get()), name);
      if (v) {
        incref(v);
        PUSH(v);
        DISPATCH();
      }
    }
    Value v = static_cast<CellObject*>(cells[i].obj())->ref;
    if (!v) {
      raise_unbound_free(name);
      goto error;
    }
    incref(v);
    PUSH(v);
    DISPATCH();
  }
  TARGET(LOAD_GLOBAL) {
    StrObject* name = co->names[ARG()];
#ifndef MINIPY_FREE_THREADING
    GlobalCacheEntry& cached = co->global_cache[ARG()];
    if (cached.globals == f->globals && cached.builtins == f->builtins &&
        cached.globals_version == f->globals->version && cached.builtins_version == f->builtins->version) {
      incref(cached.value);
      PUSH(cached.value);
      DISPATCH();
    }
#endif
    [[maybe_unused]] uint64_t globals_version = f->globals->version, builtins_version = f->builtins->version;
    // New references taken under the dict's lock: another thread may rebind the global.
    Ref v = dict_get_str_ref(f->globals, name);
    if (!v) v = dict_get_str_ref(f->builtins, name);
    if (!v) {
      raise_name_error(name, f->globals);
      goto error;
    }
#ifndef MINIPY_FREE_THREADING
    // Cached only if the lookups changed nothing (a key's __eq__ may run Python code).
    if (globals_version == f->globals->version && builtins_version == f->builtins->version) {
      cached = GlobalCacheEntry{f->globals, f->builtins, globals_version, builtins_version, v.get()};
    }
#endif
    PUSH(v.release());
    DISPATCH();
  }
  TARGET(STORE_GLOBAL) {
    Value v = POP();
    bool ok = dict_set_str(f->globals, co->names[ARG()], v);
    decref(v);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(DELETE_GLOBAL) {
    int r = dict_del(f->globals, Value(co->names[ARG()]));
    if (r <= 0) {
      if (r == 0) raise_name_error(co->names[ARG()]);
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_NAME) {
    StrObject* name = co->names[ARG()];
    if (f->locals) {
      if (is_dict(f->locals.get()) && type_of(f->locals.get()) == &dict_type) {
        Ref r = dict_get_str_ref(as_dict(f->locals.get()), name);
        if (r) {
          PUSH(r.release());
          DISPATCH();
        }
      } else {
        Ref r = getitem(f->locals.get(), Value(name));
        if (r) {
          PUSH(r.release());
          DISPATCH();
        }
        if (!exception_matches(&exc_KeyError)) goto error;
        clear_exception();
      }
    }
    Ref held = dict_get_str_ref(f->globals, name);
    if (!held) held = dict_get_str_ref(f->builtins, name);
    if (!held) {
      raise_name_error(name, f->globals);
      goto error;
    }
    PUSH(held.release());
    DISPATCH();
  }
  TARGET(STORE_NAME) {
    Value v = POP();
    bool ok;
    if (f->locals) {
      ok = type_of(f->locals.get()) == &dict_type ? dict_set_str(as_dict(f->locals.get()), co->names[ARG()], v)
                                                  : setitem(f->locals.get(), Value(co->names[ARG()]), v);
    } else {
      ok = dict_set_str(f->globals, co->names[ARG()], v);
    }
    decref(v);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(DELETE_NAME) {
    DictObject* d = f->locals ? as_dict(f->locals.get()) : f->globals;
    int r = dict_del(d, Value(co->names[ARG()]));
    if (r <= 0) {
      if (r == 0) raise_name_error(co->names[ARG()]);
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_ATTR) {
    Value obj = TOP();
#ifndef MINIPY_FREE_THREADING
    {
      TypeObject* t = type_of(obj);
      AttrCacheEntry& c = co->attr_cache[ARG()];
      if (c.type != t || c.epoch != type_epoch()) attr_cache_fill(c, t, co->names[ARG()]);
      if (c.kind == AttrCacheEntry::kSlot && c.get_ok) {
        // A __slots__ member: the item of the hidden tuple (unset: the slow path raises).
        auto* values = static_cast<TupleObject*>(slot_values(obj.obj()));
        if (values != nullptr && c.hint < values->size) {
          if (Value v = values->items()[c.hint]) {
            incref(v);
            decref(obj);
            TOP() = v;
            DISPATCH();
          }
        }
      }
      Ref r;
      if (c.get_ok && attr_cache_load(c, obj, t, co->names[ARG()], &r)) {
        if (!r) goto error;
        decref(obj);
        TOP() = r.release();
        DISPATCH();
      }
    }
#endif
    Ref r = getattr(obj, co->names[ARG()]);
    if (!r) goto error;
    decref(obj);
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(STORE_ATTR) {
    Value obj = POP();
    Value v = POP();
    bool ok;
#ifndef MINIPY_FREE_THREADING
    TypeObject* t = type_of(obj);
    AttrCacheEntry& c = co->attr_cache[ARG()];
    if (c.type != t || c.epoch != type_epoch()) attr_cache_fill(c, t, co->names[ARG()]);
    DictObject* d;
    if (c.set_ok && c.kind == AttrCacheEntry::kSlot) {
      auto* values = static_cast<TupleObject*>(slot_values(obj.obj()));
      if (values != nullptr && c.hint < values->size) {
        Value old = values->items()[c.hint];
        values->items()[c.hint] = v;  // the stack's reference moves into the slot
        if (v.is_object() && !gc_is_tracked(values)) [[unlikely]] {
          gc_track(values);  // the collector may have untracked it (see slot_array_store)
        }
        decref(obj);
        decref(old);
        DISPATCH();
      }
      ok = type_of(c.descr)->descr_set(c.descr, obj, v);  // the first store makes the tuple
    } else if (c.set_ok && c.kind == AttrCacheEntry::kData) {
      ok = type_of(c.descr)->descr_set(c.descr, obj, v);
    } else if (c.set_ok && (d = cached_instance_dict(obj, t)) != nullptr) {
      ok = dict_set_str_hint(d, co->names[ARG()], v, &c.hint);
    } else {
      ok = setattr(obj, co->names[ARG()], v);
    }
#else
    ok = setattr(obj, co->names[ARG()], v);
#endif
    decref(obj);
    decref(v);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(DELETE_ATTR) {
    Value obj = POP();
    bool ok = delattr(obj, co->names[ARG()]);
    decref(obj);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(LOAD_METHOD) {
    Value obj = TOP();
    StrObject* name = co->names[ARG()];
    TypeObject* t = type_of(obj);
#ifndef MINIPY_FREE_THREADING
    {
      AttrCacheEntry& c = co->attr_cache[ARG()];
      if (c.type != t || c.epoch != type_epoch()) attr_cache_fill(c, t, name);
      if (c.method) {
        // Held across the instance-dict check, whose key __eq__ may delete the class attribute
        // (CPython's _PyObject_GetMethod holds it too); the reference is the stack's on success.
        Value descr = c.descr;
        incref(descr);
        DictObject* d = cached_instance_dict(obj, t);
        if (d == nullptr || (!dict_get_str_hint(d, name, &c.hint) && !error_pending())) {
          TOP() = descr;
          PUSH(obj);  // the stack's reference to obj moves into the self slot
          DISPATCH();
        }
        decref(descr);
      }
    }
#endif
    if (t->getattr == generic_getattr) {
      Value descr = type_lookup(t, name);
      if (descr) {
        TypeObject* dt = type_of(descr);
        bool plain = (dt->flags & kTypeMethodLike) &&
                     !(dt == &method_descr_type &&
                       (static_cast<MethodDescrObject*>(descr.obj())->flags & (kNativeClassMethod | kNativeStaticMethod)));
        if (plain) {
          incref(descr);  // held across the check, as above
          DictObject** slot = instance_dict_slot(obj);
          if (slot == nullptr || *slot == nullptr || !dict_get_str(*slot, name)) {
            TOP() = descr;
            PUSH(obj);  // the stack's reference to obj moves into the self slot
            DISPATCH();
          }
          decref(descr);
        }
      }
    }
    Ref r = getattr(obj, name);
    if (!r) goto error;
    decref(obj);
    TOP() = r.release();
    PUSH(Value());
    DISPATCH();
  }
  TARGET(BINARY_SUBSCR) {
    Value key = POP();
    Value obj = TOP();
    Ref r;
    if (type_of(obj) == &list_type && key.is_small()) {
      ListObject* l = as_list(obj);
      CriticalSection cs(l);
      int64_t i = key.small();
      if (i < 0) i += static_cast<int64_t>(l->items.size());
      if (i >= 0 && i < static_cast<int64_t>(l->items.size())) r = Ref::new_ref(l->items[i]);
    }
    if (!r) r = getitem(obj, key);
    decref(key);
    if (!r) goto error;
    decref(obj);
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(STORE_SUBSCR) {
    Value key = POP();
    Value obj = POP();
    Value v = POP();
    bool ok = setitem(obj, key, v);
    decref(key);
    decref(obj);
    decref(v);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(DELETE_SUBSCR) {
    Value key = POP();
    Value obj = POP();
    bool ok = delitem(obj, key);
    decref(key);
    decref(obj);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(LOAD_ASSERTION_ERROR) {
    PUSH(Value(&exc_AssertionError));
    DISPATCH();
  }
  TARGET(LOAD_BUILD_CLASS) {
    Value bc = dict_get_cstr(f->builtins, "__build_class__");
    if (!bc) {
      raise(&exc_NameError, "__build_class__ not found");
      goto error;
    }
    incref(bc);
    PUSH(bc);
    DISPATCH();
  }

  TARGET(SETUP_ANNOTATIONS) {
    // A module or class body with annotated names gets an __annotations__ dict (kept if a
    // metaclass's __prepare__ already put one there).
    Value ns = f->locals ? f->locals.get() : Value(f->globals);
    StrObject* key = intern("__annotations__");
    bool present;
    if (type_of(ns) == &dict_type) {
      present = static_cast<bool>(dict_get_str(as_dict(ns), key));
    } else {
      Ref cur = getitem(ns, Value(key));
      if (!cur && !exception_matches(&exc_KeyError)) goto error;
      clear_exception();
      present = static_cast<bool>(cur);
    }
    if (!present) {
      Ref d = dict_new();
      if (!setitem(ns, Value(key), d.get())) goto error;
    }
    DISPATCH();
  }

  TARGET(BINARY_OP) {
    Value b = POP();
    Value a = TOP();
    uint32_t arg = ARG();
    Ref r;
    if (a.is_small() && b.is_small()) {
      int64_t x = a.small(), y = b.small();
      // 63-bit operands: the sum and the difference fit in int64; a small result needs no
      // allocation and no call (small ints hold no reference either).
      int64_t z;
      switch (static_cast<BinaryOp>(arg & ~kInplace)) {
        case BinaryOp::Add:
          z = x + y;
          if (Value::fits_small(z)) [[likely]] {
            TOP() = Value::from_small(z);
            DISPATCH();
          }
          r = int_from_int64(z);
          break;
        case BinaryOp::Sub:
          z = x - y;
          if (Value::fits_small(z)) [[likely]] {
            TOP() = Value::from_small(z);
            DISPATCH();
          }
          r = int_from_int64(z);
          break;
        default: r = int_binary(a, b, static_cast<NumOp>(arg & ~kInplace)); break;
      }
    } else if (double x, y, z; float_operands(a, b, &x, &y) && float_fast_arith(arg & ~kInplace, x, y, &z)) {
      // float op float, or float and small int mixed
      if (reusable_float(a)) {
        static_cast<FloatObject*>(a.obj())->value = z;  // stays at TOP
        decref(b);
        DISPATCH();
      }
      if (reusable_float(b)) {
        static_cast<FloatObject*>(b.obj())->value = z;
        decref(a);
        TOP() = b;
        DISPATCH();
      }
      r = float_new(z);
    } else if (arg & kInplace) {
      r = inplace_op(a, b, static_cast<NumOp>(arg & ~kInplace));
    } else {
      r = binary_op(a, b, static_cast<NumOp>(arg));
    }
    decref(b);
    if (!r) goto error;
    decref(a);
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(UNARY_POSITIVE) {
    Ref r = positive(TOP());
    if (!r) goto error;
    decref(TOP());
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(UNARY_NEGATIVE) {
    Ref r = negative(TOP());
    if (!r) goto error;
    decref(TOP());
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(UNARY_INVERT) {
    Ref r = invert(TOP());
    if (!r) goto error;
    decref(TOP());
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(UNARY_NOT) {
    int t = truthy(TOP());
    if (t < 0) goto error;
    decref(TOP());
    TOP() = Bool(!t);
    DISPATCH();
  }
  TARGET(COMPARE_OP) {
    Value b = POP();
    Value a = TOP();
    Ref r;
    if (a.is_small() && b.is_small()) {
      int64_t x = a.small(), y = b.small();
      bool c = false;
      switch (static_cast<CmpOp>(ARG())) {
        case CmpOp::Lt: c = x < y; break;
        case CmpOp::Le: c = x <= y; break;
        case CmpOp::Eq: c = x == y; break;
        case CmpOp::Ne: c = x != y; break;
        case CmpOp::Gt: c = x > y; break;
        case CmpOp::Ge: c = x >= y; break;
      }
      r = bool_ref(c);
    } else if (double x, y; float_operands(a, b, &x, &y)) {
      r = bool_ref(float_compare(static_cast<CmpOp>(ARG()), x, y));
    } else {
      r = compare(a, b, static_cast<CmpOp>(ARG()));
    }
    decref(b);
    if (!r) goto error;
    decref(a);
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(IS_OP) {
    Value b = POP();
    Value a = TOP();
    bool r = (a == b) != (ARG() != 0);
    decref(a);
    decref(b);
    TOP() = Bool(r);
    DISPATCH();
  }
  TARGET(CONTAINS_OP) {
    Value container = POP();
    Value item = TOP();
    int r = contains(container, item);
    decref(container);
    if (r < 0) goto error;
    decref(item);
    TOP() = Bool((r == 1) != (ARG() != 0));
    DISPATCH();
  }

  TARGET(BUILD_TUPLE) {
    int n = static_cast<int>(ARG());
    Ref t = tuple_new(n);
    for (int i = n - 1; i >= 0; i--) tuple_set_steal(as_tuple(t.get()), i, POP());
    PUSH(t.release());
    DISPATCH();
  }
  TARGET(BUILD_LIST) {
    int n = static_cast<int>(ARG());
    Ref l = list_new(n);
    ListObject* lo = as_list(l.get());
    lo->items.resize(n);
    for (int i = n - 1; i >= 0; i--) lo->items[i] = POP();
    PUSH(l.release());
    DISPATCH();
  }
  TARGET(BUILD_SET) {
    int n = static_cast<int>(ARG());
    Ref s = set_new();
    bool ok = true;
    for (int i = n; i > 0; i--) {
      if (ok) ok = set_add(as_set(s.get()), PEEK(i));
    }
    for (int i = 0; i < n; i++) decref(POP());
    if (!ok) goto error;
    PUSH(s.release());
    DISPATCH();
  }
  TARGET(BUILD_MAP) {
    int n = static_cast<int>(ARG());
    Ref d = build_map_from_stack(sp - 2 * n, n);
    for (int i = 0; i < 2 * n; i++) decref(POP());
    if (!d) goto error;
    PUSH(d.release());
    DISPATCH();
  }
  TARGET(BUILD_CONST_KEY_MAP) {
    int n = static_cast<int>(ARG());
    Value keys = POP();
    Ref d = dict_new();
    bool ok = true;
    for (int i = 0; i < n && ok; i++) ok = dict_set(as_dict(d.get()), as_tuple(keys)->at(i), sp[-n + i]);
    decref(keys);
    for (int i = 0; i < n; i++) decref(POP());
    if (!ok) goto error;
    PUSH(d.release());
    DISPATCH();
  }
  TARGET(BUILD_STRING) {
    int n = static_cast<int>(ARG());
    std::string out;
    for (int i = n; i > 0; i--) out.append(as_str(PEEK(i))->view());
    for (int i = 0; i < n; i++) decref(POP());
    PUSH(str_new(std::move(out)).release());
    DISPATCH();
  }
  TARGET(BUILD_SLICE) {
    Value step = ARG() == 3 ? POP() : Value();
    Value stop = POP();
    Value start = TOP();
    Ref s = slice_new(start, stop, step);
    decref(step);
    decref(stop);
    decref(start);
    TOP() = s.release();
    DISPATCH();
  }
  TARGET(LIST_APPEND) {
    Value v = POP();
    list_append_steal(as_list(PEEK(ARG())), v);
    DISPATCH();
  }
  TARGET(SET_ADD) {
    Value v = POP();
    bool ok = set_add(as_set(PEEK(ARG())), v);
    decref(v);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(MAP_ADD) {
    Value v = POP();
    Value k = POP();
    bool ok = dict_set(as_dict(PEEK(ARG())), k, v);
    decref(k);
    decref(v);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(LIST_EXTEND) {
    Value it = POP();
    bool ok = list_extend(as_list(PEEK(ARG())), it);
    if (!ok && exception_matches(&exc_TypeError) && type_of(it)->iter == nullptr && type_of(it)->getitem == nullptr) {
      clear_exception();
      raise_fmt(&exc_TypeError, "Value after * must be an iterable, not {}", type_name(it));
    }
    decref(it);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(SET_UPDATE) {
    Value it = POP();
    bool ok = set_update(as_set(PEEK(ARG())), it);
    decref(it);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(DICT_UPDATE) {
    Value m = POP();
    bool ok = dict_update(as_dict(PEEK(ARG())), m);
    if (!ok && exception_matches(&exc_AttributeError)) {
      clear_exception();
      raise_fmt(&exc_TypeError, "'{}' object is not a mapping", type_name(m));
    }
    decref(m);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(DICT_MERGE) {
    Value m = POP();
    // The callable sits below the args tuple and the kwargs dict being built.
    Value func = sp - stack_base >= static_cast<long>(ARG()) + 2 ? PEEK(ARG() + 2) : Value();
    bool ok = dict_merge_strict(PEEK(ARG()), m, func);
    decref(m);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(GET_LEN) {
    int64_t n = 0;
    if (!length(TOP(), &n)) goto error;
    Ref len = int_from_int64(n);
    PUSH(len.release());
    DISPATCH();
  }
  TARGET(MATCH_SEQUENCE) {
    Value is_sequence = Bool(match_is_sequence(TOP()));  // read TOP before PUSH moves sp
    PUSH(is_sequence);
    DISPATCH();
  }
  TARGET(MATCH_MAPPING) {
    Value is_mapping = Bool(match_is_mapping(TOP()));  // read TOP before PUSH moves sp
    PUSH(is_mapping);
    DISPATCH();
  }
  TARGET(MATCH_KEYS) {  // [o keys] -> [o keys values|None]
    Ref values = match_keys(SECOND(), as_tuple(TOP()));
    if (!values) goto error;
    PUSH(values.release());
    DISPATCH();
  }
  TARGET(MATCH_CLASS) {  // [o cls kwnames] -> [attrs|None]
    Value kwnames = POP();
    Value cls = POP();
    Value subject = TOP();
    Ref attrs = match_class(subject, cls, ARG(), as_tuple(kwnames));
    decref(kwnames);
    decref(cls);
    if (!attrs) goto error;
    decref(subject);
    TOP() = attrs.release();
    DISPATCH();
  }
  TARGET(LIST_TO_TUPLE) {
    Value l = TOP();
    Ref t = tuple_from(as_list(l)->items.data(), as_list(l)->items.size());
    decref(l);
    TOP() = t.release();
    DISPATCH();
  }
  TARGET(FORMAT_VALUE) {
    uint32_t flags = ARG();
    Value spec = (flags & 4) ? POP() : Value();
    Value v = TOP();
    Ref r = format_value(v, flags & 3, spec);
    decref(spec);
    if (!r) goto error;
    decref(v);
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(UNPACK_SEQUENCE) {
    int n = static_cast<int>(ARG());
    Value seq = POP();
    if (type_of(seq) == &tuple_type && static_cast<int>(as_tuple(seq)->size) == n) {
      for (int i = n - 1; i >= 0; i--) {
        Value x = as_tuple(seq)->at(i);
        incref(x);
        PUSH(x);
      }
      decref(seq);
      DISPATCH();
    }
    bool ok = unpack_iterable(seq, n, 0, false, sp + n);
    decref(seq);
    if (!ok) goto error;
    sp += n;
    DISPATCH();
  }
  TARGET(UNPACK_EX) {
    int before = static_cast<int>(ARG() & 0xff);
    int after = static_cast<int>(ARG() >> 8);
    Value seq = POP();
    int total = before + after + 1;
    bool ok = unpack_iterable(seq, before, after, true, sp + total);
    decref(seq);
    if (!ok) goto error;
    sp += total;
    DISPATCH();
  }

  TARGET(JUMP_FORWARD) {
    JUMPTO(ARG());
    DISPATCH();
  }
  TARGET(JUMP_BACKWARD) {
    JUMPTO(ARG());
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(JUMP_BACKWARD_NO_INTERRUPT) {
    JUMPTO(ARG());
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_FALSE) {
    Value v = POP();
    if (v == False()) {
      JUMPTO(ARG());
    } else if (v != True()) {
      int t = truthy(v);
      decref(v);
      if (t < 0) goto error;
      if (!t) JUMPTO(ARG());
    }
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_TRUE) {
    Value v = POP();
    if (v == True()) {
      JUMPTO(ARG());
    } else if (v != False()) {
      int t = truthy(v);
      decref(v);
      if (t < 0) goto error;
      if (t) JUMPTO(ARG());
    }
    DISPATCH();
  }
  TARGET(JUMP_IF_FALSE_OR_POP) {
    int t = truthy(TOP());
    if (t < 0) goto error;
    if (!t) {
      JUMPTO(ARG());
    } else {
      decref(POP());
    }
    DISPATCH();
  }
  TARGET(JUMP_IF_TRUE_OR_POP) {
    int t = truthy(TOP());
    if (t < 0) goto error;
    if (t) {
      JUMPTO(ARG());
    } else {
      decref(POP());
    }
    DISPATCH();
  }
  TARGET(GET_ITER) {
    Value v = TOP();
    Ref it = get_iter(v);
    if (!it) goto error;
    decref(v);
    TOP() = it.release();
    DISPATCH();
  }
  TARGET(FOR_ITER) {
    Value it = TOP();
    Ref next = type_of(it)->iternext(it);
    if (next) {
      PUSH(next.release());
      DISPATCH();
    }
    if (error_pending()) {
      if (!exception_matches(&exc_StopIteration)) goto error;
      clear_exception();
    }
    decref(POP());
    JUMPTO(ARG());
    DISPATCH();
  }

  TARGET(CALL_FUNCTION) {
    int n = static_cast<int>(ARG());
    Value callable = PEEK(n + 1);
    SYNC();
    if (int how = inline_call_frame(ts, callable, sp - n, n, nullptr, &callee, true); how != 0) {
      if (how > 0) {
        sp -= n;  // the arguments now belong to the callee's locals
        f->sp = sp;
        callee->call_pops = 1;
        goto push_frame;
      }
      for (int i = 0; i <= n; i++) decref(POP());
      goto error;
    }
    Ref r = TRACING() ? traced_call(ts, f, callable, sp - n, n, nullptr)
                      : call(callable, sp - n, n, nullptr);
    for (int i = 0; i <= n; i++) decref(POP());
    if (!r) goto error;
    PUSH(r.release());
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(CALL_FUNCTION_KW) {
    int n = static_cast<int>(ARG());
    Value names_tuple = POP();
    TupleObject* kwn = as_tuple(names_tuple);
    int npos = n - static_cast<int>(kwn->size);
    Value callable = PEEK(n + 1);
    SYNC();
    if (int how = inline_call_frame(ts, callable, sp - n, npos, kwn, &callee); how != 0) {
      decref(names_tuple);  // bound into the frame's locals by now
      if (how > 0) {
        callee->call_pops = n + 1;
        goto push_frame;
      }
      for (int i = 0; i <= n; i++) decref(POP());
      goto error;
    }
    Ref r = TRACING() ? traced_call(ts, f, callable, sp - n, npos, kwn)
                      : call(callable, sp - n, npos, kwn);
    decref(names_tuple);
    for (int i = 0; i <= n; i++) decref(POP());
    if (!r) goto error;
    PUSH(r.release());
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(CALL_FUNCTION_EX) {
    Value kwargs = (ARG() & 1) ? POP() : Value();
    Value args = POP();
    Value callable = TOP();
    SYNC();
    Ref r;
    if (!is_tuple(args)) {
      Ref t = list_from_iterable(args);
      if (!t) {
        decref(kwargs);
        decref(args);
        goto error;
      }
      Ref tt = tuple_from(as_list(t.get())->items.data(), as_list(t.get())->items.size());
      decref(args);
      args = tt.release();
    }
    if (is_function(callable) && (!kwargs || as_dict(kwargs)->used == 0)) {
      int how = inline_call_frame(ts, callable, as_tuple(args)->items(), as_tuple(args)->size,
                                  nullptr, &callee);
      if (how != 0) {
        decref(kwargs);
        decref(args);  // bound into the frame's locals by now
        if (how > 0) {
          callee->call_pops = 1;
          goto push_frame;
        }
        goto error;
      }
      r = vm_call(ts, callable, as_tuple(args)->items(), as_tuple(args)->size, nullptr);
    } else if (TRACING()) [[unlikely]] {
      r = traced_call_ex(ts, f, callable, args, kwargs);
    } else {
      r = call_tuple_dict(callable, args, kwargs);
    }
    decref(kwargs);
    decref(args);
    if (!r) goto error;
    decref(TOP());
    TOP() = r.release();
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(CALL_METHOD) {
    int n = static_cast<int>(ARG());
    Value func = PEEK(n + 2);
    Value self = PEEK(n + 1);
    SYNC();
    Ref r;
    if (self && type_of(func) == &method_descr_type && !TRACING()) {
      auto* d = static_cast<MethodDescrObject*>(func.obj());
      r = method_descr_call_bound(d, self, sp - n, n, nullptr);
    } else if (int how = self ? inline_call_frame(ts, func, sp - n - 1, n + 1, nullptr, &callee, true)
                              : inline_call_frame(ts, func, sp - n, n, nullptr, &callee, true);
               how != 0) {
      if (how > 0) {
        // The callee took the arguments (and self): only func and the self slot stay, the
        // slot nulled when self moved.
        sp -= n;
        if (self) sp[-1] = Value();
        f->sp = sp;
        callee->call_pops = 2;
        goto push_frame;
      }
      for (int i = 0; i < n + 2; i++) decref(POP());
      goto error;
    } else if (TRACING()) [[unlikely]] {
      r = self ? traced_call(ts, f, func, sp - n - 1, n + 1, nullptr)
               : traced_call(ts, f, func, sp - n, n, nullptr);
    } else {
      r = self ? call(func, sp - n - 1, n + 1, nullptr) : call(func, sp - n, n, nullptr);
    }
    for (int i = 0; i < n + 2; i++) decref(POP());
    if (!r) goto error;
    PUSH(r.release());
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(CALL_METHOD_KW) {
    int n = static_cast<int>(ARG());
    Value names_tuple = POP();
    TupleObject* kwn = as_tuple(names_tuple);
    int npos = n - static_cast<int>(kwn->size);
    Value func = PEEK(n + 2);
    Value self = PEEK(n + 1);
    SYNC();
    if (int how = self ? inline_call_frame(ts, func, sp - n - 1, npos + 1, kwn, &callee)
                       : inline_call_frame(ts, func, sp - n, npos, kwn, &callee);
        how != 0) {
      decref(names_tuple);  // bound into the frame's locals by now
      if (how > 0) {
        callee->call_pops = n + 2;
        goto push_frame;
      }
      for (int i = 0; i < n + 2; i++) decref(POP());
      goto error;
    }
    Ref r = TRACING() ? (self ? traced_call(ts, f, func, sp - n - 1, npos + 1, kwn)
                              : traced_call(ts, f, func, sp - n, npos, kwn))
                      : (self ? call(func, sp - n - 1, npos + 1, kwn) : call(func, sp - n, npos, kwn));
    decref(names_tuple);
    for (int i = 0; i < n + 2; i++) decref(POP());
    if (!r) goto error;
    PUSH(r.release());
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(MAKE_FUNCTION) {
    uint32_t flags = ARG();
    Value code = POP();
    Value closure = (flags & 8) ? POP() : Value();
    Value annotations = (flags & 4) ? POP() : Value();
    Value kwdefaults = (flags & 2) ? POP() : Value();
    Value defaults = (flags & 1) ? POP() : Value();
    Ref fn = function_new(code, Value(f->globals), Value());
    FunctionObject* fo = as_function(fn.get());
    if (closure) fo->closure = Ref::steal(closure);
    if (annotations) fo->annotations = Ref::steal(annotations);  // a flat tuple until first read
    if (kwdefaults) fo->kwdefaults = Ref::steal(kwdefaults);
    if (defaults) fo->defaults = Ref::steal(defaults);
    decref(code);
    PUSH(fn.release());
    DISPATCH();
  }
  TARGET(RETURN_VALUE) {
    retval = Ref::steal(POP());
    goto exit_frame;
  }

  TARGET(SETUP_FINALLY) {
    if (f->nblocks >= kMaxBlocks) {
      raise(&exc_SystemError, "too many statically nested blocks");
      goto error;
    }
    f->blocks[f->nblocks++] = Block{BlockKind::Finally, static_cast<int>(ARG()), static_cast<int>(sp - stack_base), 0};
    DISPATCH();
  }
  TARGET(POP_BLOCK) {
    f->nblocks--;
    DISPATCH();
  }
  TARGET(POP_EXCEPT) {
    Block& b = f->blocks[--f->nblocks];
    while (static_cast<int>(ts->handled.size()) > b.handled_depth) ts->handled.pop_back();
    DISPATCH();
  }
  TARGET(RAISE_VARARGS) {
    int n = static_cast<int>(ARG());
    if (n == 0) {
      Value cur = ts->handled.empty() ? Value() : ts->handled.back().get();
      if (!cur || is_none(cur)) {
        raise(&exc_RuntimeError, "No active exception to reraise");
        goto error;
      }
      set_exception(Ref::new_ref(cur));
      reraise = true;
      goto error;
    }
    Value cause = n == 2 ? POP() : Value();
    Value excv = POP();
    Ref e = make_raisable(excv);
    decref(excv);
    if (!e) {
      decref(cause);
      goto error;
    }
    if (cause) {
      Ref c;
      if (is_none(cause)) {
        c = Ref();
      } else {
        c = make_raisable(cause);
        if (!c) {
          decref(cause);
          clear_exception();
          raise(&exc_TypeError, "exception causes must derive from BaseException");
          goto error;
        }
      }
      decref(cause);
      auto* eo = static_cast<BaseExceptionObject*>(e.obj());
      eo->cause = std::move(c);
      eo->suppress_context = true;
    }
    chain_to_handled(ts, e.get(), /*replace=*/true);
    set_exception(std::move(e));
    goto error;
  }
  TARGET(RERAISE) {
    Value exc = POP();
    set_exception(Ref::steal(exc));
    reraise = true;
    goto error;
  }
  TARGET(CHECK_EG_MATCH) {  // [rest type] -> [rest' match] or [rest None]
    Value type = POP();
    if (check_except_star_type(type) < 0) {
      decref(type);
      goto error;
    }
    Ref match, rest;
    int r = exception_group_match(TOP(), type, &match, &rest);
    decref(type);
    if (r < 0) goto error;
    if (is_none(match.get())) {
      rest.reset();  // DISPATCH() is a computed goto: it skips the destructors of this scope
      PUSH(match.release());
      DISPATCH();
    }
    // sys.exc_info() in the clause body is the matching part.
    if (!ts->handled.empty()) ts->handled.back() = match.dup();
    decref(TOP());
    TOP() = rest.release();
    PUSH(match.release());
    DISPATCH();
  }
  TARGET(PREP_RERAISE_STAR) {  // [orig list] -> [exc or None]
    Value list = POP();
    Value orig = TOP();
    Ref r = prep_reraise_star(orig, list);
    decref(list);
    if (!r) goto error;
    decref(orig);
    TOP() = r.release();
    DISPATCH();
  }
  TARGET(JUMP_IF_NOT_EXC_MATCH) {
    Value type = POP();
    Value exc = POP();
    int m = exception_matches_spec(exc, type);
    decref(type);
    decref(exc);
    if (m < 0) goto error;
    if (!m) JUMPTO(ARG());
    DISPATCH();
  }
  TARGET(SETUP_WITH) {
    Value mgr = TOP();
    Value enter = type_lookup(type_of(mgr), names::enter);
    Value exitf = type_lookup(type_of(mgr), names::exit);
    if (!enter || !exitf) {
      raise_fmt(&exc_TypeError, "'{}' object does not support the context manager protocol{}", type_name(mgr),
                enter ? " (missed __exit__ method)" : "");
      goto error;
    }
    Ref exit_bound = getattr(mgr, names::exit);
    if (!exit_bound) goto error;
    bool found;
    SYNC();
    Ref res = call_special(mgr, names::enter, nullptr, 0, &found);
    if (!res) goto error;
    decref(mgr);
    TOP() = exit_bound.release();
    if (f->nblocks >= kMaxBlocks) {
      raise(&exc_SystemError, "too many statically nested blocks");
      goto error;
    }
    f->blocks[f->nblocks++] = Block{BlockKind::Finally, static_cast<int>(ARG()), static_cast<int>(sp - stack_base), 0};
    PUSH(res.release());
    DISPATCH();
  }
  TARGET(WITH_EXCEPT_START) {
    Value exc = TOP();
    Value exitf = SECOND();
    SYNC();
    // __exit__(type, value, traceback), as CPython. Plain Values: a computed goto out of this
    // block would skip a Ref's destructor.
    Value tb = exception_traceback(exc).release();
    Value args[3] = {Value(type_of(exc)), exc, tb ? tb : None()};
    Ref r = call(exitf, args, 3);
    if (tb) decref(tb);
    if (!r) goto error;
    PUSH(r.release());
    DISPATCH();
  }

  TARGET(YIELD_VALUE) {
    retval = Ref::steal(POP());
    f->yielded = true;
    SYNC();
    if (TRACING() && !trace_frame_exit(ts, f, retval.get())) [[unlikely]] {
      f->yielded = false;
      retval.reset();
      goto error;
    }
    ts->frame = f->back;
    return retval;
  }
  TARGET(GET_AWAITABLE) {
    Value v = TOP();
    SYNC();
    Ref it = get_awaitable_iter(v, static_cast<int>(ARG()));
    if (!it) goto error;
    decref(v);
    TOP() = it.release();
    DISPATCH();
  }
  TARGET(GET_AITER) {
    Value v = TOP();
    SYNC();
    Ref it = get_aiter(v);
    if (!it) goto error;
    decref(v);
    TOP() = it.release();
    DISPATCH();
  }
  TARGET(GET_ANEXT) {
    SYNC();
    Ref aw = get_anext_awaitable(TOP());
    if (!aw) goto error;
    PUSH(aw.release());
    DISPATCH();
  }
  TARGET(END_ASYNC_FOR) {
    Value exc = TOP();
    if (!isinstance(exc, &exc_StopAsyncIteration)) {
      // Not the end of the iteration: raise it again (the unwinder pops the handler block).
      (void)POP();
      set_exception(Ref::steal(exc));
      reraise = true;
      goto error;
    }
    decref(POP());
    Block& b = f->blocks[--f->nblocks];  // the EXCEPT_HANDLER block, as POP_EXCEPT
    while (static_cast<int>(ts->handled.size()) > b.handled_depth) ts->handled.pop_back();
    decref(POP());  // the asynchronous iterator
    DISPATCH();
  }
  TARGET(BEFORE_ASYNC_WITH) {
    Value mgr = TOP();
    Value enter = type_lookup(type_of(mgr), intern("__aenter__"));
    Value exitf = type_lookup(type_of(mgr), intern("__aexit__"));
    if (!enter || !exitf) {
      raise_fmt(&exc_TypeError, "'{}' object does not support the asynchronous context manager protocol{}",
                type_name(mgr), enter ? " (missed __aexit__ method)" : "");
      goto error;
    }
    Ref exit_bound = getattr(mgr, intern("__aexit__"));
    if (!exit_bound) goto error;
    bool found;
    SYNC();
    Ref res = call_special(mgr, intern("__aenter__"), nullptr, 0, &found);
    if (!res) goto error;
    decref(mgr);
    TOP() = exit_bound.release();
    PUSH(res.release());
    DISPATCH();
  }
  TARGET(SETUP_ASYNC_WITH) {
    if (f->nblocks >= kMaxBlocks) {
      raise(&exc_SystemError, "too many statically nested blocks");
      goto error;
    }
    // The handler sees [exit exc]: the block's level is below the __aenter__ result.
    f->blocks[f->nblocks++] = Block{BlockKind::Finally, static_cast<int>(ARG()), static_cast<int>(sp - stack_base) - 1, 0};
    DISPATCH();
  }
  TARGET(GET_YIELD_FROM_ITER) {
    Value v = TOP();
    if (type_of(v) == &coroutine_type) {
      // Only a coroutine or a types.coroutine generator may delegate to a coroutine.
      if (!(f->code->unit->flags & (kCoCoroutine | kCoIterableCoroutine))) {
        SYNC();
        raise(&exc_TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
        goto error;
      }
    } else if (type_of(v) != &generator_type) {
      Ref it = get_iter(v);
      if (!it) goto error;
      decref(v);
      TOP() = it.release();
    }
    DISPATCH();
  }
  TARGET(YIELD_FROM) {
    Value v = POP();
    Value it = TOP();
    bool done = false;
    SYNC();
    Ref r = generator_send(it, v, &done);
    decref(v);
    if (!r) goto error;
    if (done) {
      decref(POP());
      PUSH(r.release());
      DISPATCH();
    }
    // The sub-iterator yielded: suspend, and re-run YIELD_FROM with the next sent value.
    f->yielded = true;
    if (TRACING()) [[unlikely]] {
      SYNC();
      if (!trace_frame_exit(ts, f, r.get())) {
        f->yielded = false;
        goto error;
      }
    }
    ip--;
    SYNC();
    ts->frame = f->back;
    return r;
  }

  TARGET(IMPORT_NAME) {
    Value fromlist = POP();
    Value level = TOP();
    SYNC();
    Ref m = import_name(co->names[ARG()], f->globals, fromlist, level);
    decref(fromlist);
    if (!m) goto error;
    decref(level);
    TOP() = m.release();
    DISPATCH();
  }
  TARGET(IMPORT_FROM) {
    Ref r = import_from(TOP(), co->names[ARG()]);
    if (!r) goto error;
    PUSH(r.release());
    DISPATCH();
  }
  TARGET(IMPORT_STAR) {
    Value m = POP();
    bool ok = import_star(m, f);
    decref(m);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(PRINT_EXPR) {
    Value v = POP();
    // As CPython's PRINT_EXPR: every value goes to sys.displayhook (None too: a hook of the
    // user's sees it), and without one it is a RuntimeError.
    // The hook's Ref lives in a block of its own: DISPATCH() would skip its destructor.
    bool ok = false;
    {
      Ref hook = Ref();
      Value sys = interp().sys.get();
      if (sys) hook = getattr_opt(sys, intern("displayhook"));
      if (hook) {
        ok = static_cast<bool>(call1(hook.get(), v));
      } else if (!error_pending()) {
        raise(&exc_RuntimeError, "lost sys.displayhook");
      }
    }
    decref(v);
    if (!ok) goto error;
    DISPATCH();
  }

  DISPATCH_LOOP_END

push_frame:
  // Enter `callee` (its caller `f` SYNCed at the CALL): the same loop runs it.
  callee->back = f;
  ts->frame = callee;
  f = callee;
  inline_depth++;
  f->handled_base = static_cast<int>(ts->handled.size());
  LOAD_FRAME();
  if (TRACING()) [[unlikely]] {
    if (!trace_frame_enter(ts, f)) {
      ip++;  // the error belongs to the frame's first instruction
      goto error;
    }
    goto every_insn;
  }
  RESUME_LOOP();

every_insn:
  // The per-instruction hook (g_every_insn), before the instruction at `ip` runs: a GIL check
  // point at every instruction, and the trace function's 'line' and 'opcode' events.
  if (checkpoint_every()) CHECK_BREAKER();
  if ((g_every_insn & kEveryInsnBudget) && g_insn_budget-- <= 0) [[unlikely]] {
    raise(&exc_RuntimeError, "instruction budget exhausted");
    ip++;  // as a trace hook's error: it belongs to the instruction that was about to run
    goto error;
  }
  if (TRACING() && trace_wants_instructions(ts, f)) {
    SYNC();
    if (!trace_instruction(ts, f, static_cast<int>(ip - first))) {
      ip++;  // the error belongs to the instruction the event was for
      goto error;
    }
  }
  RESUME_LOOP();

error:
  f->lasti = static_cast<int>(ip - first) - 1;
  // A native function that failed without setting an exception (a bug in it) must not leave
  // the unwinder without one: CPython's SystemError.
  if (!ts->exc) raise(&exc_SystemError, "error return without exception set");
  if (!reraise) {
    Value exc = pending_exception();
    if (exc && (type_of(exc)->flags & kTypeException)) {
      auto* eo = static_cast<BaseExceptionObject*>(exc.obj());
      if (eo->traceback.empty()) chain_to_handled(ts, exc, /*replace=*/false);
      eo->traceback.push_back(TracebackEntry{Ref::new_ref(Value(co)), f->lasti, frame_object(f)});
    }
    if (TRACING()) [[unlikely]] {
      SYNC();
      trace_exception(ts, f);  // a trace function that raises replaces the exception
    }
  }
  reraise = false;
  // Unwind to the innermost handler block.
  while (f->nblocks > 0) {
    Block b = f->blocks[--f->nblocks];
    if (b.kind == BlockKind::ExceptHandler) {
      while (static_cast<int>(ts->handled.size()) > b.handled_depth) ts->handled.pop_back();
      continue;
    }
    Value* level = stack_base + b.level;
    while (sp > level) decref(POP());
    f->blocks[f->nblocks++] = Block{BlockKind::ExceptHandler, 0, b.level, static_cast<int>(ts->handled.size())};
    Ref exc = take_exception();
    ts->handled.push_back(exc.dup());
    PUSH(exc.release());
    JUMPTO(b.handler);
    if (g_every_insn) [[unlikely]]
      goto every_insn;  // the handler's first line is traced
    RESUME_LOOP();
  }
  // No handler here: leave the frame with the exception pending.
  while (sp > stack_base) decref(POP());
  retval = Ref();

exit_frame:
  if (TRACING()) [[unlikely]] {
    SYNC();
    // 'return' (None while unwinding); a hook that raises makes the frame fail with its error.
    if (!trace_frame_exit(ts, f, retval.get())) retval.reset();
  }
  while (f->nblocks > 0) {
    Block b = f->blocks[--f->nblocks];
    if (b.kind == BlockKind::ExceptHandler) {
      while (static_cast<int>(ts->handled.size()) > b.handled_depth) ts->handled.pop_back();
    }
  }
  while (sp > stack_base) decref(POP());
  if (!f->generator) {
    while (static_cast<int>(ts->handled.size()) > f->handled_base) ts->handled.pop_back();
  }
  f->sp = sp;
  f->ip = static_cast<int>(ip - first);
  ts->frame = f->back;
  if (f->call_pops > 0) {
    // Back to the caller this loop entered `f` from: drop the CALL's items, then push the
    // result or raise the exception at the CALL.
    Frame* caller = f->back;
    int pops = f->call_pops;
    frame_free(f);
    --ts->recursion_depth;
    inline_depth--;
    f = caller;
    LOAD_FRAME();
    while (pops-- > 0) decref(POP());
    if (!retval) goto error;
    PUSH(retval.release());
    CHECK_BREAKER();
    if (g_every_insn) [[unlikely]]
      goto every_insn;
    RESUME_LOOP();
  }
  if (f->generator) f->back = nullptr;  // a suspended generator's frame has no caller
  return retval;
  } catch (...) {
    ts->recursion_depth = entry_recursion_depth + inline_depth;
    if (ts->repr_stack.size() > entry_repr_depth) ts->repr_stack.resize(entry_repr_depth);
    ts->frame = f;
    raise_from_cpp_exception(std::current_exception());
    throwing = true;
  }
  goto resume_after_cpp_exception;
}

}  // namespace minipy::vm
