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


# Hostile pickles allocate nothing by what they declare (_pickle, pickle_load.cpp): a length of
# 2**40 before its data, or memo indices doubling past 2**31, load or raise UnpicklingError
# under the limit instead of sizing anything by them.
def unpickle(label, data):
    import io
    import pickle
    for name, load in (("bytes", lambda: pickle.loads(data)),
                       ("file", lambda: pickle.load(io.BytesIO(data)))):
        try:
            r = load()
            print("pickle", label, name, "->", type(r).__name__, len(r))
        except pickle.UnpicklingError:
            print("pickle", label, name, "-> UnpicklingError")
        except MemoryError as e:
            print("pickle", label, name, "-> MemoryError", repr(e))


huge = (1 << 40).to_bytes(8, "little")
unpickle("BINBYTES8", b"\x8e" + huge + b"abc")
unpickle("BINUNICODE8", b"\x8d" + huge + b"abc")
unpickle("BYTEARRAY8", b"\x96" + huge + b"abc")
unpickle("FRAME", b"\x80\x04\x95" + huge + b"N.")
# Each index just inside what a table sized by the previous ones would stretch to.
indices = [65535]
while 2 * (indices[-1] + 1) + 65535 < 1 << 32:
    indices.append(2 * (indices[-1] + 1) + 65535)
unpickle("LONG_BINPUT", b"]" + b"".join(b"r" + i.to_bytes(4, "little") for i in indices) + b".")
attempt("small", lambda: "x" * 10)
print("the program goes on:", sum(range(10)))
