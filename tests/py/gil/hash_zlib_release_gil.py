# hashlib and zlib release the GIL around large buffers (2 KiB and more for hashlib), so a thread
# that wants the GIL during such a call waits only a switch interval or so, the mirror image of
# native_call_not_preempted.py (where the waiter waits for the whole call). A waker thread
# sleeps 1 ms in a loop and records its worst wake-up delay while the main thread hashes or
# compresses 48 MiB in a single call. The same ratio (worst delay / call time) stays far below
# one half on a loaded machine: only a held GIL makes it approach 1.
import hashlib
import threading
import time
import zlib

data = bytes(range(256)) * (24 * 4096)  # 24 MiB

packed = zlib.compress(data, 9)

def worst_wait_during(call):
    state = {"worst": 0.0, "running": True, "wakes": 0}

    def waker():
        while state["running"]:
            t0 = time.perf_counter()
            time.sleep(0.001)
            state["worst"] = max(state["worst"], time.perf_counter() - t0)
            state["wakes"] += 1

    w = threading.Thread(target=waker)
    w.start()
    time.sleep(0.05)
    state["worst"] = 0.0
    state["wakes"] = 0
    t0 = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - t0
    state["running"] = False
    w.join()
    return result, elapsed, state["worst"], state["wakes"]

for name, call, check in [
    ("sha256", lambda: hashlib.sha256(data).hexdigest(), lambda r: len(r) == 64),
    ("sha512 update", lambda: hashlib.sha512().update(data), lambda r: r is None),
    ("blake2b", lambda: hashlib.blake2b(data).digest(), lambda r: len(r) == 64),
    ("zlib.compress", lambda: zlib.compress(data, 1), lambda r: zlib.decompress(r) == data),
    ("zlib.decompress", lambda: zlib.decompress(packed), lambda r: r == data),
]:
    result, elapsed, worst, wakes = worst_wait_during(call)
    print(name, "correct:", check(result))
    print(name, "waiter not held back by the call:", worst < 0.5 * elapsed and wakes > 1)
