# Run by observatory_test.sh with python3 on a GIL trace of policy_fifo.py: the FIFO GIL serves
# waiters in arrival order. Between the two CPU threads that means strict turns; a thread may
# hold twice in a row only if the other had not queued yet (a busy OS can keep a thread from
# re-queueing for a while, and the main thread's own turns come between). A violation: thread A
# takes the GIL again while B waits and B began waiting before A did. (A "waiting" span that
# starts with a check-point yield begins before A draws its ticket, so a violation seen here is
# one for sure.) Prints the number of turns; exits 1 on a violation or too few turns.
import json
import sys

d = json.load(open(sys.argv[1]))
names = {e["tid"]: e["args"]["name"] for e in d["traceEvents"] if e["name"] == "thread_name"}
spans = {"holding": {}, "waiting": {}}
for e in d["traceEvents"]:
    if e["ph"] == "X" and e["name"] in spans and names.get(e["tid"], "").startswith("cpu"):
        spans[e["name"]].setdefault(names[e["tid"]], []).append((e["ts"], e["ts"] + e["dur"]))
holds = sorted((s, n) for n, l in spans["holding"].items() for s, _ in l)
turns = 0
for (s1, a), (s2, b) in zip(holds, holds[1:]):
    if a != b:
        turns += 1
        continue
    other = "cpu1" if a == "cpu0" else "cpu0"
    # A's wait that ended when it took the GIL at s2 (1 us of slack: the JSON rounds times).
    a_waits = [w for w in spans["waiting"].get(a, []) if abs(w[1] - s2) <= 1]
    a_queued = a_waits[0][0] if a_waits else s2
    for w0, w1 in spans["waiting"].get(other, []):
        if w0 < a_queued and w1 > s2 + 1:
            sys.exit("FIFO violated: %s took the GIL at %.0f again while %s waited since %.0f"
                     % (a, s2, other, w0))
print("turns", turns)
sys.exit(0 if turns > 20 else "only %d turns" % turns)
