# While-loop integer arithmetic (small ints only): an LCG, gcd and digit sums.


def main():
    n = 0
    acc = 0
    x = 12345
    while n < 2200000:
        x = (x * 1103515245 + 12345) % 2147483648
        acc += (x >> 7) ^ (n & 255)
        if x % 3 == 0:
            acc -= n // 7
        n += 1
    g = 0
    a = 1
    while a < 30000:
        b = a * 7 + 3
        c = a
        while c:
            b, c = c, b % c
        g += b
        a += 1
    print("int_loop", acc % 1000000007, g)


main()
