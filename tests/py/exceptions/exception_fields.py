# The builtin exception types' fields (OSError.errno ..., ImportError.name, SyntaxError.lineno, the
# Unicode errors' start/end ...): descriptors on the types, not instance __dict__ entries.
import pickle, copy
e = OSError(2, 'x', 'f')
print(type(e).__name__, e.__dict__, e.errno, e.strerror, e.filename, e.filename2, str(e))
print(hasattr(e, 'characters_written'))
e.errno = 5; print(e.errno, e.__dict__, str(e))
del e.errno; print(e.errno)
print(str(OSError(1, 'a', 'b', None, 'c')), OSError(1, 'a', 'b', None, 'c').filename2)
b = BlockingIOError(11, 'again', 3); print(b.characters_written, b.filename, str(b))
b.characters_written = 7; print(b.characters_written); del b.characters_written
try: del b.characters_written
except AttributeError as x: print('AttributeError', x)
try: OSError().characters_written
except AttributeError as x: print('AttributeError', x)
print(OSError('just msg').errno, str(OSError('just msg')))
a = AttributeError('m'); print(a.__dict__, a.name, a.obj)
try: object().zz
except AttributeError as x: print(x.name, type(x.obj).__name__, x.__dict__)
i = ImportError('m', name='n', path='p'); print(i.__dict__, i.name, i.path, i.msg)
j = pickle.loads(pickle.dumps(i)); print(j.name, j.path, j.msg, j.args)
print(i.__reduce__())
try: import nosuchmod_xyz
except ImportError as x: print(type(x).__name__, x.name, x.path, x.msg)
try: from os import nosuchname
except ImportError as x: print(x.name, x.msg.split(' (')[0])
s = SyntaxError('m', ('f', 1, 2, 'x', 1, 3)); print(s.__dict__, s.filename, s.lineno, s.offset, s.text, s.end_lineno, s.end_offset, s.print_file_and_line, str(s))
try: compile('x = = 1', 'zz.py', 'exec')
except SyntaxError as x: print(x.msg, x.filename, x.lineno, x.offset, x.text, x.end_offset)
u = UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bad'); print(u.__dict__, u.encoding, u.object, u.start, u.end, u.reason, str(u))
u.start = 0; u.reason = 'worse'; print(str(u))
n = NameError('x'); print(n.__dict__, n.name)
try: undefined_name_q
except NameError as x: print(x.name)
c = copy.copy(OSError(2, 'x', 'f')); print(c.errno, c.filename)
p = pickle.loads(pickle.dumps(OSError(2, 'x', 'f'))); print(type(p).__name__, p.errno, p.filename)
class MyErr(OSError):
    pass
m = MyErr(2, 'x'); m.extra = 1; print(m.__dict__, m.errno)
print(sorted(k for k in ('errno','filename') if k in dir(FileNotFoundError)))
try:
    open('/nonexistent/qq')
except OSError as x:
    print(x.errno, x.strerror, x.filename, x.__dict__)
