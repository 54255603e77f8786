"""gilview: pictures and numbers from minipy's GIL traces (-X gil-trace=FILE, gil.trace_start).

    minipy -m gilview TRACE.json [MORE.json ...] [-o timeline.svg] [--title TEXT]
    minipy -m gilview merge OUT.json TRACE.json [MORE.json ...]

The first form prints a text summary (each thread's share of holding, waiting and blocked time,
switches per second) and, with -o, writes a self-contained SVG: one row per thread, colours for
holding / waiting / blocked, a time axis, a legend and a caption with the policy, the switch
interval and the counters. Several files (a parent's FILE and its forked children's FILE.PID)
are drawn together, one group of rows per process. `merge` writes them as one Chrome trace that
Perfetto or chrome://tracing open whole. Runs on python3 as well as on minipy.
"""

import sys

COLOURS = {"holding": "#2e9e44", "waiting": "#d9412b", "blocked": "#9fb4cc"}
STATES = ("holding", "waiting", "blocked")
PLOT_W = 1000  # pixels of timeline
LABEL_W = 190
ROW_H = 22
ROW_GAP = 6


# ---------------------------------------------------------------------------------------------
# JSON: the json module where there is one, else a small reader (minipy has no json yet).

class _Reader:
    def __init__(self, text):
        self.s = text
        self.i = 0

    def error(self, what):
        raise ValueError("bad JSON at offset %d: %s" % (self.i, what))

    def ws(self):
        s = self.s
        n = len(s)
        i = self.i
        while i < n and s[i] in " \t\r\n":
            i += 1
        self.i = i

    def value(self):
        self.ws()
        if self.i >= len(self.s):
            self.error("unexpected end")
        c = self.s[self.i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        if self.s.startswith("true", self.i):
            self.i += 4
            return True
        if self.s.startswith("false", self.i):
            self.i += 5
            return False
        if self.s.startswith("null", self.i):
            self.i += 4
            return None
        return self.number()

    def obj(self):
        self.i += 1
        out = {}
        self.ws()
        if self.s[self.i] == "}":
            self.i += 1
            return out
        while True:
            self.ws()
            if self.s[self.i] != '"':
                self.error("expected a key")
            k = self.string()
            self.ws()
            if self.s[self.i] != ":":
                self.error("expected ':'")
            self.i += 1
            out[k] = self.value()
            self.ws()
            c = self.s[self.i]
            self.i += 1
            if c == "}":
                return out
            if c != ",":
                self.error("expected ',' or '}'")

    def arr(self):
        self.i += 1
        out = []
        self.ws()
        if self.s[self.i] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value())
            self.ws()
            c = self.s[self.i]
            self.i += 1
            if c == "]":
                return out
            if c != ",":
                self.error("expected ',' or ']'")

    def string(self):
        s = self.s
        start = self.i + 1
        j = s.find('"', start)
        if j < 0:
            self.error("unterminated string")
        if s.find("\\", start, j) < 0:
            self.i = j + 1
            return s[start:j]
        out = []
        i = start
        while True:
            c = s[i]
            if c == '"':
                break
            if c == "\\":
                e = s[i + 1]
                if e == "u":
                    out.append(chr(int(s[i + 2:i + 6], 16)))
                    i += 6
                    continue
                out.append({"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}.get(e, e))
                i += 2
                continue
            out.append(c)
            i += 1
        self.i = i + 1
        return "".join(out)

    def number(self):
        s = self.s
        i = self.i
        n = len(s)
        while i < n and s[i] in "+-0123456789.eE":
            i += 1
        text = s[self.i:i]
        if not text:
            self.error("unexpected character %r" % s[self.i])
        self.i = i
        if "." in text or "e" in text or "E" in text:
            return float(text)
        return int(text)


def load_json(text):
    try:
        import json
    except Exception:  # minipy without a working json (its re needs _sre): our own reader
        r = _Reader(text)
        v = r.value()
        r.ws()
        if r.i != len(r.s):
            r.error("extra data")
        return v
    return json.loads(text)


def json_string(s):
    out = ['"']
    for c in s:
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif ord(c) < 0x20:
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def json_dump(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return json_string(v)
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, dict):
        return "{" + ",".join(json_string(str(k)) + ":" + json_dump(x) for k, x in v.items()) + "}"
    return "[" + ",".join(json_dump(x) for x in v) + "]"


# ---------------------------------------------------------------------------------------------
# The model: processes with threads with spans and instants.

class Thread:
    def __init__(self, pid, tid):
        self.pid = pid
        self.tid = tid
        self.name = "Thread %d" % tid
        self.spans = []     # (start_us, end_us, state, call)
        self.instants = []  # (ts_us, name)

    def totals(self):
        t = {"holding": 0.0, "waiting": 0.0, "blocked": 0.0}
        for a, b, st, call in self.spans:
            t[st] += b - a
        return t


class Trace:
    def __init__(self):
        self.processes = {}   # pid -> {"name", "meta", "threads": {tid: Thread}}
        self.order = []       # pids in the order their files came

    def thread(self, pid, tid):
        p = self.processes[pid]
        th = p["threads"].get(tid)
        if th is None:
            th = Thread(pid, tid)
            p["threads"][tid] = th
        return th

    def add(self, doc):
        meta = doc.get("otherData", {})
        events = doc.get("traceEvents", [])
        pids = []
        for e in events:
            pid = e.get("pid")
            if pid is not None and pid not in self.processes:
                self.processes[pid] = {"name": "process %s" % pid, "meta": {}, "threads": {}}
                self.order.append(pid)
                pids.append(pid)
        for pid in pids:
            if meta.get("pid") in (None, pid):
                self.processes[pid]["meta"] = meta
        for e in events:
            ph = e.get("ph")
            pid = e.get("pid")
            if pid is None:
                continue
            if ph == "M":
                if e.get("name") == "process_name":
                    self.processes[pid]["name"] = e["args"]["name"]
                elif e.get("name") == "thread_name":
                    self.thread(pid, e["tid"]).name = e["args"]["name"]
            elif ph == "X":
                name = e.get("name", "")
                state = name.split(":")[0]
                if state not in COLOURS:
                    continue
                call = e.get("args", {}).get("call", "")
                ts = float(e["ts"])
                self.thread(pid, e["tid"]).spans.append((ts, ts + float(e["dur"]), state, call))
            elif ph == "i" or ph == "I":
                self.thread(pid, e["tid"]).instants.append((float(e["ts"]), e.get("name", "")))

    def threads(self):
        out = []
        for pid in self.order:
            ths = list(self.processes[pid]["threads"].values())
            ths.sort(key=lambda t: (t.spans[0][0] if t.spans else 0.0, t.tid))
            out.extend(ths)
        return out

    def bounds(self):
        lo = None
        hi = None
        for th in self.threads():
            for a, b, st, call in th.spans:
                lo = a if lo is None or a < lo else lo
                hi = b if hi is None or b > hi else hi
            for ts, name in th.instants:
                lo = ts if lo is None or ts < lo else lo
                hi = ts if hi is None or ts > hi else hi
        if lo is None:
            return 0.0, 1.0
        if hi <= lo:
            hi = lo + 1.0
        return lo, hi


def load(paths):
    tr = Trace()
    for p in paths:
        with open(p) as f:
            tr.add(load_json(f.read()))
    return tr


# ---------------------------------------------------------------------------------------------
# Numbers.

def fmt_duration(us):
    if us >= 1e6:
        return "%.2f s" % (us / 1e6)
    if us >= 1e3:
        return "%.1f ms" % (us / 1e3)
    return "%.0f us" % us


def caption_lines(tr):
    lines = []
    lo, hi = tr.bounds()
    for pid in tr.order:
        p = tr.processes[pid]
        m = p["meta"]
        if not m:
            continue
        dur = m.get("duration_s") or (hi - lo) / 1e6
        sw = m.get("switches", 0)
        parts = ["policy %s" % m.get("policy", "?")]
        if m.get("interval_s") is not None:
            parts.append("switch interval %s" % fmt_duration(m["interval_s"] * 1e6))
        if m.get("checkpoints") == "every":
            parts.append("check points: every instruction")
        if m.get("schedule_seed") is not None:
            parts.append("schedule seed %s" % m["schedule_seed"])
        parts.append("%d switches (%.0f/s)" % (sw, sw / dur if dur > 0 else 0.0))
        parts.append("%d drop requests" % m.get("drop_requests", 0))
        parts.append("%d forced switches" % m.get("forced_switches", 0))
        parts.append("%.3f s traced" % dur)
        lines.append("%s: %s" % (p["name"], ", ".join(parts)))
    return lines


def summary(tr):
    out = []
    out.extend(caption_lines(tr))
    out.append("")
    out.append("%-28s %9s %9s %9s %9s  %s" % ("thread", "traced", "holding", "waiting", "blocked", "blocked in"))
    for th in tr.threads():
        if not th.spans:
            continue
        life = th.spans[-1][1] - th.spans[0][0]
        t = th.totals()
        calls = {}
        for a, b, st, call in th.spans:
            if st == "blocked":
                calls[call] = calls.get(call, 0.0) + (b - a)
        top = sorted(calls.items(), key=lambda kv: -kv[1])[:3]
        label = th.name if len(tr.order) == 1 else "%s [%d]" % (th.name, th.pid)

        def pct(x):
            return "%8.1f%%" % (100.0 * x / life) if life > 0 else "%9s" % "-"
        out.append("%-28s %9s %s %s %s  %s" % (label[:28], fmt_duration(life), pct(t["holding"]), pct(t["waiting"]),
                                              pct(t["blocked"]), ", ".join(c for c, d in top)))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# The picture.

def xml(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def nice_step(span_us, target=8):
    raw = span_us / target
    p = 1.0
    while p * 10 <= raw:
        p *= 10
    while p > raw:
        p /= 10
    for m in (1, 2, 5, 10):
        if p * m >= raw:
            return p * m
    return p * 10


def row_runs(th, lo, scale):
    """Each pixel column gets the state that covers most of it; runs of equal columns become
    rectangles (a picture at pixel resolution, however many spans the trace holds)."""
    cover = {}
    for st in STATES:
        cover[st] = [0.0] * PLOT_W
    for a, b, st, call in th.spans:
        x0 = (a - lo) * scale
        x1 = (b - lo) * scale
        if x1 <= 0 or x0 >= PLOT_W:
            continue
        if x0 < 0:
            x0 = 0.0
        if x1 > PLOT_W:
            x1 = float(PLOT_W)
        c = cover[st]
        i = int(x0)
        while i < x1 and i < PLOT_W:
            left = x0 if x0 > i else float(i)
            right = x1 if x1 < i + 1 else float(i + 1)
            c[i] += right - left
            i += 1
    runs = []
    cur = None
    start = 0
    brief = []  # columns where the thread held the GIL, but too briefly to win the column
    for i in range(PLOT_W):
        best = None
        amount = 0.05  # columns almost empty stay empty
        for st in STATES:
            if cover[st][i] > amount:
                best = st
                amount = cover[st][i]
        if best != "holding" and cover["holding"][i] > 0:
            brief.append(i)
        if best != cur:
            if cur is not None:
                runs.append((start, i, cur))
            cur = best
            start = i
    if cur is not None:
        runs.append((start, PLOT_W, cur))
    # A short hold (a thread back from I/O that runs for microseconds) still shows, as a thin
    # green stripe.
    for i in brief:
        runs.append((i, i + 1, "brief"))
    return runs


def render_svg(tr, title=None):
    threads = [th for th in tr.threads() if th.spans or th.instants]
    lo, hi = tr.bounds()
    scale = PLOT_W / (hi - lo)
    caps = caption_lines(tr)
    top = 66 + 16 * len(caps)
    multi = len(tr.order) > 1
    rows_h = 0
    y_of = []
    last_pid = None
    for th in threads:
        if multi and th.pid != last_pid:
            rows_h += 18
            last_pid = th.pid
        y_of.append(top + rows_h)
        rows_h += ROW_H + ROW_GAP
    axis_y = top + rows_h + 4
    height = axis_y + 64
    width = LABEL_W + PLOT_W + 30
    out = []
    w = out.append
    w('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
      'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">' % (width, height, width, height))
    w('<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>' % (width, height))
    w('<text x="12" y="24" font-size="16" font-weight="bold">%s</text>' % xml(title or "GIL timeline"))
    for k, line in enumerate(caps):
        w('<text x="12" y="%d" fill="#333">%s</text>' % (44 + 16 * k, xml(line)))
    # Legend, on its own line under the caption.
    ly = 30 + 16 * len(caps)
    x = LABEL_W
    for st in STATES:
        w('<rect x="%d" y="%d" width="14" height="12" fill="%s"/>' % (x, ly, COLOURS[st]))
        w('<text x="%d" y="%d">%s</text>' % (x + 18, ly + 11, st))
        x += 100
    w('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000" stroke-width="2"/>' % (x + 4, ly - 1, x + 4, ly + 13))
    w('<text x="%d" y="%d">forced switch</text>' % (x + 12, ly + 11))
    x += 120
    w('<circle cx="%d" cy="%d" r="3" fill="#f0a000"/>' % (x + 4, ly + 6))
    w('<text x="%d" y="%d">drop request</text>' % (x + 12, ly + 11))
    x += 115
    w('<path d="M%d %d l5 -6 h-10 z" fill="#333"/>' % (x + 4, ly + 9))
    w('<text x="%d" y="%d">thread start / end</text>' % (x + 14, ly + 11))
    # Grid and axis.
    step = nice_step(hi - lo)
    t = 0.0
    while t <= hi - lo + 1e-9:
        x = LABEL_W + t * scale
        w('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#e4e4e4"/>' % (x, top - 4, x, axis_y))
        w('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#000"/>' % (x, axis_y, x, axis_y + 5))
        w('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (x, axis_y + 18, fmt_duration(t) if t else "0"))
        t += step
    w('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000"/>' % (LABEL_W, axis_y, LABEL_W + PLOT_W, axis_y))
    w('<text x="%d" y="%d" text-anchor="middle" fill="#333">time since the trace started</text>'
      % (LABEL_W + PLOT_W // 2, axis_y + 36))
    last_pid = None
    for th, y in zip(threads, y_of):
        if multi and th.pid != last_pid:
            w('<text x="12" y="%d" font-weight="bold" fill="#444">%s</text>'
              % (y - 5, xml(tr.processes[th.pid]["name"])))
            last_pid = th.pid
        w('<text x="12" y="%d">%s</text>' % (y + ROW_H - 7, xml(th.name[:26])))
        w('<rect x="%d" y="%d" width="%d" height="%d" fill="#f6f6f6"/>' % (LABEL_W, y, PLOT_W, ROW_H))
        for a, b, st in row_runs(th, lo, scale):
            if st == "brief":
                w('<rect x="%d" y="%d" width="1.5" height="%d" fill="%s"/>' % (LABEL_W + a, y, ROW_H, COLOURS["holding"]))
            else:
                w('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>' % (LABEL_W + a, y, b - a, ROW_H, COLOURS[st]))
        for ts, name in th.instants:
            x = LABEL_W + (ts - lo) * scale
            if name == "forced switch" or name == "scheduled switch":
                w('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#000" stroke-width="1"/>' % (x, y, x, y + ROW_H))
            elif name == "drop request":
                w('<circle cx="%.1f" cy="%d" r="2" fill="#f0a000"/>' % (x, y + 3))
            elif name in ("thread start", "thread end"):
                w('<path d="M%.1f %d l4 -5 h-8 z" fill="#333"/>' % (x, y))
    w('</svg>')
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Merging files into one Chrome trace.

def merge(out_path, paths):
    events = []
    meta = []
    for p in paths:
        with open(p) as f:
            doc = load_json(f.read())
        events.extend(doc.get("traceEvents", []))
        if doc.get("otherData"):
            meta.append(doc["otherData"])
    first = meta[0] if meta else {}
    other = dict(first)
    other["processes"] = meta
    with open(out_path, "w") as f:
        f.write('{"displayTimeUnit":"ms","otherData":' + json_dump(other) + ',"traceEvents":[\n')
        f.write(",\n".join(json_dump(e) for e in events))
        f.write("\n]}\n")
    return len(events)


def usage():
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    return 2


def main(argv):
    if not argv:
        return usage()
    if argv[0] in ("-h", "--help"):
        sys.stdout.write(__doc__)
        return 0
    if argv[0] == "merge":
        if len(argv) < 3:
            return usage()
        n = merge(argv[1], argv[2:])
        sys.stdout.write("gilview: %d events from %d files -> %s\n" % (n, len(argv) - 2, argv[1]))
        return 0
    inputs = []
    out = None
    title = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "-o" and i + 1 < len(argv):
            out = argv[i + 1]
            i += 2
        elif a == "--title" and i + 1 < len(argv):
            title = argv[i + 1]
            i += 2
        elif a.startswith("-"):
            return usage()
        else:
            inputs.append(a)
            i += 1
    if not inputs:
        return usage()
    tr = load(inputs)
    sys.stdout.write(summary(tr))
    if out:
        with open(out, "w") as f:
            f.write(render_svg(tr, title))
        sys.stdout.write("gilview: wrote %s\n" % out)
    return 0


def _main():
    """`minipy -m gilview`: minipy runs an embedded module's _main()."""
    sys.exit(main(sys.argv[1:]))


if __name__ == "__main__":
    _main()
