# csv (CPython's csv.py) over the native _csv: dialects and their validation, the reader's
# state machine (quoting modes, escapes, multi-line fields, strict mode, errors), the writer's
# quoting rules, the dialect registry, field_size_limit, DictReader/DictWriter and Sniffer.
import _csv
import csv
import io


def attempt(label, f, *args, **kwargs):
    try:
        print(label, repr(f(*args, **kwargs)))
    except Exception as e:
        print(label, type(e).__name__, e)


print(sorted(n for n in dir(_csv) if not n.startswith("__")))
print(_csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC, _csv.QUOTE_NONE, _csv.__version__)
print(issubclass(_csv.Error, Exception), _csv.Error.__module__, csv.Error is _csv.Error)
print(type(_csv.reader([])).__name__, _csv.Reader is type(_csv.reader([])))

# ---- Dialect
d = _csv.Dialect()
print(repr(d.delimiter), repr(d.quotechar), repr(d.escapechar), repr(d.lineterminator),
      d.quoting, d.doublequote, d.skipinitialspace, d.strict)
for kw in [dict(delimiter=1), dict(delimiter='ab'), dict(delimiter=''), dict(delimiter=None),
           dict(escapechar=1), dict(escapechar='ab'), dict(quotechar=None),
           dict(quotechar=None, quoting=0), dict(quoting='a'), dict(quoting=7),
           dict(quoting=2**70), dict(lineterminator=None), dict(lineterminator=5),
           dict(quotechar=''), dict(bogus=1), dict(delimiter=';', quoting=csv.QUOTE_ALL),
           dict(escapechar='\\', doublequote=0, skipinitialspace=1, strict='yes')]:
    try:
        d = _csv.Dialect(**kw)
        print(kw, 'ok', repr(d.delimiter), d.quoting, repr(d.quotechar), repr(d.escapechar),
              d.doublequote, d.skipinitialspace, d.strict)
    except Exception as e:
        print(kw, type(e).__name__, e)
attempt('unknown', _csv.Dialect, 'nosuch')
attempt('positional', lambda: _csv.Dialect(None, ';').delimiter)
attempt('both', _csv.Dialect, None, ';', delimiter=',')
attempt('readonly', setattr, _csv.Dialect(), 'delimiter', 'x')
e = _csv.Dialect(delimiter='|')
print(_csv.Dialect(e) is e, _csv.Dialect(e, quoting=1) is e, _csv.Dialect(e, quoting=1).delimiter)
print(_csv.Dialect(csv.excel_tab).delimiter == '\t', _csv.Dialect('excel').lineterminator == '\r\n')
attempt('pickle', e.__reduce_ex__, 2)


class Bad(csv.Dialect):
    delimiter = 'xx'
    quotechar = '"'
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL


attempt('csv.Dialect validation', Bad)


# ---- reader
def r(lines, **kw):
    try:
        rd = csv.reader(lines, **kw)
        out = list(rd)
        print(out, rd.line_num)
    except Exception as e:
        print(type(e).__name__, e)


r(['a,b\r\n', '"c\n', 'd",e\n'])
r(['a,"b'])
r(['a,"b'], strict=True)
r(['"a"b,c'], strict=True)
r(['"a"b,c'])
r(['a\rb'])
r(['a\nb'])
r(['a\\,b'], escapechar='\\')
r(['a\\'], escapechar='\\')
r(['"a\\"b"'], escapechar='\\')
r(['1,2.5,"x",'], quoting=csv.QUOTE_NONNUMERIC)
r(['a,b'], quoting=csv.QUOTE_NONNUMERIC)
r(['"a",b'], quoting=csv.QUOTE_NONE)
r(['a, "b",  c'], skipinitialspace=True)
r([b'a'])
r(['a\0b'])
r(['', 'x', '\n', '\r\n'])
r(['"ab""c"'])
r(['"ab""c"'], doublequote=False)
r(['é;ü;"日本"\n'], delimiter=';')
r(['a|b'], delimiter='|', quotechar="'")
r(['x', 1])
r(iter(['a,b', 'c,d']))
r(5)
csv.field_size_limit(5)
r(['x' * 5, 'x' * 6])
print(csv.field_size_limit(131072))
attempt('limit type', csv.field_size_limit, 'a')
attempt('limit args', csv.field_size_limit, 1, 2)
print(csv.field_size_limit(new_limit=131072))
attempt('reader()', _csv.reader)
attempt('reader(3 args)', _csv.reader, [], 'excel', 3)
rd = csv.reader(['a'], delimiter=';')
print(rd.dialect.delimiter, rd.line_num, next(rd), rd.line_num)
attempt('next at end', next, rd)


# ---- writer
def w(row, **kw):
    s = io.StringIO()
    try:
        print(csv.writer(s, **kw).writerow(row), repr(s.getvalue()))
    except Exception as e:
        print(type(e).__name__, e)


w(['a\rb', 'c\nd'], lineterminator='\n')
w(['a,b', 'c"d', 'e'])
w(['a\\b'], escapechar='\\')
w(['a"b'], escapechar='\\', doublequote=False)
w(['a"b'], quoting=csv.QUOTE_NONE, escapechar='\\')
w(['a,b'], quoting=csv.QUOTE_NONE)
w(['a,b'], quoting=csv.QUOTE_NONE, escapechar='$')
w([''])
w([None])
w([])
w(['', ''])
w([''], quoting=csv.QUOTE_NONE)
w([1.5, 0.1, 1e100, True, None, 'x', 3], quoting=csv.QUOTE_NONNUMERIC)
w([1, 'a', None], quoting=csv.QUOTE_ALL)
w(1)
w((x for x in 'abc'))
w(['a b'], quotechar=None)
w(['a\nb'], quotechar=None)
w(['日本,é'], delimiter=',')
s = io.StringIO()
wr = csv.writer(s, dialect='excel-tab')
print(wr.writerows([[1, 2], ('x\ty', 3)]), repr(s.getvalue()), wr.dialect.delimiter == '\t')
attempt('writer(1)', csv.writer, 1)
attempt('writerows(1)', wr.writerows, 1)


class Boom:
    def __str__(self):
        raise RuntimeError('no str')


attempt('str fails', wr.writerow, [Boom()])

# ---- registry
csv.register_dialect('pipes', delimiter='|', quoting=csv.QUOTE_ALL)
print(sorted(csv.list_dialects()), csv.get_dialect('pipes').delimiter)
s = io.StringIO()
csv.writer(s, 'pipes').writerow(['a', 1])
print(repr(s.getvalue()))
csv.register_dialect('semi', csv.excel, delimiter=';')
print(csv.get_dialect('semi').delimiter, csv.get_dialect('semi').lineterminator == '\r\n')
csv.unregister_dialect('pipes')
attempt('get', csv.get_dialect, 'pipes')
attempt('unregister', csv.unregister_dialect, 'pipes')
attempt('register 1', csv.register_dialect, 1)
attempt('register bad', csv.register_dialect, 'bad', delimiter='xx')
print('bad' in csv.list_dialects())

# ---- DictReader / DictWriter / Sniffer
text = 'name,age\r\nann,31\r\nbob,"4\n2"\r\nextra,1,2\r\nshort\r\n'
for row in csv.DictReader(io.StringIO(text, newline='')):
    print(row)
s = io.StringIO()
dw = csv.DictWriter(s, fieldnames=['x', 'y'], restval='?')
dw.writeheader()
dw.writerows([{'x': 1, 'y': 'a,b'}, {'x': 2}])
print(repr(s.getvalue()))
attempt('extra key', dw.writerow, {'x': 1, 'z': 2})
sniffer = csv.Sniffer()
sample = 'a;b;c\n1;2;3\n4;5;6\n'
dialect = sniffer.sniff(sample)
print(repr(dialect.delimiter), sniffer.has_header('name;age\nann;31\nbob;42\n'))
print(list(csv.reader(io.StringIO(sample), dialect)))
