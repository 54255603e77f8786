// Generators: a heap frame resumed by next()/send()/throw()/close(), and `yield from`
// delegation (generator_send is also YIELD_FROM's engine for any iterator).
#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/thread_state.h"
#include "vm/eval.h"

namespace minipy::vm {

using namespace rt;

TypeObject generator_type;

struct GeneratorObject : Object {
  Frame* frame = nullptr;  // owned; null once finished
  bool running = false;
  bool started = false;
  Ref name, qualname;
  Ref code;  // keeps the frame's code alive
};

static GeneratorObject* as_gen(Value v) { return static_cast<GeneratorObject*>(v.obj()); }

Ref generator_new(Frame* f) {
  auto* g = alloc_instance<GeneratorObject>(&generator_type);
  g->frame = f;
  g->code = Ref::new_ref(Value(f->code));
  if (f->func) {
    g->name = f->func->name.dup();
    g->qualname = f->func->qualname.dup();
    incref(f->func);  // the frame borrows its function
  } else {
    g->name = f->code->name.dup();
    g->qualname = f->code->qualname.dup();
  }
  return Ref::steal(Value(g));
}

static void finish(GeneratorObject* g) {
  if (g->frame == nullptr) return;
  Frame* f = g->frame;
  g->frame = nullptr;
  FunctionObject* fn = f->func;
  frame_free(f);
  if (fn) decref(fn);
}

/// Resumes the generator. Returns the yielded value (*done false), the return value (*done
/// true) or null with an exception pending.
static Ref gen_resume(GeneratorObject* g, Value sent, bool throwing, bool* done, bool push = true) {
  *done = false;
  if (g->running) return raise(&exc_ValueError, "generator already executing");
  if (g->frame == nullptr) {
    if (throwing) return Ref();  // the pending exception propagates
    *done = true;
    return none_ref();
  }
  Frame* f = g->frame;
  if (!g->started && !throwing) {
    if (sent && !is_none(sent)) {
      return raise(&exc_TypeError, "can't send non-None value to a just-started generator");
    }
  } else if (g->started && !throwing && push) {
    incref(sent ? sent : None());
    *f->sp++ = sent ? sent : None();
  }
  g->started = true;
  g->running = true;
  Ref r = eval_frame(f, throwing);
  g->running = false;
  if (f->yielded) return r;
  finish(g);
  if (!r) {
    // A StopIteration escaping a generator body becomes RuntimeError (PEP 479).
    if (exception_matches(&exc_StopIteration)) {
      Ref cause = take_exception();
      Ref e = make_exception(&exc_RuntimeError, "generator raised StopIteration");
      auto* eo = static_cast<BaseExceptionObject*>(e.obj());
      eo->cause = cause.dup();
      eo->context = std::move(cause);
      set_exception(std::move(e));
    }
    return r;
  }
  *done = true;
  return r;
}

Ref generator_send(Value gen, Value v, bool* done) {
  if (type_of(gen) == &generator_type) return gen_resume(as_gen(gen), v, false, done);
  *done = false;
  Ref r;
  if (!v || is_none(v)) {
    r = iter_next(gen);
  } else {
    r = call_method(gen, names::send, &v, 1);
  }
  if (r) return r;
  if (!error_pending()) {
    *done = true;
    return none_ref();
  }
  if (exception_matches(&exc_StopIteration)) {
    Ref e = take_exception();
    Ref val = getattr(e.get(), names::value);
    *done = true;
    return val;
  }
  return r;
}

static Ref gen_iternext(Value self) {
  bool done;
  Ref r = gen_resume(as_gen(self), None(), false, &done);
  if (done) {
    // Exhausted: a return value travels in StopIteration(value); None needs no exception object.
    if (r && !is_none(r.get())) raise_with_value(&exc_StopIteration, r.get());
    return Ref();
  }
  return r;
}

static Ref gen_iter(Value self) { return Ref::new_ref(self); }

static Ref stop_iteration_with(Ref value) {
  if (is_none(value.get())) return raise_with_value(&exc_StopIteration, None()), Ref();
  return raise_with_value(&exc_StopIteration, value.get());
}

static Ref m_send(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("send", nargs, kw, 1, 1)) return Ref();
  bool done;
  Ref r = gen_resume(as_gen(self), args[0], false, &done);
  if (!r || !done) return r;
  if (is_none(r.get())) {
    set_exception(make_exception(&exc_StopIteration, nullptr, 0));
    return Ref();
  }
  return stop_iteration_with(std::move(r));
}

static Ref m_next(Value self, const Value*, size_t, TupleObject*) {
  Ref r = gen_iternext(self);
  if (!r && !error_pending()) set_exception(make_exception(&exc_StopIteration, nullptr, 0));
  return r;
}

/// gen.throw(type[, value]) / gen.throw(exc)
static Ref m_throw(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("throw", nargs, kw, 1, 3)) return Ref();
  GeneratorObject* g = as_gen(self);
  Ref exc;
  Value typ = args[0];
  if (isinstance(typ, &type_type) && (static_cast<TypeObject*>(typ.obj())->flags & kTypeException)) {
    if (nargs >= 2 && !is_none(args[1])) {
      if (isinstance(args[1], static_cast<TypeObject*>(typ.obj()))) {
        exc = Ref::new_ref(args[1]);
      } else {
        exc = call1(typ, args[1]);
      }
    } else {
      exc = call0(typ);
    }
  } else if (type_of(typ)->flags & kTypeException) {
    exc = Ref::new_ref(typ);
  } else {
    return raise(&exc_TypeError, "exceptions must be classes or instances deriving from BaseException, not " +
                                     type_name(typ));
  }
  if (!exc) return exc;
  // Delegate to a sub-generator suspended in `yield from`.
  if (g->frame && g->started && !g->running) {
    Frame* f = g->frame;
    uint32_t insn = f->code->code[f->ip];
    if (op_of(insn) == Op::YIELD_FROM && f->sp - f->stack_base() >= 1) {
      Value sub = f->sp[-1];
      if (type_of(sub) == &generator_type) {
        g->running = true;
        Value a = exc.get();
        Ref r = m_throw(sub, &a, 1, nullptr);
        g->running = false;
        if (r) return r;
        // The sub-generator finished or raised: continue in this frame.
        if (exception_matches(&exc_StopIteration)) {
          Ref e = take_exception();
          Ref val = getattr(e.get(), names::value);
          decref(*--f->sp);  // drop the sub-iterator
          *f->sp++ = val.release();
          f->ip++;  // past YIELD_FROM
          bool done;
          Ref rr = gen_resume(g, Value(), false, &done, /*push=*/false);
          if (rr && done) {
            if (is_none(rr.get())) {
              set_exception(make_exception(&exc_StopIteration, nullptr, 0));
              return Ref();
            }
            return stop_iteration_with(std::move(rr));
          }
          return rr;
        }
        bool done;
        return gen_resume(g, Value(), true, &done);
      }
    }
  }
  set_exception(std::move(exc));
  bool done;
  Ref r = gen_resume(g, Value(), true, &done);
  if (r && done) {
    if (is_none(r.get())) {
      set_exception(make_exception(&exc_StopIteration, nullptr, 0));
      return Ref();
    }
    return stop_iteration_with(std::move(r));
  }
  return r;
}

static Ref m_close(Value self, const Value*, size_t, TupleObject*) {
  GeneratorObject* g = as_gen(self);
  if (g->frame == nullptr) return none_ref();
  if (!g->started) {
    finish(g);
    return none_ref();
  }
  set_exception(make_exception(&exc_GeneratorExit, nullptr, 0));
  bool done;
  Ref r = gen_resume(g, Value(), true, &done);
  if (r && !done) return raise(&exc_RuntimeError, "generator ignored GeneratorExit");
  if (!r && (exception_matches(&exc_GeneratorExit) || exception_matches(&exc_StopIteration))) {
    clear_exception();
    return none_ref();
  }
  if (!r) return r;
  return none_ref();
}

// PEP 442 finalizer (run once, by dealloc or by the cycle collector): closing a suspended
// generator runs its finally blocks; an error there is reported as unraisable, as in CPython.
static void gen_finalize(Object* o) {
  auto* g = static_cast<GeneratorObject*>(o);
  if (!g->frame || !g->started || g->running) return;
  Ref r = m_close(Value(g), nullptr, 0, nullptr);
  if (!r) write_unraisable(Value(g), nullptr);
}

static void gen_dealloc(Object* o) {
  auto* g = static_cast<GeneratorObject*>(o);
  finish(g);
  delete g;
}

// A suspended frame owns everything from its locals to its stack top; a running one is on some
// thread's frame stack, whose references count as outside ones, so it is not visited.
static void gen_traverse(Object* o, VisitFn visit, void* arg) {
  auto* g = static_cast<GeneratorObject*>(o);
  visit_value(g->name, visit, arg);
  visit_value(g->qualname, visit, arg);
  visit_value(g->code, visit, arg);
  Frame* f = g->frame;
  if (f == nullptr || g->running) return;
  for (Value* p = f->fast(); p < f->sp; p++) visit_value(*p, visit, arg);
  visit_value(f->locals, visit, arg);
  visit_value(f->code_ref, visit, arg);
  if (f->func) visit(f->func, arg);
}

static void gen_clear(Object* o) {
  auto* g = static_cast<GeneratorObject*>(o);
  if (!g->running) finish(g);
}

static Ref gen_repr(Value self) {
  std::string q;
  str_text(as_gen(self)->qualname.get(), &q);
  return str_new(fmt::format("<generator object {} at {:#x}>", q, self.bits()));
}

static Ref gen_get_name(Value self) { return as_gen(self)->name.dup(); }
static Ref gen_get_qualname(Value self) { return as_gen(self)->qualname.dup(); }
static Ref gen_get_running(Value self) { return bool_ref(as_gen(self)->running); }
static Ref gen_get_frame(Value self) { return none_ref(); }

void generator_types_init() {
  generator_type.name = "generator";
  generator_type.basic_size = sizeof(GeneratorObject);
  generator_type.dealloc = gen_dealloc;
  generator_type.traverse = gen_traverse;
  generator_type.clear = gen_clear;
  generator_type.finalize = gen_finalize;
  generator_type.flags |= kTypeWeakrefable;
  generator_type.iter = gen_iter;
  generator_type.iternext = gen_iternext;
  generator_type.repr = gen_repr;
  type_ready(&generator_type, &object_type);
  add_method(&generator_type, "send", m_send);
  add_method(&generator_type, "throw", m_throw);
  add_method(&generator_type, "close", m_close);
  add_method(&generator_type, "__next__", m_next);
  add_getset(&generator_type, "__name__", gen_get_name);
  add_getset(&generator_type, "__qualname__", gen_get_qualname);
  add_getset(&generator_type, "gi_running", gen_get_running);
  add_getset(&generator_type, "gi_frame", gen_get_frame);
}

}  // namespace minipy::vm
