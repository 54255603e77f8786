print("{} and {}".format("a", "b"), "{1} {0} {1}".format("x", "y"), "{name} is {age}".format(name="Al", age=3))
print("{0[0]} {0[1]} {1[k]}".format([10, 20], {'k': 'v'}), "{.real}".format(5))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"), "{:*^10}".format("mid"), "{:08.3f}".format(3.14159))
print("{:,}".format(1234567), "{:x} {:#b} {:o}".format(255, 5, 8), "{:e}".format(12345.678))
print("{!r} {!s}".format("q", "q"), "{{escaped}} {}".format(1), "{0:{1}}|".format("w", 5))
print("{:.2%}".format(0.4567), "{:+.1f}".format(2), "{:10.4}|".format("truncated"), "{:<5d}|".format(42))
data = {'x': 1, 'y': 2}
print("{x}-{y}".format(**data), "{}".format([1, 2]), "{:d}".format(True))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
try:
    "{0} {}".format(1, 2)
except ValueError as e:
    print("ValueError:", e)
print("{0}{0}{0}".format("ab"), "{:^}".format("x"), "%".join("{}".format(i) for i in range(3)))
