# Descriptors the interpreter opens for itself or that os.pipe/os.openpty/open/socket return are
# non-inheritable (PEP 446): the running script's file is not held open at all, and a child
# started with close_fds=False sees none of the parent's pipes.
import os
import socket
import subprocess
import sys

me = os.path.realpath(__file__)
held = [fd for fd in os.listdir("/proc/self/fd")
        if os.path.realpath("/proc/self/fd/" + fd) == me]
print("script held open:", held)

r, w = os.pipe()
m, s = os.openpty()
f = open(__file__, "rb")
a, b = socket.socketpair()
mine = [r, w, m, s, f.fileno(), a.fileno(), b.fileno()]
print("inheritable:", [os.get_inheritable(fd) for fd in mine])
child = subprocess.run(
    [sys.executable, "-c", "import os, sys; print(' '.join(sys.argv[1:]) and "
     "[fd for fd in map(int, sys.argv[1:]) if os.path.exists('/proc/self/fd/%d' % fd)])"]
    + [str(fd) for fd in mine],
    close_fds=False, stdout=subprocess.PIPE, check=True)
print("open in a child (close_fds=False):", child.stdout.decode().strip())
for fd in (r, w, m, s):
    os.close(fd)
f.close()
a.close()
b.close()
