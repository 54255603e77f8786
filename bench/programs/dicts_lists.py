# Building, looking up and mutating dicts and lists.


def main():
    checksum = 0
    for rnd in range(45):
        d = {}
        for i in range(20000):
            d["k" + str(i)] = i * rnd
        hits = 0
        for i in range(0, 40000, 3):
            key = "k" + str(i)
            if key in d:
                hits += d[key]
            v = d.get(key, -1)
            if v < 0:
                hits += 1
        ints = {}
        for i in range(20000):
            ints[i * 7 % 20011] = i
        for i in range(20000):
            hits += ints.get(i, 0)
        lst = []
        for i in range(20000):
            lst.append(i ^ rnd)
        lst.sort()
        lst.reverse()
        hits += lst[100] + lst[-1] + len(lst[::7])
        while len(lst) > 15000:
            lst.pop()
        lst.insert(0, 5)
        hits += sum(lst) % 9973
        for k in list(d)[:5000]:
            del d[k]
        hits += len(d)
        checksum = (checksum * 31 + hits) % 1000000007
    print("dicts_lists", checksum)


main()
