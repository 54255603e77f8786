# List, dict, set comprehensions and generator expressions, nested and filtered.


def main():
    total = 0
    for rnd in range(120):
        sq = [x * x for x in range(20000)]
        odd = [x for x in sq if x & 1]
        pairs = [(i, j) for i in range(120) for j in range(i, 120) if (i + j) % 3 == 0]
        d = {i: str(i) for i in range(10000)}
        inv = {v: k for k, v in d.items() if k % 2}
        s = {x % 1013 for x in sq}
        m = [[i * j for j in range(40)] for i in range(40)]
        t = sum(x for x in odd if x % 5 == 0)
        total += len(odd) + len(pairs) + len(inv) + len(s) + m[39][39] + t % 100003 + rnd
    print("comprehensions", total)


main()
