# Every native function that takes a path turns an os.PathLike into it the same way (CPython's
# PyOS_FSPath): str and bytes pass, __fspath__'s result must be str or bytes, a NUL is refused.
import io, os, sqlite3, subprocess, tempfile

class P:
    def __init__(self, v): self.v = v
    def __fspath__(self): return self.v

class Boom:
    def __fspath__(self): raise KeyError('boom')

def attempt(label, f, *args):
    try:
        r = f(*args)
        print(label, 'ok', type(r).__name__)
    except Exception as e:
        print(label, type(e).__name__, e)

d = tempfile.mkdtemp()
name = os.path.join(d, 'f.txt')
with open(name, 'w') as f: f.write('x')
for label, v in [('str', name), ('bytes', os.fsencode(name)), ('pathlike', P(name)),
                 ('pathlike-bytes', P(os.fsencode(name))), ('returns-int', P(3)),
                 ('no-fspath', 4.5), ('raises', Boom()), ('nul', P(name + '\0'))]:
    attempt('fspath ' + label, os.fspath, v)
    attempt('stat ' + label, lambda p: os.stat(p).st_size, v)
    attempt('open ' + label, lambda p: open(p).close(), v)
    attempt('FileIO ' + label, lambda p: io.FileIO(p).close(), v)
    attempt('connect ' + label, lambda p: sqlite3.connect(p).close(), v)
    attempt('fsencode ' + label, os.fsencode, v)
attempt('connect nul-str', sqlite3.connect, 'a\0b')
attempt('open nul-str', open, 'a\0b')
attempt('run cwd int-fspath', lambda: subprocess.run(['true'], cwd=P(7)))
os.remove(name)
os.rmdir(d)
