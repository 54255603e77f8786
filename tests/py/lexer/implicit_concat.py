s = "hello" ' ' "world"
print(s)
print("a" "b" "c" == "abc")
long = ("part one, "
        "part two, "
        'part three')
print(long)
print(len("x" "y"))
name = "minipy"
print("static " f"and {name} " 'then ' f'{1 + 1}')
print(r"\raw" "\tcooked")
print(["a" "b", "c"])
