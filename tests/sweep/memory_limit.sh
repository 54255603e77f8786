#!/usr/bin/env bash
# Runs memory_limit.py under a 1 GiB address-space limit and checks that every huge allocation
# was MemoryError and the script ran to its end (issue 12).  usage: memory_limit.sh MINIPY
set -u
here="$(cd "$(dirname "$0")" && pwd)"
out="$( (ulimit -v 1048576 && "$1" "$here/memory_limit.py") 2>&1)"
code=$?
printf '%s\n' "$out"
[ $code -eq 0 ] || { echo "memory_limit: exit status $code"; exit 1; }
for label in '"x" \* 2\*\*31' '\[0\] \* 2\*\*31' '\(0,\) \* 2\*\*31' 'bytes\(2\*\*31\)' 'bytearray\(2\*\*31\)' \
             '"x".ljust\(2\*\*31\)' 'list\(range\(2\*\*28\)\)' '2\*\*31 to_bytes'; do
  printf '%s\n' "$out" | grep -Eq "^$label -> MemoryError MemoryError\(\)$" ||
    { echo "memory_limit: expected MemoryError for $label"; exit 1; }
done
for label in BINBYTES8 BINUNICODE8 BYTEARRAY8 FRAME; do
  for src in bytes file; do
    printf '%s\n' "$out" | grep -q "^pickle $label $src -> UnpicklingError$" ||
      { echo "memory_limit: expected UnpicklingError for pickle $label ($src)"; exit 1; }
  done
done
printf '%s\n' "$out" | grep -q '^pickle LONG_BINPUT bytes -> list 0$' ||
  { echo "memory_limit: pickle memo indices were allocated"; exit 1; }
printf '%s\n' "$out" | grep -q '^small -> str 10$' || { echo "memory_limit: small allocation failed"; exit 1; }
printf '%s\n' "$out" | grep -q '^the program goes on: 45$' || { echo "memory_limit: did not go on"; exit 1; }
