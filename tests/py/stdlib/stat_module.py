# _stat (under CPython's stat.py): every constant, the S_IS* tests, S_IMODE/S_IFMT, filemode()
# for each file type and the setuid/setgid/sticky letters, and mode argument errors.
import _stat
import os
import stat

for n in sorted(dir(_stat)):
    v = getattr(_stat, n)
    if isinstance(v, int):
        print(n, v)
    elif callable(v) and not n.startswith('__'):
        print(n, 'function', v.__text_signature__)


def t(f):
    try:
        print(repr(f()))
    except BaseException as e:
        print(type(e).__name__, e)


t(lambda: _stat.S_ISDIR(-1))
t(lambda: _stat.S_ISDIR('x'))
t(lambda: _stat.S_ISDIR(1.5))
t(lambda: _stat.S_ISDIR(2**70))
t(lambda: _stat.S_ISDIR(2**33 + 0o40000))
t(lambda: _stat.S_ISDIR())
t(lambda: _stat.S_IMODE(0o170777))
t(lambda: _stat.S_IFMT(0o170777))
t(lambda: _stat.S_IMODE(True))
for m in [0o100644, 0o40755, 0o120777, 0o4755 | 0o100000, 0o2644 | 0o100000, 0o1777 | 0o40000,
          0o1666 | 0o40000, 0o7000, 0o140000, 0o60000, 0o20000, 0o10000]:
    print(oct(m), _stat.filemode(m), stat.filemode(m),
          [f.__name__ for f in (stat.S_ISDIR, stat.S_ISCHR, stat.S_ISBLK, stat.S_ISREG, stat.S_ISFIFO,
                                stat.S_ISLNK, stat.S_ISSOCK, stat.S_ISDOOR, stat.S_ISPORT, stat.S_ISWHT)
           if f(m)])
t(lambda: _stat.filemode(-1))
t(lambda: _stat.filemode(2**40))
print(stat.filemode is _stat.filemode, stat.S_ISDIR(os.stat('.').st_mode))
