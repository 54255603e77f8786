# open() in text and binary modes over real files: read/write, readline/iteration, seek/tell
# cookies, newline modes, encodings, and the errors open() and closed files raise.
import io, os
d = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'minipy_io_%d' % os.getpid()); os.mkdir(d)
p = os.path.join(d, 'a.txt')
with open(p, 'w') as f:
    print(type(f).__name__, f.mode, f.name == p, f.encoding, f.line_buffering)
    print(f.write('hello\nworld\n'), f.tell())
    f.writelines(['x\n', 'y'])
with open(p) as f:
    print(repr(f.read()))
with open(p) as f:
    print(f.readline(), end='')
    pos = f.tell()
    print(f.readline(), end='')
    f.seek(pos)
    print(repr(f.readline()))
    print(list(f))
with open(p, 'rb') as f:
    print(type(f).__name__, f.read(3), f.peek(2)[:2], f.read1(2), f.tell())
    f.seek(-2, 2); print(f.read())
    print(repr(f.raw).replace(p, 'P'), f.name == p, f.mode)
with open(p, 'ab') as f:
    f.write(b'\r\nz\rq')
with open(p, newline='') as f:
    print(f.readlines())
with open(p) as f:
    print(f.readlines(), f.newlines)
with open(p, 'rb', buffering=0) as f:
    print(type(f).__name__, f.read(4), f.readall())
with open(p, 'r+') as f:
    f.seek(0); f.write('HE'); f.seek(0); print(repr(f.read(5)))
    print(f.truncate(3), f.seek(0), repr(f.read()))
with open(p, 'w', encoding='latin-1') as f:
    f.write('caf\xe9 \u00ff')
with open(p, 'rb') as f: print(f.read())
with open(p, encoding='latin-1') as f: print(f.read())
with open(p, 'w') as f:
    f.write('h\u00e9llo w\u00f6rld \u20ac\n' * 3)
with open(p) as f:
    f.readline(); t = f.tell(); print(t); print(repr(f.read(3))); t2 = f.tell(); print(t2)
    f.seek(t); print(repr(f.readline()))
    f.seek(t2); print(repr(f.read(4)))
try:
    open(os.path.join(d, 'nope.txt'))
except FileNotFoundError as e:
    print('FNF', e.errno, e.filename == os.path.join(d, 'nope.txt'))
try:
    open(d)
except IsADirectoryError as e:
    print('ISDIR', e.errno)
for m in ['rw', 'rr', 'q', 'rt+b', '', 'wx']:
    try: open(p, m)
    except ValueError as e: print(m, e)
try: open(p, 'rb', encoding='utf-8')
except ValueError as e: print(e)
try: open(p, 'r', buffering=0)
except ValueError as e: print(e)
f = open(p); f.close()
try: f.read()
except ValueError as e: print(e)
print(f.closed, repr(f).replace(p, 'P'))
try: open(p, 'rb').write(b'x')
except io.UnsupportedOperation as e: print('unsup', e, isinstance(e, OSError), isinstance(e, ValueError))
with open(p, 'x' if False else 'w') as f: pass
try: open(p, 'x')
except FileExistsError as e: print('exists', e.errno)
os.remove(p)
os.rmdir(d)
print(os.path.exists(d))
