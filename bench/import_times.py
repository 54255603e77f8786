#!/usr/bin/env python3
"""Import-time comparison: minipy against CPython for importing library modules.

    python3 bench/import_times.py [--minipy PATH] [--runs N] [--only MODULE ...]

For each module, `INTERP -c "import MODULE"` runs N times on each interpreter, interleaved
(A B C A B C ...), and the table shows the median wall time less the median start-up
(`-c pass`), in milliseconds:

- warm: the compiled-code caches are filled (a first run fills minipy's ~/.cache/minipy and
  CPython's __pycache__), as a user sees from the second run on;
- cold: nothing cached: PYTHONPYCACHEPREFIX (which minipy honours as CPython does) set
  to a fresh empty directory for every run, so every module is compiled from source.

The last row is the line of issue 8 ("a warm `minipy -c "import json, re, ..."` must take no
longer than python3 -c of the same line"). CPython's -X importtime has no minipy counterpart, so
both sides are measured the same way, by wall time. Output: a Markdown table.

The machine must be quiet: under load the figures mean nothing. Runs on CPython (it uses
run.py's process runner); the interpreters compared are minipy, the python3 on PATH and
/usr/bin/python3.11.
"""

import argparse
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, print_table, resolve_python3, run_once  # noqa: E402

MODULES = ["collections", "re", "json", "dataclasses", "typing", "enum", "functools",
           "pathlib", "argparse", "logging", "datetime", "decimal", "inspect", "asyncio",
           "unittest", "subprocess", "threading", "concurrent.futures", "email.message",
           "http.client"]
ISSUE_LINE = "json, re, collections, dataclasses, typing, argparse, logging, unittest"


def interpreters(minipy):
    out = [("minipy", [minipy], "PYTHONPYCACHEPREFIX")]
    py3 = resolve_python3()
    if py3 and os.path.realpath(py3) != os.path.realpath("/usr/bin/python3.11"):
        out.append(("python3", [py3], "PYTHONPYCACHEPREFIX"))
    if os.path.exists("/usr/bin/python3.11"):
        out.append(("python3.11", ["/usr/bin/python3.11"], "PYTHONPYCACHEPREFIX"))
    return out


def median_ms(times):
    return statistics.median(times) * 1000 if times else None


def measure(interps, code, runs, cold, timeout):
    """Median wall time (ms) of `-c code` for each interpreter; None where a run failed."""
    times = {label: [] for label, _, _ in interps}
    failed = {}
    for _ in range(runs):
        for label, cmd, cache_var in interps:
            if label in failed:
                continue
            with tempfile.TemporaryDirectory(prefix="import_times_") as fresh:
                env = {cache_var: fresh} if cold else None
                r = run_once(cmd + ["-c"], code, timeout, ROOT, measure_mem=False, env=env)
            if not r.ok:
                lines = [l for l in r.err.splitlines() if l.strip()]
                failed[label] = lines[-1][:100] if lines else "exit code %d" % r.code
                continue
            times[label].append(r.wall)
    return {label: median_ms(times[label]) for label, _, _ in interps}, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minipy", default=os.path.join(ROOT, "build", "release", "minipy"))
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--only", nargs="*", help="modules to measure (default: a fixed list)")
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    # Warm means cached: a PYTHONDONTWRITEBYTECODE in the environment would keep both minipy's
    # cache and CPython's __pycache__ from being written by the filling run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    interps = interpreters(os.path.abspath(args.minipy))
    labels = [label for label, _, _ in interps]
    modules = args.only or MODULES
    lines = [(m, "import " + m) for m in modules] + [("(issue 8 line)", "import " + ISSUE_LINE)]

    # Fill the caches once, so that "warm" means warm for every interpreter.
    for _, code in lines:
        for _, cmd, _ in interps:
            run_once(cmd + ["-c"], code, args.timeout, ROOT, measure_mem=False)

    start, start_failed = measure(interps, "pass", args.runs, False, args.timeout)
    failures = dict(start_failed)
    rows = []
    for name, code in lines:
        warm, wf = measure(interps, code, args.runs, False, args.timeout)
        cold, cf = measure(interps, code, args.runs, True, args.timeout)
        for label, why in list(wf.items()) + list(cf.items()):
            failures.setdefault(label + " " + name, why)
        row = [name]
        for label in labels:
            for figures in (warm, cold):
                t, s = figures[label], start[label]
                row.append("FAIL" if t is None or s is None else "%.1f" % max(0.0, t - s))
        ref = labels[-1]
        w_ours, w_ref = warm["minipy"], warm[ref]
        if None in (w_ours, w_ref, start["minipy"], start[ref]):
            row.append("n/a")
        else:
            ours, theirs = w_ours - start["minipy"], w_ref - start[ref]
            row.append("%.2f" % (ours / theirs) if theirs > 0.05 else "n/a")
        rows.append(row)

    head = ["module"]
    for label in labels:
        head += [label + " warm", label + " cold"]
    head.append("warm minipy/" + labels[-1])
    print("Import time in ms beyond start-up (median of %d runs; start-up: %s)" % (
        args.runs, ", ".join("%s %s" % (l, "FAIL" if start[l] is None else "%.1f ms" % start[l])
                             for l in labels)))
    print()
    print_table(head, rows)
    for what, why in failures.items():
        print("\nFAIL %s: %s" % (what, why))


if __name__ == "__main__":
    main()
