# io.IncrementalNewlineDecoder with and without a wrapped decoder: translation, a \r held
# back across calls, the newlines attribute, getstate/setstate/reset.
import io

d = io.IncrementalNewlineDecoder(None, translate=True)
for chunk, final in [("a\r", False), ("\nb\r", False), ("c\n", False), ("d\r", False), ("", True)]:
    print(repr(d.decode(chunk, final)), d.newlines, d.getstate())
d.reset()
print(d.newlines, d.getstate())
d = io.IncrementalNewlineDecoder(None, translate=False)
print(repr(d.decode("x\r\ny\rz\n\r")), d.getstate(), d.newlines)
d.setstate((b"", 0))
print(repr(d.decode("w", final=True)))

class Dec:
    """A decoder in Python: latin-1 with a state the wrapper must pass through."""
    def __init__(self):
        self.calls = 0
    def decode(self, data, final=False):
        self.calls += 1
        return bytes(data).decode("latin-1")
    def getstate(self):
        return (b"", self.calls)
    def setstate(self, state):
        self.calls = state[1]
    def reset(self):
        self.calls = 0
d = io.IncrementalNewlineDecoder(Dec(), True)
print(repr(d.decode(b"a\xe9\r")), d.getstate(), repr(d.decode(b"\n", True)), d.getstate())
d.setstate((b"", 7))
print(d.getstate())
for bad in [lambda: io.IncrementalNewlineDecoder(None, True).decode(b"bytes"),
            lambda: io.IncrementalNewlineDecoder(),
            lambda: io.IncrementalNewlineDecoder.__new__(io.IncrementalNewlineDecoder).decode("x")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
