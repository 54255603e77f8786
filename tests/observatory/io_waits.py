# Run by observatory_test.sh with python3: the median and count of one thread's GIL waits
# ("waiting" spans, in ms) in a GIL trace.   python3 io_waits.py TRACE THREAD
import json
import statistics
import sys

d = json.load(open(sys.argv[1]))
tids = [e["tid"] for e in d["traceEvents"] if e["name"] == "thread_name" and e["args"]["name"] == sys.argv[2]]
waits = [e["dur"] / 1000 for e in d["traceEvents"] if e["ph"] == "X" and e["name"] == "waiting" and e["tid"] in tids]
print("%.4f %d" % (statistics.median(waits) if waits else 0, len(waits)))
