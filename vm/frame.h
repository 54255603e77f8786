// Frame: one activation of a code object. Layout of the trailing value array:
//   [ fast locals (nlocals) | cells and free vars (ncells) | value stack (max_stack) ]
// Frames of plain calls live on a per-thread frame stack (LIFO, bump-allocated in chunks:
// vm/eval.cpp); generator frames are malloc'd and live as long as their generator.
#pragma once

#include <cstdint>

#include "runtime/objects/dict.h"
#include "vm/code.h"

namespace minipy::vm {

enum class BlockKind : uint8_t { Finally, ExceptHandler };

struct Block {
  BlockKind kind;
  int handler;        // instruction index (Finally)
  int level;          // value-stack depth to restore
  int handled_depth;  // ThreadState::handled size to restore (ExceptHandler)
};

inline constexpr int kMaxBlocks = 24;

struct GeneratorObject;
struct FrameObject;

struct Frame {
  CodeObject* code;          // borrowed from func or owned via code_ref
  Ref code_ref;              // keeps the code alive for module/class frames
  FunctionObject* func;      // may be null (module code)
  Frame* back;               // the caller (set while running)
  rt::DictObject* globals;   // borrowed (kept alive by func or the caller)
  rt::DictObject* builtins;  // borrowed
  Ref locals;                // dict for module and class bodies (null in functions)
  Value* sp;                 // next free stack slot
  int ip;                    // next instruction
  int lasti;                 // instruction being executed (for tracebacks)
  int nblocks;
  bool generator;            // owned by a generator: malloc'd, not on the frame stack
  GeneratorObject* owner;    // generator frames only (set by generator_new, else unset): the
                             // generator that owns the frame (frame.clear() closes it)
  bool yielded;              // set by YIELD_VALUE/YIELD_FROM when eval returns
  bool owns_object;          // holds a reference to `object` (it has an f_trace: vm/trace.cpp)
  int handled_base;          // ThreadState::handled size at entry
  int call_pops;             // > 0: entered by the eval loop's CALL in `back` without a C call
                             // (DESIGN.md, "Frames"): when it returns the same loop goes on in
                             // `back`, dropping this many of its stack items (callable, args)
  FrameObject* object;       // its Python frame object once one was asked for (borrowed
                             // unless owns_object)
  Block blocks[kMaxBlocks];

  Value* fast() { return reinterpret_cast<Value*>(this + 1); }
  Value* cells() { return fast() + code->nlocals; }
  Value* stack_base() { return fast() + code->nlocals + code->ncells; }
};

/// Allocates a frame for `code` with zeroed locals: on the thread's frame stack, or with malloc
/// when `heap` (generators). Stack frames must be freed in LIFO order.
Frame* frame_new(CodeObject* code, bool heap);
/// Releases every reference the frame holds and frees or recycles it.
void frame_free(Frame* f);

}  // namespace minipy::vm
