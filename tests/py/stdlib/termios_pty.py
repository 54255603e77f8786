# termios over a pseudo-terminal: tcgetattr's list shape, tty.setraw through tcsetattr, window
# sizes, termios.error for a descriptor that is not a terminal, argument errors.
import os
import termios
import tty

master, slave = os.openpty()
attrs = termios.tcgetattr(slave)
print(len(attrs), [type(x).__name__ for x in attrs], len(attrs[6]) == termios.NCCS)
print(all(isinstance(c, bytes) and len(c) == 1 for c in attrs[6]))
tty.setraw(slave)
raw = termios.tcgetattr(slave)
print("canonical", bool(raw[3] & termios.ICANON), "echo", bool(raw[3] & termios.ECHO))
print("VMIN", raw[6][termios.VMIN], "VTIME", raw[6][termios.VTIME])
termios.tcsetattr(slave, termios.TCSANOW, attrs)
print("restored", termios.tcgetattr(slave) == attrs)
termios.tcsetwinsize(slave, (24, 80))
print("winsize", termios.tcgetwinsize(slave))
termios.tcflush(slave, termios.TCIOFLUSH)
termios.tcdrain(slave)
r, w = os.pipe()
try:
    termios.tcgetattr(r)
except termios.error as e:
    print("termios.error", e.args[0] == 25, isinstance(e, OSError))
for bad in ([1, 2], "x", attrs[:6] + [[b"a"]]):
    try:
        termios.tcsetattr(slave, termios.TCSANOW, bad)
    except TypeError as e:
        print("TypeError:", e)
print(termios.B38400, termios.TCSAFLUSH, termios.VMIN, termios.ICANON)
for fd in (master, slave, r, w):
    os.close(fd)
