# Float math in plain functions: the spectral norm of the infinite matrix A(i, j) =
# 1 / ((i + j)(i + j + 1) / 2 + i + 1), by power iteration on A^T A. Mixed int/float arithmetic,
# calls with several arguments, generator expressions with `sum` and `zip`.
# BENCH_SCALE (default 1) multiplies the matrix size.
import math
import os

SCALE = float(os.environ.get("BENCH_SCALE", "1"))


def eval_a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) / 2 + i + 1)


def mul_av(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * v[j]
        out.append(s)
    return out


def mul_atv(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * v[j]
        out.append(s)
    return out


def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)


def spectral_norm(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = mul_atav(u, n)
        u = mul_atav(v, n)
    vbv = sum(a * b for a, b in zip(u, v))
    vv = sum(b * b for b in v)
    return math.sqrt(vbv / vv)


def main():
    n = max(10, int(150 * SCALE))
    print("spectral_norm %.9f" % spectral_norm(n))


main()
