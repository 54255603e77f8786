#!/usr/bin/env python3
"""CPython's regression tests as minipy's conformance suite.

Runs chosen modules of CPython's `test` package (Debian's libpython3.11-testsuite) on minipy,
one process per module (`minipy -m unittest -v test.test_x`), so that a crash or a hang costs
one module, and counts how many tests each module passes. With --baseline it fails when any
module passes fewer tests than the checked-in baseline says (or crashes where it did not); with
--update it rewrites the baseline. With --reference it also runs the same modules on CPython
and prints the pass ratio against CPython's own pass count (the issue's >= 90% figure).

  run_cpython_tests.py --minipy build/release/minipy --list tests/cpython/fast.txt \\
      --baseline tests/cpython/baseline.txt            # what CTest (label cpython) runs
  run_cpython_tests.py --minipy build/release/minipy --list tests/cpython/all.txt \\
      --reference /usr/bin/python3.11 --table          # the whole list, with CPython's figures

Runs with python3 (the host's), never with minipy itself: the runner must survive minipy's
crashes.

Sanitizer builds: a module whose run ends in a sanitizer report (LeakSanitizer's exit status 23
after minipy's final collection, an AddressSanitizer, UndefinedBehaviorSanitizer or
ThreadSanitizer error) fails, whatever its pass count, and the report is printed. Timeouts are
multiplied by --timeout-factor, which defaults to 5 for an ASan binary and 10 for a TSan one
(sanitized code runs several times slower), 1 otherwise.
"""

import argparse
import concurrent.futures
import mmap
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# One verdict per test in `unittest -v` output: "name (id) ... ok", possibly after a docstring
# line; subtests that fail add their own FAIL/ERROR lines but no extra ok.
VERDICT = re.compile(r' \.\.\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$')
# The verdict alone on a line: a test whose own output (a log line on stderr, such as asyncio's
# "Executing <Task ...> took 0.362 seconds" slow-callback warning in debug mode, common under
# ASan) came between "name (id) ... " and its verdict.
LONE_VERDICT = re.compile(r'^(ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$')
TEST_HEADER = re.compile(r'^\w+ \([\w.]+\) \.\.\. ')

# The first line of a sanitizer's report. LeakSanitizer's comes with minipy's exit status 23
# (cli/main.cpp); the others end the process with status 1 (ASan, UBSan built with
# -fno-sanitize-recover) or 66 (TSan at exit), which alone cannot be told from failed tests.
# UBSan's line may follow unittest's progress output on the same line.
SANITIZER_REPORT = re.compile(r'^==\d+==ERROR: \w+Sanitizer|^WARNING: ThreadSanitizer:|'
                              r'(?:\.\./)*[\w/+-]+\.\w+:\d+:\d+: runtime error: ', re.M)
LEAK_EXIT_STATUS = 23
# Lines of a report printed under the module's row: the first stack frames tell the leak or the
# error; the rest is in the module's output when run by hand.
REPORT_LINES = 60


class Result:
    def __init__(self, module):
        self.module = module
        self.passed = self.failed = self.errors = self.skipped = 0
        self.status = 'ran'  # ran | crashed (signal N) | timeout | no-tests (import failed, …)
        #                      | leaked | sanitizer error
        self.seconds = 0.0
        self.tail = ''
        self.report = ''  # a sanitizer's report, when the run ended with one

    def sanitizer_failed(self):
        return bool(self.report)

    def row(self):
        return '%-28s %6d %6d %6d %6d  %-16s %6.1fs' % (self.module, self.passed, self.failed,
                                                      self.errors, self.skipped, self.status,
                                                      self.seconds)


def run_module(interpreter, module, timeout, extra_env=None):
    res = Result(module)
    env = dict(os.environ)
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    env.update(extra_env or {})
    with tempfile.TemporaryDirectory(prefix='cpython_test_') as cwd:
        t0 = time.monotonic()
        try:
            proc = subprocess.run([interpreter, '-m', 'unittest', '-v', 'test.' + module],
                                  cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  timeout=timeout, start_new_session=True)
            out, rc = proc.stdout, proc.returncode
        except subprocess.TimeoutExpired as e:
            out, rc = e.stdout or b'', None
            res.status = 'timeout'
        res.seconds = time.monotonic() - t0
    text = out.decode('utf-8', 'replace')
    awaiting = False  # a test's header was printed and its verdict not yet
    for line in text.splitlines():
        m = VERDICT.search(line)
        if not m and awaiting:
            m = LONE_VERDICT.match(line)
        if not m:
            if TEST_HEADER.match(line):
                awaiting = True
            continue
        awaiting = False
        verdict = m.group(1)
        if verdict == 'ok':
            res.passed += 1
        elif verdict == 'FAIL' or verdict == 'unexpected success':
            res.failed += 1
        elif verdict == 'ERROR':
            res.errors += 1
        else:
            res.skipped += 1
    m = SANITIZER_REPORT.search(text)
    if m:
        lines = text[m.start():].splitlines()
        summary = [l for l in lines[REPORT_LINES:] if l.startswith('SUMMARY: ')]
        res.report = '\n'.join(lines[:REPORT_LINES] + (['...'] if len(lines) > REPORT_LINES else [])
                               + summary)
    if rc is not None and rc < 0:
        res.status = 'crashed (%s)' % signal.Signals(-rc).name
    elif rc == LEAK_EXIT_STATUS and 'LeakSanitizer' in res.report:
        res.status = 'leaked'
    elif res.report:
        res.status = 'sanitizer error'
    elif rc is not None and res.passed + res.failed + res.errors + res.skipped == 0:
        res.status = 'no-tests'
    res.tail = '\n'.join(text.splitlines()[-15:])
    return res


def sanitizer_timeout_factor(binary):
    """5 for an AddressSanitizer build of minipy, 10 for a ThreadSanitizer one, else 1: the
    sanitizer's runtime is linked in, so its entry point's name is in the binary."""
    try:
        with open(binary, 'rb') as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            if m.find(b'__tsan_init') >= 0:
                return 10.0
            if m.find(b'__asan_init') >= 0:
                return 5.0
    except (OSError, ValueError):
        pass
    return 1.0


def read_list(path):
    mods = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                mods.append(line)
    return mods


def read_baseline(path):
    base = {}
    if os.path.exists(path):
        for line in open(path):
            line = line.split('#', 1)[0].split()
            if len(line) >= 2:
                base[line[0]] = int(line[1])
    return base


def write_baseline(path, results):
    with open(path, 'w') as f:
        f.write('# Tests of each CPython test module that minipy passes (run_cpython_tests.py\n'
                '# --update writes it; CTest fails when a module passes fewer).\n')
        for r in sorted(results, key=lambda r: r.module):
            f.write('%s %d\n' % (r.module, r.passed))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--minipy', required=True)
    ap.add_argument('--list', help='file naming one test module per line')
    ap.add_argument('modules', nargs='*', help='test modules (test_int …), beside or instead of --list')
    ap.add_argument('--baseline', help='fail on any drop below this file\'s counts')
    ap.add_argument('--update', action='store_true', help='rewrite --baseline from this run')
    ap.add_argument('--reference', help='CPython to run the same modules on, for the pass ratio')
    ap.add_argument('--timeout', type=float, default=300, help='seconds per module (before the factor)')
    ap.add_argument('--timeout-factor', type=float,
                    help='multiplies --timeout for minipy (default: 5 for an ASan build, 10 for TSan, else 1)')
    ap.add_argument('--jobs', type=int, default=max(1, min(2, os.cpu_count() or 1)))
    ap.add_argument('--table', action='store_true', help='print the per-module table')
    ap.add_argument('-v', '--verbose', action='store_true', help='show the output tail of bad modules')
    args = ap.parse_args()
    # Each module runs in its own temporary directory: a relative interpreter path must not
    # depend on it.
    for attr in ('minipy', 'reference'):
        path = getattr(args, attr)
        if path and os.sep in path:
            setattr(args, attr, os.path.abspath(path))

    factor = args.timeout_factor
    if factor is None:
        factor = sanitizer_timeout_factor(shutil.which(args.minipy) or args.minipy)
    minipy_timeout = args.timeout * factor

    modules = list(args.modules)
    if args.list:
        modules += read_list(args.list)
    if not modules:
        ap.error('no test modules given')
    testdir = None
    probe = subprocess.run([args.reference or sys.executable, '-c',
                            'import test, os; print(os.path.dirname(test.__file__))'],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if probe.returncode == 0:
        testdir = probe.stdout.decode().strip()
    if testdir is None or not os.path.exists(os.path.join(testdir, 'test_int.py')):
        print('run_cpython_tests: CPython\'s test package is missing: install Debian\'s '
              'libpython3.11-testsuite (tools/bootstrap.sh does)', file=sys.stderr)
        return 77  # CTest's SKIP_RETURN_CODE

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        ours = list(pool.map(lambda m: run_module(args.minipy, m, minipy_timeout), modules))
        theirs = {}
        if args.reference:
            theirs = {r.module: r for r in
                      pool.map(lambda m: run_module(args.reference, m, args.timeout), modules)}

    print('%-28s %6s %6s %6s %6s  %-16s %7s%s' % ('module', 'pass', 'fail', 'error', 'skip',
                                                  'status', 'time',
                                                  '  cpython  ratio' if theirs else ''))
    total_ours = total_theirs = 0
    for r in ours:
        line = r.row()
        if theirs:
            ref = theirs[r.module].passed
            total_ours += min(r.passed, ref)
            total_theirs += ref
            line += '  %7d  %5.1f%%' % (ref, 100.0 * r.passed / ref if ref else 0.0)
        if args.table or r.status != 'ran' or theirs:
            print(line)
        if args.verbose and r.status != 'ran' and not r.report:
            print('    ' + r.tail.replace('\n', '\n    '))
    if theirs and total_theirs:
        print('TOTAL: minipy passes %d of the %d tests CPython passes (%.1f%%)'
              % (total_ours, total_theirs, 100.0 * total_ours / total_theirs))

    status = 0
    for r in ours:
        if r.sanitizer_failed():
            # A leak or a memory error is a bug however many tests passed: no second run, and
            # no baseline hides it.
            print('%s %s: %d passed, %s' % ('LEAK' if r.status == 'leaked' else 'SANITIZER',
                                           r.module, r.passed, r.status))
            print('    ' + r.report.replace('\n', '\n    '))
            status = 1
    if args.baseline and args.update:
        write_baseline(args.baseline, ours)
        print('run_cpython_tests: wrote', args.baseline)
    elif args.baseline:
        base = read_baseline(args.baseline)
        for r in ours:
            if r.sanitizer_failed():
                continue  # reported above
            want = base.get(r.module)
            if want is None:
                print('NEW %s: %d passed (not in the baseline: run with --update)' % (r.module, r.passed))
                continue
            if r.passed < want or r.status.startswith(('crashed', 'timeout')):
                # Some tests time things; a loaded 2-core machine can fail one now and then. A
                # regression drops in the second run too, a neighbour's burst does not.
                again = run_module(args.minipy, r.module, minipy_timeout)
                if again.passed >= want and again.status == 'ran':
                    print('FLAKY %s: %d passed, then %d on a second run (baseline %d)'
                          % (r.module, r.passed, again.passed, want))
                    continue
                r = again
                print('DROP %s: %d passed, baseline %d, %s' % (r.module, r.passed, want, r.status))
                print('    ' + (r.report or r.tail).replace('\n', '\n    '))
                status = 1
            elif r.passed > want:
                print('GAIN %s: %d passed, baseline %d (raise it with --update)' % (r.module, r.passed, want))
    return status


if __name__ == '__main__':
    sys.exit(main())
