# Errors from unions and generic aliases, as CPython 3.11 words them; a traceback ends the script.
import types

print(isinstance(None, int | None), isinstance(3, (str, int | bytes)), issubclass(int, (str | None, bool | int)))
print(frozenset[int] == frozenset[int], {list[int]: 1}[list[int]], {int | str: 2}[str | int])
print(list[int] | dict[str, int], (int | str).__args__ == (int, str))
for bad in ("x", 1, 2.5, [int]):
    try:
        int | bad
    except TypeError as e:
        print(type(bad).__name__, e)
try:
    hash(list[[]])
except TypeError as e:
    print(e)
isinstance({}, dict[str, int])
