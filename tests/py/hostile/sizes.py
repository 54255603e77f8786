# Size computations that overflow or cannot be allocated raise MemoryError or OverflowError with
# CPython's messages instead of crashing (issue 12). Each case used to segfault, abort or hang.
def attempt(label, f):
    try:
        r = f()
        print(label, "->", type(r).__name__, len(r))
    except (MemoryError, OverflowError, ValueError) as e:
        print(label, "->", type(e).__name__, repr(str(e)))


big = 1 << 62
attempt("tuple * 2**62", lambda: (1, 2) * big)
attempt("1-tuple * 2**62", lambda: (1,) * big)
attempt("tuple * 2**63", lambda: (1, 2) * (1 << 63))
attempt("2**62 * tuple", lambda: big * (1, 2))
attempt("list * 2**62", lambda: [1, 2] * big)
attempt("list * 2**63", lambda: [1] * (1 << 63))
attempt("str * 2**62", lambda: "ab" * big)
attempt("1-str * 2**62", lambda: "x" * big)
attempt("str * 2**63", lambda: "x" * (1 << 63))
attempt("bytes * 2**62", lambda: b"ab" * big)
attempt("1-bytes * 2**62", lambda: b"x" * big)
attempt("bytearray * 2**62", lambda: bytearray(b"ab") * big)
attempt("to_bytes(-1)", lambda: (1).to_bytes(-1, "little"))
attempt("to_bytes(2**62)", lambda: (1).to_bytes(big, "little"))
attempt("to_bytes(2**70)", lambda: (1).to_bytes(1 << 70, "little"))
attempt("ljust", lambda: "a".ljust(big))
attempt("rjust", lambda: "a".rjust(big))
attempt("center", lambda: "a".center(big))
attempt("zfill", lambda: "a".zfill(big))
attempt("ljust 2**63", lambda: "a".ljust(1 << 63))
attempt("bytes ljust", lambda: b"a".ljust(big))
attempt("bytes zfill", lambda: b"a".zfill(big))
attempt("bytes center", lambda: b"a".center(big))
attempt("bytearray(2**62)", lambda: bytearray(big))
attempt("bytes(2**62)", lambda: bytes(big))
attempt("bytes(2**63)", lambda: bytes(1 << 63))
attempt("bytes(-1)", lambda: bytes(-1))
attempt("expandtabs(2**62)", lambda: "\ta".expandtabs(big))
attempt("bytes expandtabs(2**40)", lambda: b"\ta".expandtabs(1 << 40))
attempt("%*d", lambda: "%*d" % (big, 1))
attempt("%.*f", lambda: "%.*f" % (big, 1.0))
attempt("format width", lambda: format(1, "1000000000000"))
attempt("str.format width", lambda: "{:1000000000000}".format(1))
attempt("list * 10**10", lambda: [None] * 10 ** 10 * 10 ** 10)

# Small repetitions and padding still give the right values.
print("ab" * 3, b"ab" * 3, (1, 2) * 2, [0] * 3, bytearray(b"x") * 2)
print(repr("a".ljust(5, "*")), repr("a".center(6, "é")), repr("-7".zfill(5)), repr(b"+3".zfill(4)))
print(repr("é" * 5), len("é" * 1000), ("é" * 1000).count("é"))
print((1, 2) * 1, (258).to_bytes(2, "big"), (0).to_bytes(0, "big"))
print("after the errors, the program goes on")
