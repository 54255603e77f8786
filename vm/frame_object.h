// Frame objects: the Python-visible view of a VM frame (sys._getframe, tb_frame, f_back,
// f_locals), made only when asked for (DESIGN.md, "Frames").
//
// While its frame runs, a frame object reads it directly (the frame points back at its object,
// borrowed). When the frame finishes, frame_free detaches the object: the frame's locals and
// cells move into it (their references change owner, nothing is copied or counted again), it
// records the last instruction, and it keeps the caller's frame object as f_back, as CPython's
// frame objects do once their interpreter frame is gone. Tracebacks hold frame objects.
#pragma once

#include <vector>

#include "runtime/object.h"
#include "vm/frame.h"

namespace minipy::vm {

struct FrameObject : Object {
  Frame* live = nullptr;     // the running (or suspended generator) frame; null once detached
  Ref code;                  // the CodeObject
  Ref globals;               // dict
  Ref builtins;              // dict
  Ref locals;                // module/class frames: their locals mapping; functions: the
                             // f_locals dict last handed out (refreshed on each read)
  Ref back;                  // detached: the caller's frame object, or null
  std::vector<Value> saved;  // detached function frames: fast locals, then cells (owned)
  int lasti = 0;             // detached: the last instruction run
  Ref trace;                 // f_trace: the local trace function (vm/trace.cpp)
  int trace_prev = -1;       // the instruction the last line check saw (-1: none yet)
  bool trace_lines = true;   // f_trace_lines: 'line' events wanted
  bool trace_opcodes = false;  // f_trace_opcodes: 'opcode' events wanted
};

extern TypeObject frame_type;

/// The frame object of `f`, created on first use (a new reference).
Ref frame_object(Frame* f);
/// Sets f_trace (null or None clears it). While its frame runs, a frame object with a local
/// trace function is kept alive by the frame, as CPython's frames own theirs: the function
/// must see the frame's later events even if nobody else holds the object.
void frame_object_set_trace(FrameObject* fo, Value trace);
/// Called by frame_free when `f` has a frame object: moves the frame's state into it.
void frame_object_detach(Frame* f);

}  // namespace minipy::vm
