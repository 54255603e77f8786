#!/bin/sh
# Register spills in the eval loop's dispatch: a change to vm/eval.cpp shows with this that it
# did not make the compiler keep more of the loop's state (dispatch table, instruction pointer, ...)
# in stack slots, which every instruction would then pay for.
#
#   tools/spill_check.sh [MINIPY_BINARY]      (default build/release/minipy; eval.cpp.o works too)
#
# Disassembles eval_frame (objdump -d --no-show-raw-insn, demangled; the hot part only, not
# the compiler's eval_frame.cold split) and prints:
#   dispatch_jumps  the indirect jumps through a register (`jmp *%rax`: one per DISPATCH() copy
#                   of the computed goto; jumps through a table, `jmp *(%rsi,%rax,8)`, are
#                   switch statements and are not counted),
#   dispatch_stack  the rsp/rbp-relative memory accesses in the straight-line code before each
#                   of them (back to the previous branch, call or return): spill loads and stores
#                   on the dispatch path,
#   jumps_by_stack_accesses  how many dispatch jumps have 0, 1, 2, 3, 4+ of them (a new
#                   DISPATCH() copy adds a jump; a spill shows as jumps moving to the right),
#   total_stack     all rsp/rbp-relative memory accesses in eval_frame,
#   instructions    its length in instructions.
# The figures depend on the compiler (here GCC 12, release preset): compare two binaries built
# on the same machine, before and after a change.
#
# Baseline, main at cbd9ed5 (release preset, GCC 12.2, 2026-12-03; the same at 37f2e11):
#   dispatch_jumps 112  dispatch_stack 223  jumps_by_stack_accesses 0:2 1:0 2:107 3:3 4+:0
#   total_stack 1720  instructions 10214
# (the previous session's figure for main was also 112 jumps and 223 stack accesses).
set -eu
bin=${1:-build/release/minipy}
[ -f "$bin" ] || { echo "spill_check: no binary at $bin" >&2; exit 2; }
objdump -d --no-show-raw-insn -C "$bin" |
  awk '
    /^[0-9a-f]+ <minipy::vm::eval_frame\(minipy::vm::Frame\*, bool\)>:$/ { on = 1; next }
    on && /^$/ { exit }
    !on { next }
    {
      line = $0
      sub(/^[ \t]*[0-9a-f]+:[ \t]*/, "", line)
      if (line == "") next
      n++
      split(line, w, /[ \t]+/)
      op = w[1]
      stack = (line ~ /\(%r[sb]p[,)]/) ? 1 : 0
      total += stack
      if (op == "jmp" && line ~ /jmp[ \t]+\*%r[a-z0-9]+$/) {
        jumps++
        dstack += run
        hist[run > 3 ? 4 : run]++
        run = 0
        next
      }
      if (op ~ /^(j[a-z]+|call|ret|bnd)$/) { run = 0; next }
      run += stack
    }
    END {
      if (n == 0) { print "spill_check: eval_frame not found" > "/dev/stderr"; exit 2 }
      printf "dispatch_jumps %d\ndispatch_stack %d\n", jumps, dstack
      printf "jumps_by_stack_accesses 0:%d 1:%d 2:%d 3:%d 4+:%d\n", hist[0], hist[1], hist[2], hist[3], hist[4]
      printf "total_stack %d\ninstructions %d\n", total, n
    }'
