# CPython's pickle.py, which minipy runs (minipy has no _pickle accelerator): CPython's C pickler
# words some errors apart ("Ran out of input", "Can't pickle local object"), so the expected
# output is made by CPython with its accelerator blocked.
import sys
sys.modules['_pickle'] = None
import pickle
import threading
import sys

def outer():
    def inner():
        pass
    return inner

def gen():
    yield 1

square = lambda x: x * x

cases = [
    ("lambda", square),
    ("nested function", outer()),
    ("lock", threading.Lock()),
    ("generator", gen()),
    ("module", sys),
    ("lambda in a list", [1, lambda: 2]),
]
for label, obj in cases:
    try:
        pickle.dumps(obj)
        print(label, "pickled?!")
    except (pickle.PicklingError, TypeError, AttributeError) as e:
        msg = str(e)
        if " at 0x" in msg:
            i = msg.index(" at 0x")
            msg = msg[:i] + msg[msg.index(">", i):]
        print(label, "->", type(e).__name__ + ":", msg)

for bad in [b"", b"\x80"]:
    try:
        pickle.loads(bad)
    except Exception as e:
        print(type(e).__name__, e)
