#!/usr/bin/env bash
# Regenerate the checked-in expectations of the minipy script corpus from CPython (the oracle).
#
#   tests/py/regen.sh                 every test script (tests/py/<area>/<name>.py)
#   tests/py/regen.sh AREA            every test script in one area
#   tests/py/regen.sh AREA/NAME.py    one script (several may be given)
#
# A test script is a .py file directly inside an area directory whose name does not start with
# "helper_" or "_" (those, and anything in sub-directories, are import helpers, never run).
# Each script runs from inside its own directory with its bare file name, exactly as
# run_py_test.cmake runs minipy, with stdin from NAME.in when present (else /dev/null):
#   NAME.exp   stdout (always written)
#   NAME.err   stderr, written only when non-empty; for recursion_* scripts only its last
#              non-empty line (the traceback depth is implementation specific)
#   NAME.code  exit status, written only when non-zero
# Set PYTHON to use another interpreter (it must be CPython 3.11 for the corpus to stay valid).
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="${PYTHON:-python3}"
"$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' ||
  { echo "regen.sh: $py is not CPython 3.11" >&2; exit 2; }

is_test() { # path relative to $here
  local rel="$1" base
  base="$(basename "$rel")"
  [[ "$rel" == */* && "$rel" != */*/* && "$rel" == *.py ]] || return 1
  [[ "$base" != helper_* && "$base" != _* ]]
}

targets=()
if [[ $# -eq 0 ]]; then set -- $(cd "$here" && ls -d */ | tr -d /); fi
for arg in "$@"; do
  arg="${arg#tests/py/}"
  if [[ -d "$here/$arg" ]]; then
    for f in "$here/$arg"/*.py; do targets+=("${f#$here/}"); done
  else
    targets+=("$arg")
  fi
done

# Interpreter start-up time, measured once: the time limits (2 s, 5 s for threads/ and processes/)
# apply to a script's own run time, i.e. its wall time less this, so a loaded machine doesn't trip them.
t0=$(date +%s.%N); "$py" -B -E -c pass; base=$(echo "$(date +%s.%N) - $t0" | bc)

# Makes a traceback independent of the machine, the same way run_py_test.cmake treats minipy's:
#  - 'File "<script dir>/X.py"' becomes 'File "X.py"' (CPython 3.11 makes the main script's path
#    absolute; the corpus expects the name as given on the command line);
#  - frames of library code, i.e. 'File "/abs/path..."' or 'File "<frozen ...>"' with the indented
#    source and caret lines below them, are dropped: stdlib line numbers are not part of the contract.
normalize_err() {
  "$py" -c '
import re, sys
prefix = "File \"" + sys.argv[1] + "/"
out, skipping = [], False
for line in sys.stdin.read().split("\n"):
    line = line.replace(prefix, "File \"")
    if re.match(r"  File \"[/<][^\"]*\", line \d+", line):
        skipping = True
        continue
    if skipping and line.startswith("    "):
        continue
    skipping = False
    out.append(line)
sys.stdout.write("\n".join(out))
' "$1"
}

status=0
for rel in "${targets[@]}"; do
  is_test "$rel" || continue
  [[ -f "$here/$rel" ]] || { echo "regen.sh: no such script: $rel" >&2; status=1; continue; }
  dir="$here/$(dirname "$rel")"; name="$(basename "$rel" .py)"
  input=/dev/null; [[ -f "$dir/$name.in" ]] && input="$dir/$name.in"
  start=$(date +%s.%N)
  # -B: no __pycache__ in the tree; -E: ignore PYTHON* variables; -X utf8: UTF-8 stdio whatever the locale.
  ( cd "$dir" && exec "$py" -B -E -X utf8 "$name.py" <"$input" >"$name.exp" 2>"$name.err.tmp" )
  code=$?
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  if [[ -s "$dir/$name.err.tmp" ]]; then
    if [[ "$name" == recursion_* ]]; then
      grep -v '^[[:space:]]*$' "$dir/$name.err.tmp" | tail -n 1 >"$dir/$name.err"
    else
      normalize_err "$dir" <"$dir/$name.err.tmp" >"$dir/$name.err"
    fi
  else
    rm -f "$dir/$name.err"
  fi
  rm -f "$dir/$name.err.tmp"
  if [[ $code -ne 0 ]]; then echo "$code" >"$dir/$name.code"; else rm -f "$dir/$name.code"; fi
  limit=2; [[ "$rel" == threads/* || "$rel" == processes/* ]] && limit=5
  own=$(echo "$elapsed - $base" | bc)
  slow=$(echo "$own > $limit" | bc)
  printf '%-45s exit %-3s %5.2fs (%5.2fs less start-up)%s\n' "$rel" "$code" "$elapsed" "$own" \
    "$([[ $slow == 1 ]] && echo '  TOO SLOW')"
  [[ $slow == 1 ]] && status=1
done
exit $status
