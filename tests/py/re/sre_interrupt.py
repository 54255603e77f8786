# A catastrophic match ((?:a*)*b against a run of a's) is interrupted by Ctrl-C: the engine checks
# for pending signals as it runs (CPython does too), so KeyboardInterrupt arrives mid-match.
import _sre
import os
import signal
import time

MAXREPEAT = _sre.MAXREPEAT
code = [14, 4, 0, 1, MAXREPEAT, 23, 10, 0, MAXREPEAT, 24, 6, 0, MAXREPEAT, 16, 97, 1, 18, 16, 98, 1]
p = _sre.compile('(?:a*)*b', 32, code, 0, {}, ())
parent = os.getpid()
child = os.fork()
if child == 0:
    time.sleep(0.3)
    os.kill(parent, signal.SIGINT)
    os._exit(0)
try:
    p.match('a' * 60)
    print('finished without interruption')
except KeyboardInterrupt:
    print('KeyboardInterrupt during the match')
os.waitpid(child, 0)
print(p.match('a' * 5 + 'b').span())
