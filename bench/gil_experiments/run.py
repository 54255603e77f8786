#!/usr/bin/env python3
"""The GIL experiments side by side, in one command (runs on CPython; see README.md):

    python3 bench/gil_experiments/run.py [--minipy PATH] [--ft PATH] [--repeat N] [--out DIR]
                                         [--quick] [--only EXPERIMENT ...] [--publish]

Runs every experiment in experiments/ on minipy under each GIL policy (interval, ticks, fifo,
io-priority) and switch interval (0.5, 5, 50 ms; `ticks` ignores the interval), under `interval`
at 5 ms while recording a GIL trace (what tracing changes), with the GIL off
where the build allows it (-X gil=0 of --minipy, or of the free-threaded build --ft, default
build/free-threading/minipy when it exists), and on python3 at the same intervals, N times each,
interleaved. Writes to DIR (default bench/gil_experiments/results):
  results.md          the headline table (each experiment's metric at 5 ms, one column per
                      configuration), then per experiment a Markdown table: the median of its
                      headline metric per configuration and interval, and the ratio to python3
  chart.svg           those ratios at the 5 ms interval as grouped bars
  timeline_NAME.svg   one GIL timeline per experiment (minipy, default policy, 5 ms)
--quick: one run each at a fraction of the work, to check the machinery, not to measure.
--publish: also copy results.md, chart.svg and the timelines to published/ (checked in)
and put the headline table into the top-level README.md (a full run only).
"""
import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXPERIMENTS = os.path.join(HERE, "experiments")

# Experiment -> (headline metric, what it means, which way is better).
HEADLINES = {
    "cpu_threads": ("thr2_over_seq", "2 CPU threads / sequential time", "lower"),
    "convoy": ("io_slowdown", "sleep-loop slowdown beside a CPU thread", "lower"),
    "cpu_shares": ("share_min_over_max", "CPU threads' loop-count ratio (fairness)", "higher"),
    "counter_race": ("lost_pct", "% updates lost by read-call-write, 4 threads", "-"),
    "sleep_overlap": ("wall_s", "20 x sleep(0.1) beside a CPU thread, wall s", "lower"),
    "switch_rate": ("switches_per_s", "turns per second of 2 CPU threads", "-"),
    "processes": ("procs2_over_seq", "a Pool of 2 processes / sequential time", "lower"),
}
PUBLISHED = os.path.join(HERE, "published")
README = os.path.join(ROOT, "README.md")
README_BEGIN = "<!-- gil-experiments: begin (written by bench/gil_experiments/run.py --publish) -->"
README_END = "<!-- gil-experiments: end -->"
# The picture the README shows: the convoy effect, the GIL's best-known pathology.
README_TIMELINE = "convoy"
POLICIES = ["interval", "ticks", "fifo", "io-priority"]
INTERVALS_MS = [0.5, 5, 50]


def resolve_python3():
    """The real binary behind python3 (a pyenv shim adds ~0.2 s per run)."""
    exe = shutil.which("python3") or sys.executable
    try:
        out = subprocess.run([exe, "-c", "import sys; print(sys.executable)"], capture_output=True,
                             text=True, timeout=30)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        pass
    return exe


def gil_off_supported(minipy):
    try:
        out = subprocess.run([minipy, "-X", "gil=0", "-c", "import sys; print(sys._is_gil_enabled())"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and out.stdout.strip() == "False"


def configurations(minipy, ft, python3, scratch_trace):
    """(label, interpreter family, command prefix, interval ms) for every run."""
    out = []
    for pol in POLICIES:
        for ms in ([5] if pol == "ticks" else INTERVALS_MS):
            out.append(("minipy %s" % pol, "minipy", [minipy, "-X", "gil-policy=" + pol], ms))
        if pol == "interval":
            # The same while recording a GIL trace: how much tracing changes what it records
            # (issue 11 allows 5% on switch counts and the convoy).
            out.append(("minipy interval traced", "minipy", [minipy, "-X", "gil-trace=" + scratch_trace], 5))
    gil_off = next((m for m in (minipy, ft) if m and gil_off_supported(m)), None)
    if gil_off:
        for ms in INTERVALS_MS:
            out.append(("minipy gil=0", "minipy", [gil_off, "-X", "gil=0"], ms))
    for ms in INTERVALS_MS:
        out.append(("python3", "python3", [python3], ms))
    return out


def parse_kv(text):
    kv = {}
    for line in text.splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            try:
                kv[k.strip()] = float(v)
            except ValueError:
                pass
    return kv


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=EXPERIMENTS)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % timeout
    if p.returncode != 0:
        return None, (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]
    return parse_kv(p.stdout), ""


def fmt(x):
    if x is None:
        return "FAIL"
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return "%.0f" % x
    if abs(x) >= 10:
        return "%.1f" % x
    return "%.3g" % x


def chart_svg(names, labels, ratios, title):
    """Grouped bars: one group per experiment, one bar per configuration (ratio to python3,
    log scale, 1 = same as python3)."""
    colours = ["#2e9e44", "#d9412b", "#3b6fd1", "#e0a020", "#8a55c9", "#555555"]
    group_w = 40 + 22 * len(labels)
    width = max(90 + group_w * len(names) + 20, 760)
    legend_rows = (len(labels) + 3) // 4
    height = 385 + 20 * legend_rows
    top, bottom = 60, 330
    lo, hi = -2.0, 2.0  # log10 range shown: 1/100 .. 100

    def y(r):
        v = max(lo, min(hi, math.log10(r))) if r and r > 0 else lo
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="DejaVu Sans, Arial, '
           'sans-serif" font-size="12">' % (width, height),
           '<rect width="%d" height="%d" fill="#fff"/>' % (width, height),
           '<text x="12" y="24" font-size="16" font-weight="bold">%s</text>' % title]
    for v in (-2, -1, 0, 1, 2):
        yy = y(10.0 ** v)
        out.append('<line x1="80" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/>' % (yy, width - 10, yy,
                                                                            "#000" if v == 0 else "#ddd"))
        out.append('<text x="74" y="%.1f" text-anchor="end">%s</text>' % (yy + 4, "%gx" % (10.0 ** v)))
    for gi, name in enumerate(names):
        x0 = 90 + gi * group_w
        for li, label in enumerate(labels):
            r = ratios.get((name, label))
            if r is None:
                continue
            x = x0 + li * 22
            y1, y0 = y(r), y(1.0)
            out.append('<rect x="%d" y="%.1f" width="18" height="%.1f" fill="%s"><title>%s %s: %s</title></rect>'
                       % (x, min(y0, y1), abs(y0 - y1) or 1, colours[li % len(colours)], name, label, fmt(r)))
        out.append('<text x="%d" y="%d" text-anchor="middle">%s</text>' % (x0 + 11 * len(labels), bottom + 18, name))
    for li, label in enumerate(labels):
        x = 90 + (li % 4) * 165
        ly = bottom + 34 + 20 * (li // 4)
        out.append('<rect x="%d" y="%d" width="14" height="12" fill="%s"/>' % (x, ly, colours[li % len(colours)]))
        out.append('<text x="%d" y="%d">%s</text>' % (x + 18, ly + 11, label))
    out.append('<text x="12" y="%d" fill="#333">ratio of the headline metric to python3 at the same '
               'switch interval (log scale)</text>' % (height - 6))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def headline_table(names, labels, samples, errors):
    """Rows: experiments; columns: python3, then each minipy configuration; cells: the median
    of the experiment's headline metric at the 5 ms interval."""
    cols = ["python3"] + [l for l in labels if l != "python3"]
    out = ["| experiment (metric) | " + " | ".join(cols) + " |",
           "|---|" + "---:|" * len(cols)]
    for name in names:
        metric, meaning, better = HEADLINES[name]
        cells = []
        for label in cols:
            vals = samples.get((name, label, 5))
            cells.append(fmt(statistics.median(vals)) if vals else
                         "FAIL" if (name, label, 5) in errors else "")
        out.append("| %s: %s | %s |" % (name, meaning, " | ".join(cells)))
    return out


def publish(out_dir, headline, command_line, published=PUBLISHED, readme=README):
    """Copies the run's results to `published` and puts the headline table into `readme`."""
    os.makedirs(published, exist_ok=True)
    files = ["results.md", "chart.svg"] + sorted(f for f in os.listdir(out_dir) if f.startswith("timeline_"))
    if "timeline_%s.svg" % README_TIMELINE not in files:
        sys.exit("gil_experiments: no timeline of %s to publish" % README_TIMELINE)
    for f in files:
        shutil.copyfile(os.path.join(out_dir, f), os.path.join(published, f))
    with open(readme) as f:
        text = f.read()
    if README_BEGIN not in text or README_END not in text:
        sys.exit("gil_experiments: %s lacks the gil-experiments markers" % readme)
    block = "\n".join([README_BEGIN, "",
                       "`%s` on %s (medians; the full table: "
                       "[bench/gil_experiments/published/results.md]"
                       "(bench/gil_experiments/published/results.md)):" % (command_line, time.strftime("%Y-%m-%d")),
                       ""] + headline + ["", README_END])
    head, rest = text.split(README_BEGIN, 1)
    tail = rest.split(README_END, 1)[1]
    with open(readme, "w") as f:
        f.write(head + block + tail)
    print("gil_experiments: published to %s and %s" % (published, readme))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minipy", default=os.path.join(ROOT, "build", "release", "minipy"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--quick", action="store_true", help="one short run each: checks the machinery only")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--ft", default=os.path.join(ROOT, "build", "free-threading", "minipy"),
                    help="a free-threaded minipy for the GIL-off rows (skipped if absent)")
    ap.add_argument("--publish", action="store_true",
                    help="copy the results to published/ and the headline table into README.md")
    args = ap.parse_args()
    if args.publish and (args.quick or args.only or args.out != ap.get_default("out")):
        sys.exit("gil_experiments: --publish takes a full run (no --quick, --only or --out)")
    minipy = os.path.abspath(args.minipy)
    if not os.access(minipy, os.X_OK):
        sys.exit("gil_experiments: no minipy at %s (build it: cmake --preset release && "
                 "cmake --build --preset release, or run tools/bootstrap.sh gil-experiments)" % minipy)
    ft = os.path.abspath(args.ft) if args.ft and os.access(args.ft, os.X_OK) else None
    python3 = resolve_python3()
    scale = "0.2" if args.quick else "1"
    repeat = 1 if args.quick else args.repeat
    names = [n for n in HEADLINES if not args.only or n in args.only]
    os.makedirs(args.out, exist_ok=True)
    configs = configurations(minipy, ft, python3, os.path.join(os.path.abspath(args.out), "scratch_trace.json"))

    samples = {}   # (name, label, ms) -> [headline values]
    errors = {}
    total = len(names) * len(configs) * repeat
    done = 0
    t_start = time.time()
    for rep in range(repeat):
        for name in names:
            metric = HEADLINES[name][0]
            for label, family, prefix, ms in configs:  # interleaved: a slow phase hits all alike
                kv, err = run(prefix + [name + ".py", "%g" % (ms / 1000.0), scale], args.timeout)
                for f in os.listdir(args.out):  # the traced runs' files (forked children: .PID)
                    if f.startswith("scratch_trace.json"):
                        os.remove(os.path.join(args.out, f))
                done += 1
                key = (name, label, ms)
                if kv is None or metric not in kv:
                    errors[key] = err or "no %s in the output" % metric
                    continue
                samples.setdefault(key, []).append(kv[metric])
                sys.stderr.write("\r%d/%d runs" % (done, total))
    sys.stderr.write("\n")

    labels = []
    for label, family, prefix, ms in configs:
        if label not in labels:
            labels.append(label)
    lines = ["# GIL experiments: minipy's GIL designs beside python3",
             "",
             "`python3 bench/gil_experiments/run.py%s` on %s, %d CPU(s), %d run(s) each, medians. "
             "python3 is %s. Ratio = minipy / python3 at the same switch interval."
             % (" --quick" if args.quick else "", time.strftime("%Y-%m-%d %H:%M"), os.cpu_count() or 1,
                repeat, python3),
             ""]
    if args.quick:
        lines += ["**--quick: short runs to check the machinery; these numbers are not measurements.**", ""]
    headline = headline_table(names, labels, samples, errors)
    lines += ["## Headline: each experiment at a 5 ms switch interval (medians)", ""] + headline + [""]
    ratios5 = {}
    for name in names:
        metric, meaning, better = HEADLINES[name]
        lines += ["## %s: %s (`%s`, %s is better)" % (name, meaning, metric, better) if better != "-"
                  else "## %s: %s (`%s`)" % (name, meaning, metric), "",
                  "| configuration | " + " | ".join("%g ms" % ms for ms in INTERVALS_MS) + " | ratio at 5 ms |",
                  "|---|" + "---:|" * (len(INTERVALS_MS) + 1)]
        for label in labels:
            cells = []
            for ms in INTERVALS_MS:
                vals = samples.get((name, label, ms))
                if vals:
                    cells.append(fmt(statistics.median(vals)))
                elif (name, label, ms) in errors:
                    cells.append("FAIL")
                else:
                    cells.append("")
            mine = samples.get((name, label, 5))
            ref = samples.get((name, "python3", 5))
            ratio = ""
            if mine and ref and statistics.median(ref) != 0:
                r = statistics.median(mine) / statistics.median(ref)
                ratio = fmt(r)
                if label != "python3":
                    ratios5[(name, label)] = r
            lines.append("| %s | %s | %s |" % (label, " | ".join(cells), ratio))
        lines.append("")
    if errors:
        lines += ["## Failures", ""]
        for (name, label, ms), err in sorted(errors.items()):
            lines.append("- %s, %s, %g ms: %s" % (name, label, ms, err))
        lines.append("")

    # One timeline per experiment: minipy, default policy, 5 ms.
    lines += ["## Timelines (minipy, interval policy, 5 ms)", ""]
    for name in names:
        trace = os.path.join(args.out, "trace_%s.json" % name)
        svg = os.path.join(args.out, "timeline_%s.svg" % name)
        kv, err = run([minipy, "-X", "gil-trace=" + trace, name + ".py", "0.005", scale], args.timeout)
        if kv is None:
            lines.append("- %s: FAIL (%s)" % (name, err))
            continue
        p = subprocess.run([minipy, "-m", "gilview", trace, "-o", svg, "--title", "GIL timeline: " + name],
                           capture_output=True, text=True, timeout=args.timeout)
        if p.returncode == 0:
            lines.append("- [%s](timeline_%s.svg)" % (name, name))
        else:
            lines.append("- %s: gilview failed (%s)" % (name, (p.stderr.strip().splitlines() or ["?"])[-1]))
    lines.append("")
    chart_labels = [l for l in labels if l != "python3"]
    with open(os.path.join(args.out, "chart.svg"), "w") as f:
        f.write(chart_svg(names, chart_labels, ratios5, "GIL experiments: minipy / python3 at 5 ms"))
    lines += ["![ratios to python3 at 5 ms](chart.svg)", ""]
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    print("gil_experiments: wrote %s (%.0f s)" % (os.path.join(args.out, "results.md"), time.time() - t_start))
    if args.publish:
        publish(args.out, headline, "tools/bootstrap.sh gil-experiments --publish")


if __name__ == "__main__":
    main()
