"""Checks a minipy GIL trace (Chrome trace-event JSON) with python3's own json module:
    python3 check_trace.py FILE [KEY=VALUE ...]
Always checked: the file parses; every span and instant names a known thread of a named process;
each thread's spans are ordered and do not overlap; no two threads of one process hold the GIL at
the same time (a span "holding" is recorded strictly inside the real hold). Optional checks:
  threads=A,B,C      these thread names appear
  policy=NAME        otherData.policy
  spans=STATE:THREAD[:CALL],...   THREAD has at least one such span
  instants=NAME:MIN,...           at least MIN instants of that name in all
  pids=N             the file holds N processes
Prints "ok" and exits 0, else prints why and exits 1."""
import json
import sys


def fail(msg):
    print("check_trace: FAIL: " + msg)
    sys.exit(1)


def main():
    path = sys.argv[1]
    opts = dict(a.split("=", 1) for a in sys.argv[2:])
    with open(path) as f:
        doc = json.load(f)
    events = doc["traceEvents"]
    meta = doc.get("otherData", {})
    names = {}
    procs = set()
    for e in events:
        if e["ph"] == "M" and e["name"] == "thread_name":
            names[(e["pid"], e["tid"])] = e["args"]["name"]
        if e["ph"] == "M" and e["name"] == "process_name":
            procs.add(e["pid"])
    spans = {}
    instants = {}
    for e in events:
        if e["ph"] == "X":
            key = (e["pid"], e["tid"])
            if key not in names:
                fail("span on an unnamed thread: %r" % e)
            if e["dur"] < 0:
                fail("negative duration: %r" % e)
            spans.setdefault(key, []).append((e["ts"], e["ts"] + e["dur"], e["name"]))
        elif e["ph"] == "i":
            if (e["pid"], e["tid"]) not in names:
                fail("instant on an unnamed thread: %r" % e)
            instants[e["name"]] = instants.get(e["name"], 0) + 1
    for key, ss in spans.items():
        for (a0, a1, n0), (b0, b1, n1) in zip(ss, ss[1:]):
            if b0 < a1 - 0.002:
                fail("%s: spans overlap: %s [%f, %f] and %s [%f, %f]" % (names[key], n0, a0, a1, n1, b0, b1))
    holds = {}
    for key, ss in spans.items():
        for a, b, n in ss:
            if n == "holding":
                holds.setdefault(key[0], []).append((a, b, names[key]))
    for pid, hs in holds.items():
        hs.sort()
        for (a0, a1, t0), (b0, b1, t1) in zip(hs, hs[1:]):
            if b0 < a1 - 0.002:
                fail("two holders at once: %s [%f, %f] and %s [%f, %f]" % (t0, a0, a1, t1, b0, b1))
    if "threads" in opts:
        have = set(names.values())
        for t in opts["threads"].split(","):
            if t not in have:
                fail("no thread named %r (have %s)" % (t, sorted(have)))
    if "policy" in opts and meta.get("policy") != opts["policy"]:
        fail("policy %r, expected %r" % (meta.get("policy"), opts["policy"]))
    if "spans" in opts:
        for want in opts["spans"].split(","):
            parts = want.split(":")
            state, thread = parts[0], parts[1]
            label = state + (": " + parts[2] if len(parts) > 2 else "")
            if not any(names[k] == thread and any(n == label for a, b, n in ss) for k, ss in spans.items()):
                fail("no %r span on %s" % (label, thread))
    if "instants" in opts:
        for want in opts["instants"].split(","):
            name, least = want.rsplit(":", 1)
            if instants.get(name, 0) < int(least):
                fail("%d %r instants, expected at least %s" % (instants.get(name, 0), name, least))
    if "pids" in opts and len(procs) != int(opts["pids"]):
        fail("%d processes, expected %s" % (len(procs), opts["pids"]))
    print("ok")


main()
