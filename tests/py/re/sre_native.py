# _sre used directly, with code arrays as CPython 3.11's re._compiler emits them: Pattern and Match
# objects, findall/finditer/split/sub/scanner, str and bytes subjects, and argument errors.
import _sre

MAXREPEAT = _sre.MAXREPEAT
print(_sre.MAGIC, _sre.CODESIZE, MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.ascii_iscased(ord('a')), _sre.ascii_iscased(ord('1')), _sre.unicode_iscased(0x416))
print(_sre.ascii_tolower(ord('Q')), _sre.ascii_tolower(0x416), _sre.unicode_tolower(0x416))

# (?P<word>[a-z]+)(?P<num>\d+)? as re._compiler emits it: INFO, MARK 0, REPEAT_ONE IN [a-z],
# MARK 1, REPEAT {0,1} (MARK 2, REPEAT_ONE IN CATEGORY_UNI_DIGIT, MARK 3) MAX_UNTIL, SUCCESS.
code = [14, 4, 0, 1, MAXREPEAT, 17, 0, 24, 10, 1, MAXREPEAT, 13, 5, 22, 97, 122, 0, 1, 17, 1,
        23, 17, 0, 1, 17, 2, 24, 9, 1, MAXREPEAT, 13, 4, 8, 10, 0, 1, 17, 3, 18, 1]
p = _sre.compile('(?P<word>[a-z]+)(?P<num>\\d+)?', 32, code, 2, {'word': 1, 'num': 2},
                 (None, 'word', 'num'))
print(p, p.pattern, p.flags, p.groups, p.groupindex)
m = p.search('--abc123 def')
print(m)
print(m.group(), m.group(1), m.group('num'), m.group(1, 'num', 0), m[0], m['word'])
print(m.groups(), m.groupdict(), m.span(), m.span(2), m.start('num'), m.end(1))
print(m.regs, m.lastindex, m.lastgroup, m.pos, m.endpos, m.string, m.re is p)
m2 = p.match('def')
print(m2.groups(), m2.groups('-'), m2.groupdict('-'), m2.span('num'), m2.lastgroup)
print(p.findall('ab12 cd ef345'))
print([x.span() for x in p.finditer('ab12 cd ef345')])
print(p.split('ab12 cd ef345'), p.split('ab12 cd ef345', 1))
print(p.sub(lambda m: m['word'].upper(), 'ab12 cd ef345'), p.subn('<>', 'ab12 cd ef345', 2))
print(p.fullmatch('abc12'), p.fullmatch('abc12 '), p.match('ab12', 1), p.search('ab12', 0, 1))
sc = p.scanner('x ab cd')
print(sc.pattern is p, sc.search(), sc.search(), sc.search(), sc.search())
sc = p.scanner('ab cd')
print(sc.match(), sc.match())
for bad in (lambda: m.group(3), lambda: m.group('nope'), lambda: m.start(-1), lambda: p.match(b'ab'),
            lambda: p.match(12), lambda: p.sub('x', b'ab'), lambda: m.group([1])):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# x* : empty matches between and after characters
star = _sre.compile('x*', 32, [14, 4, 0, 0, MAXREPEAT, 24, 6, 0, MAXREPEAT, 16, 120, 1, 1], 0, {}, ())
print(star.sub('-', 'abxd'), star.split('abxd'), star.findall('axxb'), repr(star))

# bytes: (?i)[a-c]+
b = _sre.compile(b'(?i)[a-c]+', 2, [14, 4, 0, 1, MAXREPEAT, 24, 10, 1, MAXREPEAT, 31, 5, 22, 97, 99, 0, 1, 1],
                 0, {}, ())
print(b, b.findall(b'xAbCy cab'), b.sub(b'.', b'xAbCy'), b.search(bytearray(b'zzBA')))
try:
    b.search('ab')
except TypeError as e:
    print(e)

# non-ASCII subjects index by code point
lit = _sre.compile('ж', 32, [14, 8, 3, 1, 1, 1, 1, 0x436, 0, 16, 0x436, 1], 0, {}, ())
m = lit.search('aжbж')
print(m, m.span(), lit.findall('ЖжЖж'), lit.sub('[\\g<0>]' if False else 'X', 'aжbж'))
print(p == _sre.compile('(?P<word>[a-z]+)(?P<num>\\d+)?', 32, list(code), 2, {'word': 1, 'num': 2},
                        (None, 'word', 'num')), p == star, hash(star) == hash(star))
try:
    _sre.compile('a', 0, [1 << 40], 0, {}, ())
except OverflowError as e:
    print(e)

# Patterns take weak references; repeated searches at increasing positions over one long
# non-ASCII subject (the tokenizer pattern) see the same text each time.
import _weakref
w = _weakref.ref(star)
print(w() is star)
del star
print(w())
many = _sre.compile('ж', 32, [14, 8, 3, 1, 1, 1, 1, 0x436, 0, 16, 0x436, 1], 0, {}, ())
text = ('ab ' + 'ж ') * 300
pos, found = 0, 0
while True:
    m = many.search(text, pos)
    if m is None:
        break
    found, pos = found + 1, m.end()
print(found, many.search(text, 4), many.match(text, 3).span())

# A pattern kept alive only by a cycle through its groupindex dict is collected.
import gc
gi = {'x': 1}
cyc = _sre.compile('(?P<x>a)', 32, [17, 0, 16, 97, 17, 1, 1], 1, gi, (None, 'x'))
gi['pattern'] = cyc
w = _weakref.ref(cyc)
del cyc, gi
gc.collect()
print('collected:', w() is None)
