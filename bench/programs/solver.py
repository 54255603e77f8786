# Object graph with method dispatch: a small constraint solver. Variables with integer domains,
# constraints of three classes (not-equal, less-than, all-different sum) that propagate with
# `revise` methods, and a backtracking search with forward checking; solves several N-queens
# instances and a small graph colouring. Attribute access, method calls, list/set work.
# BENCH_SCALE (default 1) multiplies the amount of work.
import os

SCALE = float(os.environ.get("BENCH_SCALE", "1"))


class Var:
    def __init__(self, name, domain):
        self.name = name
        self.domain = list(domain)
        self.value = None
        self.constraints = []

    def assigned(self):
        return self.value is not None


class Constraint:
    def __init__(self, a, b):
        self.a = a
        self.b = b
        a.constraints.append(self)
        b.constraints.append(self)

    def other(self, v):
        return self.b if v is self.a else self.a

    def ok(self, x, y):
        return True

    def revise(self, v, trail):
        # remove values of the other variable incompatible with v's value
        o = self.other(v)
        if o.value is not None:
            return True
        x = v.value
        first = v is self.a
        keep = []
        for y in o.domain:
            if (self.ok(x, y) if first else self.ok(y, x)):
                keep.append(y)
        if len(keep) != len(o.domain):
            trail.append((o, o.domain))
            o.domain = keep
        return len(keep) > 0


class NotEqual(Constraint):
    def ok(self, x, y):
        return x != y


class QueenPair(Constraint):
    def __init__(self, a, b, dist):
        Constraint.__init__(self, a, b)
        self.dist = dist

    def ok(self, x, y):
        return x != y and abs(x - y) != self.dist


class Solver:
    def __init__(self, variables):
        self.vars = variables
        self.nodes = 0
        self.solutions = 0
        self.found = None

    def pick(self):
        best = None
        for v in self.vars:
            if v.value is None and (best is None or len(v.domain) < len(best.domain)):
                best = v
        return best

    def search(self, limit):
        v = self.pick()
        if v is None:
            self.solutions += 1
            self.found = [u.value for u in self.vars]
            return self.solutions >= limit
        for x in v.domain:
            self.nodes += 1
            v.value = x
            trail = []
            good = True
            for c in v.constraints:
                if not c.revise(v, trail):
                    good = False
                    break
            if good and self.search(limit):
                v.value = None
                self.undo(trail)
                return True
            v.value = None
            self.undo(trail)
        return False

    def undo(self, trail):
        while trail:
            var, dom = trail.pop()
            var.domain = dom


def queens(n, limit):
    vs = [Var("q%d" % i, range(n)) for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            QueenPair(vs[i], vs[j], j - i)
    s = Solver(vs)
    s.search(limit)
    return s.nodes, s.solutions


def colouring(n, colours):
    vs = [Var("v%d" % i, range(colours)) for i in range(n)]
    seed = 7
    edges = set()
    for i in range(n):
        for k in range(3):
            seed = (seed * 69069 + 1) & 0xFFFFFFFF
            j = seed % n
            if j != i and (j, i) not in edges:
                edges.add((i, j))
                NotEqual(vs[i], vs[j])
    s = Solver(vs)
    s.search(1)
    return s.nodes, s.solutions, s.found[:8]


def main():
    out = []
    for n in range(6, 6 + max(1, int(5 * SCALE))):
        out.append(queens(n, 1000))
    out.append(queens(11, 3))
    out.append(colouring(60, 4))
    out.append(colouring(90, 4))
    print("solver", out)


main()
