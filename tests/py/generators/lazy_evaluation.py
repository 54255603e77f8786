log = []
def src():
    for i in range(3):
        log.append(f"produce {i}")
        yield i
g = (v * 10 for v in src())
print(log)
print(next(g), log)
for v in g:
    log.append(f"consume {v}")
print(log)
def first_iter_evaluated():
    log.clear()
    def it():
        log.append("outer iterable evaluated")
        return [1, 2]
    g = (x for x in it())
    log.append("genexpr created")
    list(g)
    return log
print(first_iter_evaluated())
