# Floating point: a small n-body simulation and a mandelbrot escape count.
import math


def nbody(steps):
    # positions, velocities, masses of 5 bodies (sun + 4 planets, rough values)
    pi = math.pi
    solar = 4 * pi * pi
    dpy = 365.24
    bodies = [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, solar],
        [4.84, -1.16, -0.10, 0.00166 * dpy, 0.00770 * dpy, -0.0000690 * dpy, 0.000954 * solar],
        [8.34, 4.12, -0.40, -0.00277 * dpy, 0.00500 * dpy, 0.0000230 * dpy, 0.000286 * solar],
        [12.89, -15.11, -0.22, 0.00296 * dpy, 0.00237 * dpy, -0.0000296 * dpy, 0.0000437 * solar],
        [15.38, -25.92, 0.18, 0.00268 * dpy, 0.00163 * dpy, -0.0000951 * dpy, 0.0000515 * solar],
    ]
    dt = 0.01
    n = len(bodies)
    for _ in range(steps):
        for i in range(n):
            bi = bodies[i]
            for j in range(i + 1, n):
                bj = bodies[j]
                dx = bi[0] - bj[0]
                dy = bi[1] - bj[1]
                dz = bi[2] - bj[2]
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * math.sqrt(d2))
                mi = bi[6] * mag
                mj = bj[6] * mag
                bi[3] -= dx * mj
                bi[4] -= dy * mj
                bi[5] -= dz * mj
                bj[3] += dx * mi
                bj[4] += dy * mi
                bj[5] += dz * mi
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]
    e = 0.0
    for i in range(n):
        b = bodies[i]
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
        for j in range(i + 1, n):
            c = bodies[j]
            dx = b[0] - c[0]
            dy = b[1] - c[1]
            dz = b[2] - c[2]
            e -= b[6] * c[6] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def mandelbrot(size, limit):
    inside = 0
    for py in range(size):
        ci = 2.0 * py / size - 1.0
        for px in range(size):
            cr = 2.5 * px / size - 2.0
            zr = 0.0
            zi = 0.0
            k = 0
            while k < limit and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                k += 1
            if k == limit:
                inside += 1
    return inside


def main():
    e = nbody(70000)
    m = mandelbrot(220, 60)
    print("float_math %.9f %d" % (e, m))


main()
