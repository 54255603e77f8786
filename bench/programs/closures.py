# Nested functions, closures with nonlocal, lambdas, sorted/min/max with key.


def make_counter(step):
    count = 0

    def inc():
        nonlocal count
        count += step
        return count
    return inc


def compose(f, g):
    return lambda x: f(g(x))


def make_adders(n):
    return [lambda x, k=k: x + k for k in range(n)]


def main():
    total = 0
    for rnd in range(300):
        c = make_counter(rnd + 1)
        for _ in range(1000):
            total += c()
        adders = make_adders(50)
        h = compose(adders[3], adders[rnd % 50])
        for i in range(1000):
            total += h(i)
        data = [((i * 7919) % 1009, "n" + str(i % 97)) for i in range(2000)]
        by_num = sorted(data, key=lambda p: p[0])
        by_name = sorted(data, key=lambda p: (p[1], -p[0]), reverse=True)
        total += by_num[0][0] + by_num[-1][0] + by_name[0][0]
        total += max(data, key=lambda p: p[0] * 3 % 101)[0]
        total += len(list(filter(lambda p: p[0] > 500, map(lambda p: (p[0] + 1, p[1]), data))))
    print("closures", total)


main()
