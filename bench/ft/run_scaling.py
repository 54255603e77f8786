# Runs bench/ft/scaling.py under one minipy binary with -X gil=0 and -X gil=1 and prints a
# Markdown table of speed-ups (N * T1 / TN). Runs on CPython. Leave timing runs to a quiet
# machine: the numbers mean nothing while others compile.
#   python3 bench/ft/run_scaling.py [--minipy build/free-threading/minipy] [--work 200000]
import argparse
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--minipy", default="build/free-threading/minipy")
ap.add_argument("--work", type=int, default=200_000)
args = ap.parse_args()


def measure(gil):
    out = subprocess.run([args.minipy, "-X", f"gil={gil}", os.path.join(here, "scaling.py"), str(args.work)],
                         capture_output=True, text=True, check=True, timeout=1800).stdout
    return dict(line.split("=", 1) for line in out.split())


runs = {g: measure(g) for g in (0, 1)}
print(f"work per thread: {args.work}; {os.cpu_count()} CPUs; speed-up = N*T1/TN\n")
print("| workload | N | gil=0 time (s) | gil=0 speed-up | gil=1 time (s) | gil=1 speed-up |")
print("|---|---|---|---|---|---|")
for fn in ("private", "shared_read", "method"):
    for n in (1, 2, 4, 8, 16):
        r0, r1 = runs[0], runs[1]
        print(f"| {fn} | {n} | {r0[f'{fn}_t{n}']} | {r0[f'{fn}_speedup{n}']} | "
              f"{r1[f'{fn}_t{n}']} | {r1[f'{fn}_speedup{n}']} |")
sys.exit(0)
