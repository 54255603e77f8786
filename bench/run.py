#!/usr/bin/env python3
"""Benchmark runner for minipy: compares minipy with python3, /usr/bin/python3.11 and pypy3.

    python3 bench/run.py [--minipy PATH] [--repeat N] [--only NAME ...] [--threads]

Without --threads: runs every program in bench/programs/ on the interpreters
(pypy3 only when Debian's pypy3 is installed: `tools/bootstrap.sh bench` installs it), interleaved (A B C A B C ...), N times each, measures wall time
and peak RSS (os.wait4 rusage), checks that all outputs agree and prints a
Markdown table, the geometric mean of the time ratios and the start-up time.

With --threads: runs the experiment programs in bench/threads/ once on each
interpreter and prints their key=value results side by side, with the
minipy/python3 ratio and CPython 3.11's figure from shared/GIL_NOTES.md section 5.

This file runs on CPython (it may use the whole standard library); the programs
it runs are written for minipy too.
"""

import argparse
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "programs")
THREADS = os.path.join(HERE, "threads")

# CPython 3.11 figures on a 2-core machine (shared/GIL_NOTES.md, section 5).
REFERENCE = {
    "ratio_thr2_seq": "1.01",
    "ratio_thr4_seq": "1.03",
    "si0_1ms_switches_per_s": "4864",
    "si0_5ms_switches_per_s": "1633",
    "si1ms_switches_per_s": "895",
    "si5ms_switches_per_s": "193",
    "si50ms_switches_per_s": "19.7",
    "si0_1ms_share_thread0": "0.5",
    "si0_5ms_share_thread0": "0.5",
    "si1ms_share_thread0": "0.5",
    "si5ms_share_thread0": "0.5",
    "si50ms_share_thread0": "0.5",
    "si0_1ms_throughput_vs_alone": ">=0.96",
    "plain_thr2_lost": "0",
    "plain_thr8_lost": "0",
    "plain_si1us_thr2_lost": "0",
    "rcw_thr2_lost_pct": "29-72",
    "rcw_thr8_lost_pct": "29-72",
    "locked_thr2_lost": "0",
    "locked_thr8_lost": "0",
    "vs_native_call_max_ms": "416",
    "vs_python_loop_max_ms": "6.2",
    "si0_5ms_io_slowdown": "4.3",
    "si5ms_io_slowdown": "30",
    "si50ms_io_slowdown": "283",
    "si0_5ms_cpu_speed_vs_alone": "~1",
    "si5ms_cpu_speed_vs_alone": "~1",
    "si50ms_cpu_speed_vs_alone": "~1",
    "kept_gil_pct": "97",
    "sleep10x1s_wall_s": "1.002",
    "sleep1000x0_1s_wall_s": "0.195",
    "sleep10x1s_vs_cpu_wall_s": "1.06",
    "uncontended_acquire_release_net_ns": "69",
    "child_active_count": "1",
    "child_is_main_thread": "1",
    "child_lock_acquire_0_2s": "False",
    "child_new_thread_works": "1",
    "child_hook_order": "before2,before1,child1,child2",
    "parent_hook_order": "before2,before1,parent1,parent2",
    "start_join_each_us": "56",
    "ratio_2threads_seq": "~1",
    "ratio_2processes_seq": "0.55",
    "ratio_pool2_seq": "~0.55",
    "process_start_join_ms": "1.9",
    "pool2_create_map_close_ms": "6.7",
}


class Result:
    __slots__ = ("ok", "wall", "maxrss_kb", "out", "err", "code")

    def __init__(self, ok, wall, maxrss_kb, out, err, code):
        self.ok = ok
        self.wall = wall
        self.maxrss_kb = maxrss_kb
        self.out = out
        self.err = err
        self.code = code


def resolve_python3():
    """The python3 on PATH; a pyenv/asdf shim is resolved to the real binary
    (a shim is a shell script that adds ~0.2 s to every run)."""
    exe = shutil.which("python3")
    if exe is None:
        return None
    try:
        real = subprocess.run([exe, "-c", "import sys; print(sys.executable)"],
                              capture_output=True, text=True, timeout=60).stdout.strip()
        if real and os.path.exists(real):
            return real
    except Exception:
        pass
    return exe


GNU_TIME = "/usr/bin/time"


def run_once(cmd, script, timeout, cwd, measure_mem=True, env=None):
    """Run `cmd script`; return a Result with wall time and peak RSS of the child.

    Peak RSS: the kernel's ru_maxrss of a child includes the RSS of the process
    it was forked from at the moment of exec (the runner, ~15 MB), so when GNU
    time is installed the program is started through it (a ~1 MB process, which
    reports the ru_maxrss it gets from wait4); otherwise os.wait4's own figure is
    used (an upper bound).  measure_mem=False runs the program directly (for
    start-up timing)."""
    use_time = measure_mem and os.access(GNU_TIME, os.X_OK)
    with tempfile.TemporaryFile() as fout, tempfile.TemporaryFile() as ferr, \
            tempfile.NamedTemporaryFile(mode="r") as ftime:
        argv = cmd + [script]
        if use_time:
            argv = [GNU_TIME, "-f", "%M", "-o", ftime.name] + argv
        try:
            t0 = time.perf_counter()
            p = subprocess.Popen(argv, stdout=fout, stderr=ferr,
                                 stdin=subprocess.DEVNULL, cwd=cwd,
                                 start_new_session=True,
                                 env=dict(os.environ, **env) if env else None)
        except OSError as e:
            return Result(False, 0.0, 0, "", str(e), -1)
        killed = []

        def kill():
            killed.append(True)
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        p.returncode = code
        # children left over by the program (e.g. multiprocessing workers)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        maxrss = ru.ru_maxrss  # KiB on Linux
        if use_time:
            nums = [l.strip() for l in ftime.read().splitlines() if l.strip().isdigit()]
            if nums:
                maxrss = int(nums[-1])
        fout.seek(0)
        ferr.seek(0)
        out = fout.read().decode("utf-8", "replace")
        err = ferr.read().decode("utf-8", "replace")
        if killed:
            err += "\n[timed out after %g s]" % timeout
        if code != 0 and not err.strip() and use_time:
            err = "exit code %d" % code
        return Result(code == 0 and not killed, wall, maxrss, out, err, code)


def fmt_time(t):
    return "%.3f" % t


def fmt_mb(kb):
    return "%.1f" % (kb / 1024.0)


def list_programs(folder, only):
    names = sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".py"))
    if only:
        wanted = set(only)
        names = [n for n in names if n in wanted]
    return names


def first_error_line(res):
    lines = [l for l in res.err.strip().splitlines() if l.strip()]
    return lines[-1][:120] if lines else "exit code %d" % res.code


def bench_programs(interps, repeat, only, timeout):
    names = [n for n in list_programs(PROGRAMS, only) if n != "startup"]
    labels = [label for label, _ in interps]
    rows = []
    others = [label for label in labels if label != "minipy"]
    ratios = {label: [] for label in others}  # minipy / that interpreter, per program
    notes = []
    for name in names:
        script = os.path.join(PROGRAMS, name + ".py")
        results = {label: [] for label in labels}
        for _ in range(repeat):
            for label, cmd in interps:
                if cmd is None:
                    continue
                if results[label] and not results[label][-1].ok:
                    continue  # failed once: do not insist
                results[label].append(run_once(cmd, script, timeout, ROOT))
        # reference output: python3's first successful run, else any
        ref = None
        for label in ["python3"] + labels:
            for r in results.get(label, []):
                if r.ok:
                    ref = r.out
                    break
            if ref is not None:
                break
        med = {}
        mem = {}
        status = []
        for label in labels:
            rs = results[label]
            if not rs or not all(r.ok for r in rs):
                med[label] = None
                mem[label] = None
                if rs:
                    bad = [r for r in rs if not r.ok][0]
                    notes.append("%s on %s: FAIL (%s)" % (name, label, first_error_line(bad)))
                else:
                    notes.append("%s on %s: FAIL (interpreter not found)" % (name, label))
                continue
            med[label] = statistics.median(r.wall for r in rs)
            mem[label] = max(r.maxrss_kb for r in rs)
            if ref is not None and any(r.out != ref for r in rs):
                status.append("MISMATCH " + label)
                wrong = [r for r in rs if r.out != ref][0].out.strip().splitlines()
                notes.append("%s on %s: output differs: %r (expected %r)"
                             % (name, label, wrong[:1], ref.strip().splitlines()[:1]))

        def ratio(a, b, acc):
            if med.get(a) is None or med.get(b) is None or med[b] <= 0:
                return "n/a"
            r = med[a] / med[b]
            acc.append(r)
            return "%.2f" % r
        row = [name]
        row += [fmt_time(med[l]) if med[l] is not None else "FAIL" for l in labels]
        row += [ratio("minipy", other, ratios[other]) for other in others]
        row += [fmt_mb(mem[l]) if mem[l] is not None else "FAIL" for l in labels]
        row.append(", ".join(status) if status else "ok")
        rows.append(row)
        print("  %-16s done" % name, file=sys.stderr)

    head = (["program"] + ["%s s" % l for l in labels]
            + ["minipy/" + other for other in others]
            + ["%s MB" % l for l in labels] + ["output"])
    print()
    print("Median wall time of %d runs (interleaved), peak RSS (max over runs)." % repeat)
    print()
    print_table(head, rows)
    print()

    def geo(xs):
        return "%.2f" % math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else "n/a"
    ratios_p3 = ratios.get("python3", [])
    print("Geometric mean minipy/python3: %s (%d of %d programs); %s"
          % (geo(ratios_p3), len(ratios_p3), len(names),
             "; ".join("minipy/%s: %s (%d)" % (o, geo(ratios[o]), len(ratios[o]))
                       for o in others if o != "python3")))
    if ratios_p3:
        print("Worst minipy/python3 ratio: %.2f" % max(ratios_p3))
    if notes:
        print()
        for n in notes:
            print("- " + n)


def bench_startup(interps, runs, timeout):
    script = os.path.join(PROGRAMS, "startup.py")
    # The floor: what this machine takes to spawn, exec and reap a process that does nothing
    # (/bin/true, dynamically linked against libc as the interpreters are). No interpreter can
    # start faster than this row here, whatever its own work.
    if os.access("/bin/true", os.X_OK):
        interps = list(interps) + [("/bin/true (exec floor)", ["/bin/true"])]
    times = {label: [] for label, _ in interps}
    mems = {label: [] for label, _ in interps}
    failed = set()
    for _ in range(runs):
        for label, cmd in interps:
            if cmd is None or label in failed:
                continue
            r = run_once(cmd, script, timeout, ROOT, measure_mem=False)
            if not r.ok:
                failed.add(label)
                continue
            times[label].append(r.wall)
    for label, cmd in interps:
        if cmd is not None and label not in failed:
            for _ in range(3):
                r = run_once(cmd, script, timeout, ROOT)
                if r.ok:
                    mems[label].append(r.maxrss_kb)
    print()
    print("Start-up (empty script, median of %d runs):" % runs)
    print()
    rows = []
    for label, cmd in interps:
        if cmd is None or label in failed or not times[label]:
            rows.append([label, "FAIL", "FAIL"])
        else:
            rows.append([label, "%.1f" % (statistics.median(times[label]) * 1000),
                         fmt_mb(statistics.median(mems[label])) if mems[label] else "n/a"])
    print_table(["interpreter", "start-up ms", "peak MB"], rows)


def print_table(head, rows):
    widths = [len(h) for h in head]
    for row in rows:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], len(c))

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            out.append(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]))
        return "| " + " | ".join(out) + " |"
    print(line(head))
    print("|" + "|".join(("-" * (w + 2)) if i == 0 else ("-" * (w + 1) + ":")
                         for i, w in enumerate(widths)) + "|")
    for row in rows:
        print(line(row))


def parse_kv(text):
    out = []
    for line in text.splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out.append((k.strip(), v.strip()))
    return out


def to_float(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def bench_threads(interps, only, timeout):
    names = list_programs(THREADS, only)
    labels = [label for label, _ in interps]
    for name in names:
        script = os.path.join(THREADS, name + ".py")
        res = {}
        for label, cmd in interps:
            if cmd is None:
                res[label] = None
                continue
            print("  %s on %s ..." % (name, label), file=sys.stderr)
            res[label] = run_once(cmd, script, timeout, ROOT)
        keys = []
        values = {}
        for label in labels:
            r = res[label]
            values[label] = {}
            if r is not None:
                for k, v in parse_kv(r.out):
                    values[label][k] = v
                    if k not in keys:
                        keys.append(k)
        print()
        print("### %s" % name)
        print()
        head = ["key"] + labels + ["minipy/python3", "CPython 3.11 ref"]
        rows = []
        for k in keys:
            row = [k]
            for label in labels:
                r = res[label]
                if r is None or (not r.ok and k not in values[label]):
                    row.append("FAIL")
                else:
                    row.append(values[label].get(k, "-"))
            a = to_float(values["minipy"].get(k))
            b = to_float(values["python3"].get(k))
            if a is not None and b is not None and b != 0:
                row.append("%.2f" % (a / b))
            elif k in values["minipy"] and k in values["python3"]:
                row.append("same" if values["minipy"][k] == values["python3"][k] else "DIFF")
            else:
                row.append("n/a")
            row.append(REFERENCE.get(k, ""))
            rows.append(row)
        if not rows:
            rows.append(["(no output)"] + ["FAIL"] * len(labels) + ["n/a", ""])
        print_table(head, rows)
        for label in labels:
            r = res[label]
            if r is None:
                print("- %s: FAIL (interpreter not found)" % label)
            elif not r.ok:
                print("- %s: FAIL (%s)" % (label, first_error_line(r)))
            else:
                print("- %s: %.2f s wall, %s MB peak" % (label, r.wall, fmt_mb(r.maxrss_kb)))


MEMORY = os.path.join(ROOT, "bench", "memory")


def bench_memory(interps, repeat, timeout):
    """The cycle collector's figures (bench/memory): peak RSS of 10^4 vs 10^6 dropped cycles,
    binary-trees time and peak RSS, and the collector's cost on a program without cycles
    (minipy with the collector on vs gc.disable(), same build)."""
    def runs(cmd, name, env, n):
        rs = [run_once(cmd, os.path.join(MEMORY, name), timeout, ROOT, env=env) for _ in range(n)]
        bad = [r for r in rs if not r.ok]
        return rs, (first_error_line(bad[0]) if bad else None)

    print()
    print("Cycles: peak RSS building and dropping N small cycles (max over %d runs)." % repeat)
    print()
    rows = []
    for label, cmd in interps:
        if cmd is None:
            continue
        peaks = []
        for n in ("10000", "1000000"):
            rs, err = runs(cmd, "cycles.py", {"BENCH_N": n}, repeat)
            peaks.append(None if err else max(r.maxrss_kb for r in rs))
        if None in peaks:
            rows.append([label, "FAIL", "FAIL", "n/a"])
        else:
            rows.append([label, fmt_mb(peaks[0]), fmt_mb(peaks[1]), "%.2f" % (peaks[1] / peaks[0])])
    print_table(["interpreter", "10^4 cycles MB", "10^6 cycles MB", "ratio (target <= 2)"], rows)

    print()
    print("binary_trees (depth 16): median wall time and peak RSS of %d interleaved runs." % repeat)
    print()
    results = {label: [] for label, _ in interps}
    for _ in range(repeat):
        for label, cmd in interps:
            if cmd is not None:
                results[label].append(run_once(cmd, os.path.join(MEMORY, "binary_trees.py"), timeout, ROOT))
    rows = []
    base = results.get("python3")
    base_t = statistics.median(r.wall for r in base) if base and all(r.ok for r in base) else None
    for label, cmd in interps:
        rs = results[label]
        if not rs or not all(r.ok for r in rs):
            rows.append([label, "FAIL", "FAIL", "n/a"])
            continue
        t = statistics.median(r.wall for r in rs)
        rows.append([label, fmt_time(t), fmt_mb(max(r.maxrss_kb for r in rs)),
                     "%.2f" % (t / base_t) if base_t else "n/a"])
    print_table(["interpreter", "time s", "peak MB", "time / python3"], rows)

    minipy = dict(interps).get("minipy")
    if minipy is None:
        return
    print()
    print("Collector cost on a program without cycles (minipy, %d interleaved runs each)." % repeat)
    print()
    on, off = [], []
    for _ in range(repeat):
        on.append(run_once(minipy, os.path.join(MEMORY, "no_cycles.py"), timeout, ROOT))
        off.append(run_once(minipy, os.path.join(MEMORY, "no_cycles.py"), timeout, ROOT, env={"BENCH_GC": "off"}))
    if all(r.ok for r in on + off):
        t_on = statistics.median(r.wall for r in on)
        t_off = statistics.median(r.wall for r in off)
        # Paired ratios too: each on-run against the off-run made right after it.
        paired = statistics.median(a.wall / b.wall for a, b in zip(on, off))
        print_table(["gc enabled s", "gc disabled s", "ratio of medians", "median paired ratio (target <= 1.05)"],
                    [[fmt_time(t_on), fmt_time(t_off), "%.3f" % (t_on / t_off), "%.3f" % paired]])
    else:
        print("- FAIL: %s" % first_error_line([r for r in on + off if not r.ok][0]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minipy", default=os.path.join(ROOT, "build", "release", "minipy"),
                    help="minipy executable (default build/release/minipy); a name "
                         "such as python3 is looked up on PATH")
    ap.add_argument("--repeat", type=int, default=5, help="runs per interpreter (default 5)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these programs")
    ap.add_argument("--threads", action="store_true",
                    help="run the thread/process experiments in bench/threads instead")
    ap.add_argument("--memory", action="store_true",
                    help="run the cycle-collector figures in bench/memory instead")
    ap.add_argument("--startup-runs", type=int, default=20,
                    help="runs of the empty script for start-up time (default 20)")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds before a run is killed (default 60; 120 with --threads)")
    args = ap.parse_args()

    minipy = args.minipy
    if os.sep not in minipy:
        minipy = shutil.which(minipy) or minipy
    if minipy == "python3" or os.path.basename(minipy) == "python3":
        minipy = resolve_python3() or minipy
    minipy = os.path.abspath(minipy) if os.sep in minipy else minipy
    minipy_cmd = [minipy] if os.path.isfile(minipy) and os.access(minipy, os.X_OK) else None
    py3 = resolve_python3()
    py311 = "/usr/bin/python3.11"
    interps = [
        ("minipy", minipy_cmd),
        ("python3", [py3] if py3 else None),
        ("python3.11", [py311] if os.access(py311, os.X_OK) else None),
    ]
    # Debian's pypy3 (issue 13's table), when installed; left out of the thread experiments,
    # whose figures are CPython's GIL behaviour.
    pypy3 = shutil.which("pypy3")
    if pypy3 and not args.threads:
        interps.append(("pypy3", [pypy3]))
    print("Interpreters:")
    for label, cmd in interps:
        print("- %s: %s" % (label, cmd[0] if cmd else "NOT FOUND (%s)" % (minipy if label == "minipy" else label)))
    print("- machine: %d CPUs, %s" % (os.cpu_count() or 0, " ".join(os.uname()[2:3])))

    timeout = args.timeout
    if args.threads:
        bench_threads(interps, args.only, timeout or 120.0)
        return
    if args.memory:
        bench_memory(interps, max(1, args.repeat), timeout or 120.0)
        return
    bench_programs(interps, max(1, args.repeat), args.only, timeout or 60.0)
    if not args.only or "startup" in args.only:
        bench_startup(interps, max(1, args.startup_runs), timeout or 60.0)


if __name__ == "__main__":
    main()
