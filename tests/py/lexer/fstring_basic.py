name = "World"
n = 42
items = [1, 2, 3]
d = {"key": "value", 'k2': 5}
print(f"Hello, {name}!")
print(f"{n} {n + 1} {n * 2:d} {n / 4}")
print(f"{items[0]} {items[-1]} {len(items)}")
print(f"{d['key']} {d['k2'] if True else 0}")
print(f'{name.upper()} {name.lower()!r}')
print(f"{'yes' if n > 40 else 'no'}")
print(f"{[x * 2 for x in items]}")
print(f"{ {'a': 1}['a'] }")
print(f"{{literal braces}} {{{n}}}")
print(f"{n:>{len(items) + 2}}|")
print(F"upper F {n}")
print(f"""triple {name}
second line {n}""")
print(f"{(lambda x: x * 3)(4)}")
print(f"{name!r:>10}|{name:^11}|")
print(rf"\raw {name}", fr"\t{n}")
x = 3
print(f"{x}{x}{x}", f"{x:{x}}|", f"{'nested {braces}'}")
