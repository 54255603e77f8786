// Instruction dispatch for vm/eval.cpp, the only place that defines TARGET/DISPATCH. With
// MINIPY_COMPUTED_GOTO each handler jumps straight to the next one through the label table that
// eval.cpp expands from vm/opcodes.def (kDispatchTable); otherwise a portable switch in a loop.
// Handlers are written once. A computed goto leaves a scope WITHOUT running its destructors:
// every Ref of a handler must be released (or reset) before DISPATCH(), or its object leaks.
#pragma once

#if MINIPY_COMPUTED_GOTO
#define TARGET(op) L_##op:
#define NEXT_INSN()                   \
  do {                                \
    insn = *ip++;                     \
    goto* kDispatchTable[insn & 0xff]; \
  } while (0)
#define DISPATCH_LOOP_BEGIN NEXT_INSN();
#define DISPATCH_LOOP_END
#define RESUME_LOOP() NEXT_INSN()
#else
#define TARGET(op) case Op::op:
#define NEXT_INSN() continue
#define RESUME_LOOP() goto dispatch_loop
#define DISPATCH_LOOP_BEGIN \
  dispatch_loop:            \
  for (;;) {                \
    insn = *ip++;           \
    switch (static_cast<Op>(insn & 0xff)) {
#define DISPATCH_LOOP_END \
  }                       \
  }
#endif
