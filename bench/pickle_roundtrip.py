"""A pickle round trip, for instruction counts under callgrind (issue 8: CPython's pickle.py on
minipy against minipy's former native format and against CPython's C accelerator).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null INTERP bench/pickle_roundtrip.py [N]

N round trips (default 20) of a list of 200 records (dicts of ints, floats, strs, tuples, lists,
None, bools, a nested dict) at the default protocol, plus one object graph with shared and
recursive references. Run with N=0 for the baseline (start-up and `import pickle`) and subtract.
Prints a checksum so the interpreters can be compared.
"""
import pickle
import sys


def records():
    out = []
    for i in range(200):
        out.append({"id": i, "name": "item%d" % i, "score": i * 1.25, "tags": ["a", "b", str(i % 7)],
                    "pos": (i, -i, i * 2), "flag": i % 2 == 0, "none": None,
                    "meta": {"owner": "user%d" % (i % 13), "size": i * 1000}})
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    data = records()
    shared = [1, 2, 3]
    graph = {"a": shared, "b": shared, "self": None}
    graph["self"] = graph
    total = 0
    for _ in range(n):
        blob = pickle.dumps(data)
        back = pickle.loads(blob)
        assert back == data
        g = pickle.loads(pickle.dumps(graph))
        assert g["a"] is g["b"] and g["self"] is g
        total += len(blob)
    print(n, total)


main()
