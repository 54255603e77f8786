# Object graph with method dispatch: a cooperative task scheduler. Tasks of four classes
# (workers, producers, consumers, idlers) sit in a priority-ordered linked list; each step the
# scheduler finds the highest-priority runnable task and calls its `run` method, which moves
# packets between queues and wakes or suspends other tasks. Mostly attribute loads and stores
# on instances, method calls through a small class hierarchy and `is None` tests.
# BENCH_SCALE (default 1) multiplies the amount of work.
import os

SCALE = float(os.environ.get("BENCH_SCALE", "1"))


class Packet:
    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.count = 0
        self.data = [0, 0, 0, 0]

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, sched, ident, priority, queue):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.held = False
        self.waiting = queue is not None
        self.runs = 0
        self.next = sched.head
        sched.head = self
        sched.table[ident] = self

    def runnable(self):
        return not self.held and (not self.waiting or self.queue is not None)

    def take(self):
        p = self.queue
        if p is None:
            return None
        self.queue = p.link
        self.waiting = False
        return p

    def deliver(self, packet):
        if self.queue is None:
            self.queue = packet
            packet.link = None
            return self.priority > self.sched.current.priority
        self.queue = packet.append_to(self.queue)
        return False

    def run(self):
        raise NotImplementedError


class Idler(Task):
    def __init__(self, sched, ident, priority, seed):
        Task.__init__(self, sched, ident, priority, None)
        self.seed = seed
        self.ticks = 0

    def run(self):
        self.runs += 1
        self.ticks += 1
        self.seed = (self.seed * 1103515245 + 12345) & 0x7FFFFFFF
        target = 2 if self.seed & 1 else 3
        return self.sched.release(target)


class Worker(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue)
        self.dest = 4
        self.value = 0

    def run(self):
        self.runs += 1
        p = self.take()
        if p is None:
            return self.sched.wait()
        self.dest = 5 if self.dest == 4 else 4
        p.owner = self.dest
        for i in range(4):
            self.value = (self.value + 7) % 26
            p.data[i] = self.value
        return self.sched.send(p, self.dest)


class Handler(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue)
        self.total = 0

    def run(self):
        self.runs += 1
        p = self.take()
        if p is None:
            return self.sched.wait()
        for x in p.data:
            self.total += x
        p.count += 1
        return self.sched.send(p, 2 if p.kind == 0 else 3)


class Scheduler:
    def __init__(self):
        self.head = None
        self.table = {}
        self.current = None
        self.steps = 0

    def find(self, ident):
        return self.table[ident]

    def release(self, ident):
        t = self.find(ident)
        t.held = False
        if t.priority > self.current.priority:
            return t
        return self.current

    def wait(self):
        self.current.held = True
        return self.current.next

    def send(self, packet, ident):
        t = self.find(ident)
        if t.deliver(packet):
            return t
        return self.current

    def schedule(self, limit):
        t = self.head
        while t is not None and self.steps < limit:
            if t.runnable():
                self.current = t
                self.steps += 1
                t = t.run()
            else:
                t = t.next
            if t is None:
                # all held: release everything and start again from the top
                u = self.head
                while u is not None:
                    u.held = False
                    u = u.next
                t = self.head


def build():
    s = Scheduler()
    Idler(s, 1, 0, 42)
    q = None
    for k in range(3):
        q = Packet(q, 2, 0)
    Worker(s, 2, 1000, q)
    q = None
    for k in range(3):
        q = Packet(q, 3, 1)
    Worker(s, 3, 1500, q)
    Handler(s, 4, 2000, None)
    Handler(s, 5, 2500, None)
    return s


def main():
    total_steps = 0
    checksum = 0
    for rnd in range(int(12 * SCALE) or 1):
        s = build()
        s.schedule(12000)
        total_steps += s.steps
        t = s.head
        while t is not None:
            checksum += t.runs * t.ident
            if isinstance(t, Handler):
                checksum += t.total
            t = t.next
    print("scheduler", total_steps, checksum)


main()
