#!/usr/bin/env bash
# Command-line tests for minipy (tests/cli/CMakeLists.txt runs one case per ctest test):
#   cli_test.sh MINIPY PTY_DRIVER SOURCE_DIR WORK_DIR CASE
# Each case runs the built binary and checks stdout, stderr and the exit status against what
# python3 3.11 does. REPL cases on a terminal go through cli_pty_driver (pty_driver.cpp).
set -u
MINIPY=$1 DRIVER=$2 SRC=$3 CASE=$5
WORK=$4/$CASE
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
export MINIPY_HISTORY="$WORK/history"
unset PYTHONUNBUFFERED

fail() { echo "FAIL [$CASE]: $*" >&2; exit 1; }
# run ARG...: stdin from $STDIN (default /dev/null); stdout -> out, stderr -> err, status -> rc.
run() { "$MINIPY" "$@" <"${STDIN:-/dev/null}" >out 2>err; rc=$?; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit status $rc, expected $1; stderr: $(cat err)"; }
expect_out() { [ "$(cat out)" = "$1" ] || fail "stdout [$(cat out)], expected [$1]; stderr: $(cat err)"; }
expect_err() { [ "$(cat err)" = "$1" ] || fail "stderr [$(cat err)], expected [$1]"; }
expect_err_line() { grep -qxF -- "$1" err || fail "stderr lacks line [$1]: $(cat err)"; }
# A usage error: status 2, the message, then python3's usage line and hint.
expect_usage_error() {
  expect_rc 2
  expect_err "$1
usage: $MINIPY [option] ... [-c cmd | -m mod | file | -] [arg] ...
Try \`minipy -h' for more information."
  [ -s out ] && fail "stdout not empty: $(cat out)"
  return 0
}
# tty ARG... -- STEP...: the REPL on a pseudo-terminal; transcript (no \r) -> tty.
tty() { "$DRIVER" "$MINIPY" "$@" >tty 2>&1 || fail "pty driver failed: $(cat tty)"; }
tty_env() { "$DRIVER" -e "$1" "$MINIPY" "${@:2}" >tty 2>&1 || fail "pty driver failed: $(cat tty)"; }
expect_tty_line() { grep -qxF -- "$1" tty || fail "terminal lacks line [$1]:
$(cat -v tty)"; }
expect_no_tty_line() { grep -qxF -- "$1" tty && fail "terminal has line [$1]:
$(cat -v tty)"; return 0; }
expect_tty_exit() { expect_tty_line "[exit $1]"; }

case $CASE in
version)
  run --version; expect_rc 0; expect_out "Python 3.11.7 (minipy 0.1.0)"
  run -V; expect_rc 0; expect_out "Python 3.11.7 (minipy 0.1.0)"
  ;;
help)
  run -h; expect_rc 0
  head -1 out | grep -qxF "usage: $MINIPY [option] ... [-c cmd | -m mod | file | -] [arg] ..." || fail "usage line: $(head -1 out)"
  grep -q -- "-c cmd" out || fail "no -c in help"
  run --help; expect_rc 0
  ;;
script)
  mkdir sub && printf 'import sys\nprint(__name__, sys.argv, sys.path[0] == %s)\n' "'$WORK/sub'" >sub/s.py
  run sub/s.py a -b --c; expect_rc 0; expect_out "__main__ ['sub/s.py', 'a', '-b', '--c'] True"
  run -- sub/s.py x; expect_rc 0; expect_out "__main__ ['sub/s.py', 'x'] True"
  printf 'import sys\nprint(__file__, sys.argv[0])\n' >f.py
  run f.py; expect_out "$WORK/f.py f.py"
  run ./sub/../f.py; expect_out "$WORK/./sub/../f.py ./sub/../f.py"
  ;;
command)
  run -c 'import sys; print(sys.argv, repr(sys.path[0]), __name__)' a -x --y
  expect_rc 0; expect_out "['-c', 'a', '-x', '--y'] '' __main__"
  run -c 'print(6 * 7)'; expect_out 42
  run '-cprint(1 + 1)'; expect_out 2
  run -uc 'print("combined")'; expect_out combined
  run -c 'import sys; print(sys.argv)' -- -m; expect_out "['-c', '--', '-m']"
  ;;
module)
  mkdir -p pkg/sub
  printf 'import sys\nprint(__name__, sys.argv)\n' >mod.py
  : >pkg/__init__.py
  printf 'import sys\nprint("pkg main", __name__, sys.argv[1:])\n' >pkg/__main__.py
  printf 'print("init of pkg.sub")\n' >pkg/sub/__init__.py
  printf 'print("leaf", __name__)\n' >pkg/sub/leaf.py
  run -m mod a b; expect_rc 0; expect_out "__main__ ['$WORK/mod.py', 'a', 'b']"
  run -m pkg z; expect_rc 0; expect_out "pkg main __main__ ['z']"
  run -m pkg.sub.leaf; expect_rc 0; expect_out "init of pkg.sub
leaf __main__"
  run -m pkg.sub; expect_rc 1
  expect_err "$MINIPY: No module named pkg.sub.__main__; 'pkg.sub' is a package and cannot be directly executed"
  run -m no_such_module; expect_rc 1; expect_err "$MINIPY: No module named no_such_module"
  printf 'x = 1\nprint(x)\n' >d.py
  run -m dis d.py; expect_rc 0
  grep -q LOAD_CONST out || fail "-m dis printed: $(cat out)"
  ;;
code_cache)
  # One compiled-code cache, importlib's .pyc files (vm/code_cache.h), under sys.pycache_prefix:
  # by default minipy's cache directory (never beside CPython's library), PYTHONPYCACHEPREFIX and
  # -X pycache_prefix as in CPython. The native import and importlib's loader share the files; an
  # entry is used only for the exact source bytes it was compiled from (checked hash), so an
  # edit that keeps size and mtime is never served stale; -B / PYTHONDONTWRITEBYTECODE /
  # sys.dont_write_bytecode stop writing; a damaged entry is ignored and rewritten.
  unset PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX XDG_CACHE_HOME
  export HOME=$WORK/home
  cache=$HOME/.cache/minipy
  mkdir -p home
  run -c 'import sys; print(sys.pycache_prefix, sys.dont_write_bytecode)'; expect_rc 0; expect_out "$cache False"
  XDG_CACHE_HOME=$WORK/xdg run -c 'import sys; print(sys.pycache_prefix)'; expect_out "$WORK/xdg/minipy"
  PYTHONPYCACHEPREFIX=$WORK/p run -c 'import sys; print(sys.pycache_prefix)'; expect_out "$WORK/p"
  PYTHONPYCACHEPREFIX=$WORK/p run -E -c 'import sys; print(sys.pycache_prefix)'; expect_out "$cache"
  PYTHONPYCACHEPREFIX=$WORK/p run -X pycache_prefix=$WORK/x -c 'import sys; print(sys.pycache_prefix)'
  expect_out "$WORK/x"
  (unset HOME; run -c 'import sys; print(sys.pycache_prefix, sys.dont_write_bytecode)'); expect_out "None True"
  run -c 'import sys; print(sys.implementation.cache_tag)'; tag=$(cat out)
  pyc=$cache$WORK/m.$tag.pyc
  printf 'print("one")\n' >m.py
  run -B -c 'import m'; expect_rc 0; expect_out one
  [ -e "$cache" ] && fail "-B wrote the cache"
  PYTHONDONTWRITEBYTECODE=1 run -c 'import m'; expect_out one
  [ -e "$cache" ] && fail "PYTHONDONTWRITEBYTECODE wrote the cache"
  run -c 'import sys; sys.dont_write_bytecode = True; import m'; expect_out one
  [ -e "$cache" ] && fail "sys.dont_write_bytecode = True wrote the cache"
  run -c 'import m'; expect_rc 0; expect_out one
  [ -f "$pyc" ] || fail "no entry at $pyc: $(find "$cache")"
  [ -e __pycache__ ] && fail "a .pyc was written beside the source"
  # Checked-hash (flags 3) under CPython's magic number; importlib names the same file and its
  # loader runs it without rewriting it.
  [ "$(head -c 8 "$pyc" | od -An -tx1 | tr -d ' \n')" = a70d0d0a03000000 ] || fail "header: $(head -c 8 "$pyc" | od -An -tx1)"
  cp -p "$pyc" before.pyc
  run -c 'import importlib.util as u
s = u.spec_from_file_location("m", "m.py"); print(s.cached == u.cache_from_source("m.py"))
s.loader.exec_module(u.module_from_spec(s))'
  expect_rc 0; expect_out "True
one"
  cmp -s "$pyc" before.pyc && [ ! "$pyc" -nt before.pyc ] || fail "importlib rewrote the native import's entry"
  # Stale: new bytes, same size, same mtime: recompiled, never served.
  touch -r m.py ref && printf 'print("two")\n' >m.py && touch -r ref m.py
  run -c 'import m'; expect_out two
  # importlib's own timestamp-based .pyc cannot prove its freshness: recompiled and replaced.
  rm "$pyc"
  run -c 'import importlib.util as u
s = u.spec_from_file_location("m", "m.py"); s.loader.exec_module(u.module_from_spec(s))'
  expect_out two
  [ "$(head -c 8 "$pyc" | od -An -tx1 | tr -d ' \n')" = a70d0d0a00000000 ] || fail "importlib wrote no timestamp .pyc"
  run -c 'import m'; expect_out two
  [ "$(head -c 8 "$pyc" | od -An -tx1 | tr -d ' \n')" = a70d0d0a03000000 ] || fail "timestamp .pyc not replaced"
  head -c 20 "$pyc" >damaged && printf 'garbage' >>damaged && mv damaged "$pyc"
  run -c 'import m'; expect_rc 0; expect_out two
  [ "$(stat -c %s "$pyc")" -gt 40 ] || fail "damaged entry not rewritten"
  printf 'x = (\n' >bad.py
  run -c 'import bad'; expect_rc 1; expect_err_line "SyntaxError: '(' was never closed"
  PYTHONPYCACHEPREFIX=/proc/no/such/dir run -c 'import m'; expect_rc 0; expect_out two
  # Nothing beside CPython's library: neither the native import nor importlib (reload,
  # import_module, runpy) writes there, even as root.
  run -c 'import json, os; print(os.path.dirname(os.path.dirname(json.__file__)))'; lib=$(cat out)
  [ -d "$lib/json" ] || fail "no library at [$lib]"
  touch marker
  run -c 'import importlib, json, sys, runpy, heapq
importlib.reload(json); del sys.modules["heapq"]; importlib.import_module("heapq")
runpy.run_module("bisect"); print("ok")'
  expect_rc 0; expect_out ok
  written=$(find "$lib" -newer marker -name '*.minipy-*' 2>/dev/null | head -3)
  [ -z "$written" ] || fail "written into CPython's library: $written"
  ls "$cache$lib"/json/__init__.minipy-311-*.pyc "$cache$lib"/heapq.minipy-311-*.pyc >/dev/null || fail "no entries under $cache$lib"
  ;;
import_path)
  # sys.path as python3 builds it (issue 8): the script's directory ('' for -c, the current
  # directory for -m), PYTHONPATH (an inner empty entry is the current directory), the embedded
  # modules, then CPython's library directory (MINIPY_STDLIB overrides the configured one).
  unset PYTHONPATH MINIPY_STDLIB
  run -c 'import sys; print(sys.path[0] == "", sys.path[-2])'; expect_rc 0; expect_out "True <frozen>"
  PYTHONPATH="/p1::/p2:" run -c 'import sys; print(sys.path[1:4])'
  expect_rc 0; expect_out "['/p1', '$WORK', '/p2']"
  PYTHONPATH=/p1 run -E -c 'import sys; print("/p1" in sys.path)'; expect_out False
  MINIPY_STDLIB=/x/lib run -c 'import sys; print(sys.path[-1])'; expect_out /x/lib
  # The script's directory comes first and shadows the library (keyword is CPython's); -I leaves it out.
  mkdir -p d lib && printf 'import keyword, sys\nprint(keyword.__file__ == sys.path[0] + "/keyword.py")\n' >d/s.py
  printf 'print("own keyword")\n' >d/keyword.py
  run d/s.py; expect_rc 0; expect_out "own keyword
True"
  run -I d/s.py; expect_rc 0; expect_out False
  # PYTHONPATH comes before the embedded modules (queue is minipy's own).
  printf 'print("pythonpath queue")\n' >lib/queue.py
  PYTHONPATH=$WORK/lib run -c "import queue"; expect_rc 0; expect_out "pythonpath queue"
  # Embedded modules come before CPython's library: threading is minipy's own.
  run -c 'import threading; print(hasattr(threading, "__file__"))'; expect_out False
  # Without CPython's library minipy runs on its embedded modules, and a failed import of a
  # CPython module names the Debian package.
  MINIPY_STDLIB=$WORK/none run -c 'import threading, queue; print("embedded ok")'
  expect_rc 0; expect_out "embedded ok"
  # The tutorials' thread and process programs run on the embedded modules alone (issue 8):
  # multiprocessing pickles with the native _pickle and signals with _signal.
  for t in threads/tutorial_cpu_vs_io threads/tutorial_pool_methods processes/pool_map \
      processes/executor_map_submit processes/start_methods; do
    (cd "$SRC/../py/${t%/*}" && MINIPY_STDLIB=$WORK/none "$MINIPY" "${t#*/}.py" </dev/null \
      >"$WORK/embedded.out" 2>"$WORK/embedded.err") ||
      fail "$t in the embedded-only mode: $(tail -3 "$WORK/embedded.err")"
    diff -u "$SRC/../py/$t.exp" "$WORK/embedded.out" >&2 ||
      fail "$t in the embedded-only mode: output differs from python3's"
  done
  MINIPY_STDLIB=$WORK/none run -c 'import json'; expect_rc 1
  expect_err_line "ModuleNotFoundError: No module named 'json' (CPython's standard library is not installed in $WORK/none: install Debian's libpython3.11-stdlib, or set MINIPY_STDLIB to its directory)"
  MINIPY_STDLIB=$WORK/none run -c 'import not_a_module_anywhere'; expect_rc 1
  expect_err_line "ModuleNotFoundError: No module named 'not_a_module_anywhere'"
  run -c 'import sys; print("json" in sys.stdlib_module_names, "posix" in sys.builtin_module_names)'
  expect_out "True True"
  ;;
stdin)
  # The whole script is read first, so input() meets end of file (as in python3).
  printf 'import sys\nprint(sys.argv)\nprint(input())\n' >in.py
  STDIN=in.py run - a b; expect_rc 1
  expect_out "['-', 'a', 'b']"
  expect_err 'Traceback (most recent call last):
  File "<stdin>", line 3, in <module>
EOFError: EOF when reading a line'
  printf 'import sys\nprint(sys.argv)\n' >in2.py
  STDIN=in2.py run; expect_rc 0; expect_out "['']"
  ;;
xoptions)
  run -X foo -Xbar=1 -X switchinterval=0.002 -X gil-checkpoints=every -c 'import sys; print(sorted(sys._xoptions.items()))'
  expect_rc 0; expect_out "[('bar', '1'), ('foo', True), ('gil-checkpoints', 'every'), ('switchinterval', '0.002')]"
  ;;
hash_seed)
  # str/bytes hashes and set order under a fixed PYTHONHASHSEED: the values python3 3.11 prints.
  code='w = "the quick brown fox jumps over lazy dog épée 中文 😀".split(); print(hash("abc"), hash(b"abc"), hash("épée"), hash("中文"), hash("😀")); print(set(w)); print({"alpha", "beta", "gamma", "delta", "eps"}); import sys; print(sys.flags.hash_randomization)'
  PYTHONHASHSEED=0 run -c "$code"; expect_rc 0; expect_out "-4594863902769663758 -4594863902769663758 7407019477005382 501833946989431548 -3536540696076613844
{'épée', 'brown', 'fox', '😀', 'the', 'over', 'quick', 'jumps', 'lazy', '中文', 'dog'}
{'alpha', 'beta', 'eps', 'delta', 'gamma'}
0"
  PYTHONHASHSEED=42 run -c "$code"; expect_rc 0; expect_out "3869580338025362921 3869580338025362921 3487998980326632600 4786665480535555245 6601963133753205906
{'quick', 'fox', 'lazy', '中文', 'over', '😀', 'the', 'dog', 'épée', 'brown', 'jumps'}
{'delta', 'eps', 'beta', 'alpha', 'gamma'}
1"
  # -E ignores the variable (randomised again); a malformed seed is fatal before start-up.
  PYTHONHASHSEED=0 run -E -c 'import sys; print(sys.flags.hash_randomization, sys.flags.ignore_environment)'
  expect_rc 0; expect_out "1 1"
  PYTHONHASHSEED=nope run -c pass; expect_rc 1
  expect_err 'Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be "random" or an integer in range [0; 4294967295]
Python runtime state: preinitialized'
  PYTHONHASHSEED=4294967296 run -c pass; expect_rc 1
  # Unset or "random": a fresh secret per run, so two runs almost surely differ.
  unset PYTHONHASHSEED
  run -c 'print(hash("minipy"))'; cp out first
  PYTHONHASHSEED=random run -c 'print(hash("minipy"))'
  [ "$(cat out)" != "$(cat first)" ] || fail "two randomised runs gave the same str hash $(cat out)"
  ;;
gil_switch)
  # Free-threaded builds only (registered when MINIPY_FREE_THREADING is on): the GIL is off by
  # default, -X gil and PYTHON_GIL turn it on or off (-X wins), other values are fatal as in
  # CPython 3.13t. An empty PYTHON_GIL counts as unset (the test presets set it for every test).
  code='import sys; print(sys._is_gil_enabled())'
  PYTHON_GIL= run -c "$code"; expect_rc 0; expect_out "False"
  PYTHON_GIL= run -X gil=1 -c "$code"; expect_out "True"
  PYTHON_GIL= run -X gil=0 -c "$code"; expect_out "False"
  PYTHON_GIL=1 run -c "$code"; expect_out "True"
  PYTHON_GIL=0 run -c "$code"; expect_out "False"
  PYTHON_GIL=1 run -X gil=0 -c "$code"; expect_out "False"
  PYTHON_GIL=0 run -X gil=1 -c "$code"; expect_out "True"
  PYTHON_GIL= run -X gil=2 -c "$code"; expect_rc 1
  expect_err_line 'Fatal Python error: config_read_gil: PYTHON_GIL / -X gil must be "0" or "1"'
  PYTHON_GIL=yes run -c "$code"; expect_rc 1
  ;;
int_max_str_digits)
  # -X int_max_str_digits beats PYTHONINTMAXSTRDIGITS; both show in sys.flags; bad values are fatal.
  code='import sys; print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits())'
  run -c "$code"; expect_rc 0; expect_out "-1 4300"
  run -X int_max_str_digits=5000 -c "$code"; expect_rc 0; expect_out "5000 5000"
  PYTHONINTMAXSTRDIGITS=1000 run -c "$code"; expect_rc 0; expect_out "1000 1000"
  PYTHONINTMAXSTRDIGITS=1000 run -X int_max_str_digits=0 -c "$code"; expect_rc 0; expect_out "0 0"
  PYTHONINTMAXSTRDIGITS=1000 run -E -c "$code"; expect_rc 0; expect_out "-1 4300"
  run -X int_max_str_digits=700 -c 'print(len(str(10 ** 699)))'; expect_out 700
  run -X int_max_str_digits=5 -c pass; expect_rc 1
  expect_err 'Fatal Python error: config_init_int_max_str_digits: -X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.
Python runtime state: preinitialized'
  PYTHONINTMAXSTRDIGITS=abc run -c pass; expect_rc 1
  expect_err 'Fatal Python error: config_init_int_max_str_digits: PYTHONINTMAXSTRDIGITS: invalid limit; must be >= 640 or 0 for unlimited.
Python runtime state: preinitialized'
  ;;
unbuffered)
  # With -u a print reaches the pipe before a later os.write (python3 prints a then b).
  code='import os, sys; print("a"); os.write(1, b"b\n")'
  run -u -c "$code"; expect_rc 0; expect_out "a
b"
  PYTHONUNBUFFERED=1 run -c "$code"; expect_out "a
b"
  run -c "$code"; expect_out "b
a"
  ;;
usage_errors)
  run -z; expect_usage_error "Unknown option: -z"
  run -c; expect_usage_error "Argument expected for the -c option"
  run -m; expect_usage_error "Argument expected for the -m option"
  run -X; expect_usage_error "Argument expected for the -X option"
  run --frobnicate; expect_usage_error "unknown option --frobnicate"
  ;;
missing_script)
  run nope.py arg; expect_rc 2
  expect_err "$MINIPY: can't open file '$WORK/nope.py': [Errno 2] No such file or directory"
  run "$WORK/../$CASE/nope.py"; expect_rc 2
  expect_err "$MINIPY: can't open file '$WORK/../$CASE/nope.py': [Errno 2] No such file or directory"
  ;;
exit_codes)
  run -c 'raise SystemExit(7)'; expect_rc 7; expect_err ""
  run -c 'import sys; sys.exit("bye")'; expect_rc 1; expect_err "bye"
  run -c 'exit()'; expect_rc 0
  run -c '1/0'; expect_rc 1; expect_err_line "ZeroDivisionError: division by zero"
  run -c 'x = )'; expect_rc 1; expect_err_line "SyntaxError: unmatched ')'"
  ;;
repl_pipe)
  # -i with stdin from a file: prompts on stderr, values through sys.displayhook. The
  # expected transcript was made by python3 -q -i.
  "$MINIPY" -q -i <"$SRC/repl_pipe.in" >out 2>&1; rc=$?
  expect_rc 4
  diff -u "$SRC/repl_pipe.exp" out >&2 || fail "transcript differs from python3's"
  ;;
repl_inspect)
  printf 'x * 2\n' >in
  STDIN=in run -i -c 'x = 5'; expect_rc 0; expect_out 10
  STDIN=in run -i -c 'x = 5; raise SystemExit(3)'; expect_rc 0; expect_out 10
  expect_err_line "SystemExit: 3"
  printf 'print("hi")\n' >in
  STDIN=in run -i; expect_rc 0; expect_out hi
  head -1 err | grep -q "^Python 3.11.7 (minipy" || fail "no banner: $(cat err)"
  ;;
repl_tty_basic)
  tty -- 'x = 6\r' 'print("value", x * 7)\r' 'for i in range(2):\r' '\tprint("loop", i)\r' '\r' \
      '1/0\r' 'print("still", "here")\r' '\x04'
  expect_tty_line "value 42"
  expect_tty_line "loop 0"
  expect_tty_line "loop 1"
  expect_tty_line '  File "<stdin>", line 1, in <module>'
  expect_tty_line "ZeroDivisionError: division by zero"
  expect_tty_line "still here"
  grep -q '^Python 3.11.7 (minipy 0.1.0) on linux' tty || fail "no banner"
  grep -qF '... ' tty || fail "no continuation prompt"
  expect_tty_exit 0
  ;;
repl_tty_editing)
  # Arrows, Home/End, Backspace/Delete; Ctrl-A/E/B/F/K/U/W; Tab inserts 4 spaces.
  tty -q -- '*7\<home>x = 6\<end> + 1\<left>\<left>\<left>\<left>\x7f\x7f\r' \
      'print("A", x)\r' \
      'print("B", 1 + 2xyz)\<left>\<left>\<left>\<left>\x0b)\r' \
      'print("junk")\x15print("C", 3)\r' \
      'print("D", 4) + more words\x17\x17\x17\r' \
      'print("E", 55)\x01\<right>\<right>\<right>\<right>\<right>\<right>\<right>\<right>\<right>\<right>\<right>\<del>\r' \
      '5)\x01print("F", \x05\r' \
      'if True:\r' '\tprint("G", 7)\r' '\r' \
      '\x04'
  expect_tty_line "A 7"
  expect_tty_line "B 3"
  expect_tty_line "C 3"
  expect_tty_line "D 4"
  expect_tty_line "E 5"
  expect_tty_line "F 5"
  expect_tty_line "G 7"
  expect_no_tty_line "junk"
  expect_tty_exit 0
  ;;
repl_tty_history)
  tty -q -- 'print("H", 1)\r' 'print("H", 2)\r' '\<up>\<up>\r' '\x10\x10\x10\x0e\r' \
      '\<up>\<left>0\r' 'exit(0)\r'
  [ "$(grep -cxF 'H 1' tty)" = 2 ] || fail "up-up did not recall the first line: $(cat -v tty)"
  [ "$(grep -cxF 'H 2' tty)" = 2 ] || fail "Ctrl-P/N did not recall the second line: $(cat -v tty)"
  expect_tty_line "H 20"
  expect_tty_exit 0
  # The history file keeps the session for the next one.
  grep -qxF 'print("H", 20)' history || fail "history file: $(cat history)"
  tty -q -- '\<up>\<up>\r' '\x04'
  [ "$(grep -cxF 'H 20' tty)" = 1 ] || fail "history not reloaded: $(cat -v tty)"
  ;;
repl_tty_interrupt)
  # Ctrl-C abandons the line (and a half-typed block), prints KeyboardInterrupt, goes on.
  tty -q -- 'print("lost")\x03' 'for i in range(3):\r' 'print(i)\x03' 'print("after")\r' \
      'while True: pass\r' '\r' '\x03' 'print("alive")\r' '\x04'
  [ "$(grep -cxF KeyboardInterrupt tty)" = 3 ] || fail "KeyboardInterrupt count: $(cat -v tty)"
  expect_tty_line "after"
  expect_tty_line "alive"
  expect_no_tty_line "lost"
  expect_no_tty_line "0"
  expect_tty_exit 0
  ;;
repl_tty_exit)
  tty -q -- 'exit(3)\r'; expect_tty_exit 3
  tty -q -- 'import sys; sys.exit(5)\r'; expect_tty_exit 5
  tty -q -- 'raise SystemExit\r'; expect_tty_exit 0
  tty -q -- 'abc\x04\x04\x04\r' '\x04'; expect_tty_exit 0
  ;;
repl_tty_dumb)
  # A dumb terminal gets plain line reading: prompts on stderr, no escapes.
  tty_env TERM=dumb -q -- 'print("dumb", 6 * 7)\r' 'if 1:\r' '  print("in block")\r' '\r' '\x04'
  expect_tty_line "dumb 42"
  expect_tty_line "in block"
  grep -q $'\e' tty && fail "escape sequences on a dumb terminal: $(cat -v tty)"
  expect_tty_exit 0
  ;;
*)
  fail "unknown case"
  ;;
esac
exit 0
