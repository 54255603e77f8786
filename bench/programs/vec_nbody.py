# Small-object float math: an n-body simulation whose positions and velocities are Vec objects
# with arithmetic dunders (each step allocates many short-lived Vecs and floats), followed by
# point normalisation (a list of Vecs scaled to unit length).
# BENCH_SCALE (default 1) multiplies the amount of work.
import math
import os

SCALE = float(os.environ.get("BENCH_SCALE", "1"))


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        n = self.norm()
        return Vec(self.x / n, self.y / n, self.z / n) if n > 0.0 else self


class Body:
    def __init__(self, pos, vel, mass):
        self.pos = pos
        self.vel = vel
        self.mass = mass


def make_bodies():
    solar = 4 * math.pi * math.pi
    dpy = 365.24
    return [
        Body(Vec(0.0, 0.0, 0.0), Vec(0.0, 0.0, 0.0), solar),
        Body(Vec(4.84, -1.16, -0.10), Vec(0.00166 * dpy, 0.00770 * dpy, -0.0000690 * dpy), 0.000954 * solar),
        Body(Vec(8.34, 4.12, -0.40), Vec(-0.00277 * dpy, 0.00500 * dpy, 0.0000230 * dpy), 0.000286 * solar),
        Body(Vec(12.89, -15.11, -0.22), Vec(0.00296 * dpy, 0.00237 * dpy, -0.0000296 * dpy), 0.0000437 * solar),
        Body(Vec(15.38, -25.92, 0.18), Vec(0.00268 * dpy, 0.00163 * dpy, -0.0000951 * dpy), 0.0000515 * solar),
    ]


def advance(bodies, dt, steps):
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    for _ in range(steps):
        for a, b in pairs:
            d = a.pos - b.pos
            d2 = d.dot(d)
            mag = dt / (d2 * math.sqrt(d2))
            a.vel = a.vel - d * (b.mass * mag)
            b.vel = b.vel + d * (a.mass * mag)
        for b in bodies:
            b.pos = b.pos + b.vel * dt


def energy(bodies):
    e = 0.0
    for i, a in enumerate(bodies):
        e += 0.5 * a.mass * a.vel.dot(a.vel)
        for b in bodies[i + 1:]:
            e -= a.mass * b.mass / (a.pos - b.pos).norm()
    return e


def normalise_points(n):
    pts = [Vec(math.sin(i) * 3.0, math.cos(i) * 2.0 + 0.5, i * 0.001) for i in range(n)]
    total = 0.0
    for p in pts:
        q = p.normalized()
        total += q.x + q.y * 2.0 - q.z
    return total


def main():
    bodies = make_bodies()
    e0 = energy(bodies)
    advance(bodies, 0.01, int(9000 * SCALE))
    e1 = energy(bodies)
    t = normalise_points(int(40000 * SCALE))
    print("vec_nbody %.9f %.9f %.6f" % (e0, e1, t))


main()
