# The documented re API on CPython's re package over minipy's _sre: module functions, Pattern and
# Match objects, flags, sub templates and callables, split with groups, Scanner, escape.
import re

print(re.match(r'\d+', '123abc'), re.match(r'\d+', 'abc'))
print(re.search(r'(\w+)@(\w+)\.com', 'mail bob@example.com now'))
print(re.fullmatch(r'[a-z]+', 'abc'), re.fullmatch(r'[a-z]+', 'abc1'))
print(re.findall(r'\b\w', 'the quick brown fox'), re.findall(r'(\w)(\d)', 'a1 b2 c'))
print([m.span() for m in re.finditer(r'o', 'foo boo')])
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words, words.'))
print(re.split(r'\W+', 'Words, words, words.', 1), re.split('[a-f]+', '0a3B9', flags=re.IGNORECASE))
print(re.split(r'\b', 'a b'), re.split(r'x*', 'axbc'), re.split(r'(?:x)|(y)', 'axbyc'))
print(re.sub(r'def\s+([a-zA-Z_][a-zA-Z_0-9]*)\s*\(\s*\):', r'static PyObject*\npy_\1(void)\n{',
             'def myfunc():'))
print(re.sub('-{1,2}', lambda m: ' ' if m.group(0) == '-' else '-', 'pro----gram-files'))
print(re.sub(r'\sAND\s', ' & ', 'Baked Beans And Spam', flags=re.IGNORECASE))
print(re.sub('x*', '-', 'abxd'), re.subn('a', 'b', 'aaa', count=2), re.sub('a', r'\n', 'xa'))
print(re.sub(r'(?P<w>\w+)', r'<\g<w>|\g<0>|\g<1>>', 'hi there'), re.sub('(b)?c', r'[\1]', 'c bc'))
print(re.sub(r'(\d)', lambda m: str(int(m[1]) * 2), 'a1b2c3'), re.sub('', '-', 'abc'))
print(re.escape('a.b*c?d'), re.escape(b'x+y'), re.escape('hello world_1'))
p = re.compile(r'(?P<key>\w+)=(?P<value>[^;]*)', re.ASCII)
print(p, p.pattern, p.flags, p.groups, p.groupindex, p.groupindex['value'])
m = p.search('  a=1;bb=22;')
print(m, m.group(), m.group(0, 1, 2), m.group('key', 'value'), m['value'], m[2])
print(m.groups(), m.groupdict(), m.start(), m.end(), m.span(), m.span('value'), m.start(2), m.end('key'))
print(m.lastindex, m.lastgroup, m.pos, m.endpos, m.re is p, m.string, m.regs)
print(m.expand(r'\g<value>:\g<key>'), m.expand(r'\2\1'), repr(m.expand('x\\ny')))
print([mm.groupdict() for mm in p.finditer('a=1;bb=22;c=')])
print(p.findall('a=1;bb=22;c='), p.split('a=1;bb=22'), p.sub(r'\2=\1', 'a=1;bb=22'))
print(p.match('xx a=1', 3), p.match('a=1', 0, 2), p.search('a=1', 1), p.fullmatch('a=1;', 0, 3))
print(p.search('a=1', endpos=1), p.findall('a=1 b=2', pos=2), p.search('a=1', pos=-5), p.search('a=1', 10))
m = re.match(r'(a)(b)?(c)?', 'ac')
print(m.groups(), m.groups(''), m.span(2), m.lastindex, m.group(2), m.start(3))
m = re.match(r'(?:(?P<a>a)|(?P<b>b))+', 'ab')
print(m.groupdict(), m.groupdict('-'), m.lastgroup, m.lastindex)
for bad in ('m.group(5)', 'm.group("zz")', 'm.start(9)', 'm.span(-1)', "re.compile('(a)').match('a').group(2)"):
    try:
        eval(bad)
    except IndexError as e:
        print(bad, '->', e)
for flag in (re.I, re.M, re.S, re.X, re.A, re.I | re.M, re.U):
    print(int(flag), re.compile('a', flag), re.compile(b'a', flag & ~re.U))
print(re.compile('x', re.I) == re.compile('x', re.I), re.compile('x') == re.compile('x', re.I),
      re.compile('x') != re.compile('y'), hash(re.compile('q')) == hash(re.compile('q')))
print(re.compile(re.compile('abc')).pattern, re.compile('a' * 300) is not None)
print(repr(re.compile('a' * 300))[:30], repr(re.match('.*', 'b' * 100)))
p = re.compile('ab+')
print(p.__copy__() is p, p.__deepcopy__({}) is p, p.match('abb').__copy__().group())
scanner = re.Scanner([
    (r'[a-zA-Z_]\w*', lambda s, t: ('ident', t)),
    (r'\d+', lambda s, t: ('int', int(t))),
    (r'[=+*/-]', lambda s, t: ('op', t)),
    (r'\s+', None),
])
print(scanner.scan('x = 10 + y2 * 3 ?'))
sc = re.compile(r'\d').scanner('a1b22')
print(sc.search(), sc.match(), sc.search())
sc = re.compile(r'\d').scanner('12a')
print(sc.match(), sc.match(), sc.match(), sc.search())
print(type(re.compile('a')).__name__, type(re.match('a', 'a')).__name__, re.Pattern, re.Match)
print(isinstance(re.compile('a'), re.Pattern), isinstance(re.match('a', 'a'), re.Match))
print(re.purge(), re.compile('(?x) a  b # c\n c').match('abc'))
print(re.findall(r'(?m)^\w+$', 'one\ntwo\nthree'), re.findall(r'(?s)a.b', 'a\nb'), re.findall('a.b', 'a\nb'))
print(re.search(r'^', 'ab', re.M).span(), [m.span() for m in re.finditer(r'$', 'a\nb\n', re.M)])
print([m.span() for m in re.finditer(r'\Z', 'a\n')], [m.span() for m in re.finditer(r'$', 'a\n')])
