#!/usr/bin/env python3
# The builtin sweep (issue 12): calls every public callable of every builtin type and every
# native module function with a table of hostile arguments, in minipy child processes, and
# fails when any call kills the process (a signal, an abort, a sanitizer report), hangs, or
# the process does not exit normally afterwards. What is called is enumerated by the child at
# run time (tests/sweep/sweep_child.py), so the sweep grows with every native module.
#
#   run_sweep.py MINIPY [--mode quick|full] [--timeout SECONDS] [--limit-as MiB] [--no-huge-sizes]
#
# quick (ctest `sweep/quick`): the core value table, one and two arguments.
# full (`sweep/full`, run by hand): every value, three arguments and keywords too.
# A child runs the calls in order from a start index, writing each index before the call; when
# it dies, the last index written names the culprit, which is reported, and a new child goes on
# from the next call.
import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
child = os.path.join(here, "sweep_child.py")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("minipy")
    ap.add_argument("--mode", default="quick", choices=["quick", "full"])
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds without progress = a hang")
    ap.add_argument("--limit-as", type=int, default=1024,
                    help="address-space limit per child in MiB (0: none, for sanitizer builds)")
    ap.add_argument("--batch", type=int, default=0, help="calls per child (0: all that remain)")
    ap.add_argument("--no-huge-sizes", action="store_true",
                    help="leave 2**31 out of the values (sanitizer builds: see sweep_child.py)")
    args = ap.parse_args()
    if args.no_huge_sizes:
        os.environ["MINIPY_SWEEP_NO_HUGE_SIZES"] = "1"
    minipy = os.path.abspath(args.minipy)

    def limits():
        if args.limit_as:
            lim = args.limit_as << 20
            resource.setrlimit(resource.RLIMIT_AS, (lim, lim))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.setsid()  # signals a call sends to its process group stay in the child's group

    work = tempfile.mkdtemp(prefix="minipy-sweep-")
    listing = subprocess.run([minipy, child, "list", args.mode], capture_output=True, text=True,
                             cwd=work, preexec_fn=limits, timeout=300, errors="replace")
    if listing.returncode != 0:
        print("sweep: listing the calls failed:\n" + listing.stderr[-4000:])
        return 1
    lines = listing.stdout.split("\n")
    total = int(lines[0])
    labels = lines[1:1 + total]
    print("sweep (%s): %d calls" % (args.mode, total), flush=True)
    for info in lines[1 + total:]:
        if info:
            print("sweep: " + info, flush=True)

    failures = []
    start = 0
    children = 0
    progress = os.path.join(work, "progress")
    while start < total:
        end = total if args.batch == 0 else min(total, start + args.batch)
        open(progress, "w").close()
        children += 1
        proc = subprocess.Popen([minipy, child, "run", args.mode, str(start), str(end), progress],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, cwd=work, preexec_fn=limits)
        last_size, last_change = -1, time.monotonic()
        hung = False
        while proc.poll() is None:
            time.sleep(0.05)
            size = os.path.getsize(progress)
            if size != last_size:
                last_size, last_change = size, time.monotonic()
            elif time.monotonic() - last_change > args.timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                hung = True
        err = proc.stderr.read().decode("utf-8", "replace")
        with open(progress) as f:
            done = f.read().split()
        finished = bool(done) and done[-1] == "end"
        last = int(done[-2] if finished and len(done) > 1 else done[-1]) if done and done != ["end"] else start - 1
        if finished and proc.returncode == 0:
            start = end
            continue
        if finished:
            what = "exit status %d after the last call" % proc.returncode
            failures.append((end - 1, what, err))
            start = end
            continue
        rc = proc.returncode
        if hung:
            what = "hang (no progress for %gs)" % args.timeout
        elif rc < 0:
            what = "killed by signal %d (%s)" % (-rc, signal.Signals(-rc).name)
        else:
            what = "exit status %d in the middle of the call" % rc
        failures.append((last, what, err))
        start = last + 1

    for index, what, err in failures:
        label = labels[index] if 0 <= index < len(labels) else "?"
        print("FAIL call %d %s: %s" % (index, label, what))
        tail = [l for l in err.strip().split("\n") if l][-6:]
        for l in tail:
            print("    " + l[:300])
    print("sweep (%s): %d calls, %d children, %d failures" % (args.mode, total, children, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
