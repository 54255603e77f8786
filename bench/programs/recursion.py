# Recursive function calls: naive Fibonacci plus a small recursive tree walk.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def ackermann_small(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann_small(m - 1, 1)
    return ackermann_small(m - 1, ackermann_small(m, n - 1))


def main():
    total = 0
    for _ in range(10):
        total += fib(27)
    total += ackermann_small(2, 400)
    print("recursion", total)


main()
