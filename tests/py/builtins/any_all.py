print(any([]), all([]), any([0, 0, 1]), all([1, 2, 0]), any("") , all(""))
print(any([None, False, ""]), all([1, "a", [0]]), any(x > 5 for x in range(10)), all(x < 5 for x in range(10)))
checked = []
def check(v):
    checked.append(v)
    return v > 2
print(any(check(v) for v in [1, 2, 3, 4, 5]), checked)
checked.clear()
print(all(check(v) for v in [3, 4, 1, 5]), checked)
print(any({0: 'a'}), all({1: 0}), any(iter([0, 0.0, 1j if False else 2])))
