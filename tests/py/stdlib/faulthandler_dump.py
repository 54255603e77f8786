# faulthandler: dump_traceback of one or all threads, dump_traceback_later's watchdog, and the
# fatal-signal handler (in a child process), in CPython's format. Thread idents and this file's
# path are masked.
import _thread
import faulthandler
import io
import re
import subprocess
import sys
import tempfile
import time


def masked(text):
    return re.sub(r"0x[0-9a-f]{16}", "0xIDENT", text).replace(__file__, "THIS_FILE")


def dump(all_threads):
    with tempfile.TemporaryFile("w+") as f:
        faulthandler.dump_traceback(f, all_threads=all_threads)
        f.seek(0)
        return masked(f.read())


print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled(), faulthandler.disable(), faulthandler.is_enabled())


def inner():
    return dump(False)


print(inner(), end="")

started, release = _thread.allocate_lock(), _thread.allocate_lock()
started.acquire()
release.acquire()


def parked():
    started.release() or release.acquire()  # one line: the dump shows it whichever call runs


_thread.start_new_thread(parked, ())
started.acquire()
print(dump(True), end="")
release.release()

with tempfile.TemporaryFile("w+") as f:
    faulthandler.dump_traceback_later(0.2, file=f)
    time.sleep(0.6)
    faulthandler.dump_traceback_later(5, file=f)
    faulthandler.cancel_dump_traceback_later()
    f.seek(0)
    print(masked(f.read()), end="")

for bad in (lambda: faulthandler.dump_traceback(io.StringIO()),
            lambda: faulthandler.dump_traceback_later(0),
            lambda: faulthandler.dump_traceback(-1)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

crash = """if 1:
    import faulthandler, os, signal, sys
    faulthandler.enable(sys.stdout, all_threads=False)
    def crash():
        os.kill(os.getpid(), signal.SIGSEGV)
    crash()
"""
p = subprocess.run([sys.executable, "-c", crash], capture_output=True, text=True)
print(p.returncode, p.stdout, end="")
