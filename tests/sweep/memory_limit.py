# Run under `ulimit -v 1048576` (1 GiB) by memory_limit.sh: allocations the limit refuses are
# MemoryError and the program goes on (issue 12).
def attempt(label, f):
    try:
        r = f()
        print(label, "->", type(r).__name__, len(r))
    except MemoryError as e:
        print(label, "-> MemoryError", repr(e))


attempt('"x" * 2**31', lambda: "x" * 2 ** 31)
attempt("[0] * 2**31", lambda: [0] * 2 ** 31)
attempt("(0,) * 2**31", lambda: (0,) * 2 ** 31)
attempt("bytes(2**31)", lambda: bytes(2 ** 31))
attempt("bytearray(2**31)", lambda: bytearray(2 ** 31))
attempt('"x".ljust(2**31)', lambda: "x".ljust(2 ** 31))
attempt("list(range(2**28))", lambda: list(range(2 ** 28)))
attempt("2**31 to_bytes", lambda: (1).to_bytes(2 ** 31, "little"))
attempt("small", lambda: "x" * 10)
print("the program goes on:", sum(range(10)))
