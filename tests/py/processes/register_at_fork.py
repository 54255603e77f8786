# os.register_at_fork: before hooks in reverse order, after hooks in order, each in its process;
# a failing hook is reported and the others still run; argument errors as CPython's.
import os
import sys

log = []
os.register_at_fork(before=lambda: log.append("before 1"))
os.register_at_fork(before=lambda: log.append("before 2"),
                    after_in_parent=lambda: log.append("parent 1"),
                    after_in_child=lambda: log.append("child 1"))
class Failing:
    def __call__(self):
        1 / 0

    def __repr__(self):
        return "<failing hook>"


os.register_at_fork(after_in_child=Failing())
os.register_at_fork(after_in_child=lambda: log.append("child 2"),
                    after_in_parent=lambda: log.append("parent 2"))

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, repr(log).encode())
    os._exit(0)
os.close(w)
child_log = b""
while chunk := os.read(r, 4096):
    child_log += chunk
os.waitpid(pid, 0)
print("parent:", log)
print("child:", child_log.decode())

for kwargs in ({}, {"before": 3}, {"after_in_child": None}, {"other": print}):
    try:
        os.register_at_fork(**kwargs)
    except TypeError as e:
        print("TypeError:", e)
try:
    os.register_at_fork(print)
except TypeError as e:
    print("TypeError:", type(e).__name__)
