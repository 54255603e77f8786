def read_lines():
    for line in ["alpha 1", "beta 22", "", "gamma 333", "# comment", "delta 4"]:
        yield line
def non_empty(lines):
    for l in lines:
        if l and not l.startswith('#'):
            yield l
def parse(lines):
    for l in lines:
        name, num = l.split()
        yield name, int(num)
def big(pairs, limit):
    return ((n, v) for n, v in pairs if v > limit)
print(list(big(parse(non_empty(read_lines())), 3)))
log = []
def stage(name, it):
    for x in it:
        log.append(f"{name}:{x}")
        yield x
p = stage("b", stage("a", iter(range(3))))
print(next(p), log)
print(list(p), log)
