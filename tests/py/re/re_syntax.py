# Pattern syntax through CPython's re compiler and minipy's _sre engine: each case prints the
# search result (span and groups), findall and the fullmatch span, so every opcode family is
# exercised: literals, classes, anchors, repeats (greedy, lazy, possessive), groups, backrefs,
# conditionals, lookaround, atomic groups, inline flags.
import re

CASES = [
    (r'abc', 'xabcx'), (r'a.c', 'abc a\nc'), (r'(?s)a.c', 'a\nc'), (r'a\.c', 'a.c abc'),
    (r'[abc]+', 'xxbcaay'), (r'[^abc]+', 'abcxyzabc'), (r'[a-cx-z]+', 'qbxcz'), (r'[\d.]+', 'v1.25b'),
    (r'[]a]+', 'a]]b'), (r'[^]a]+', 'a]bc'), (r'[\]\\-]+', 'x]\\-y'), (r'[\w-]+', 'foo-bar baz'),
    (r'\d+', 'ab 12 345'), (r'\D+', '12ab34'), (r'\s+', 'a \t\n b'), (r'\S+', '  ab  '),
    (r'\w+', 'héllo wörld_1'), (r'\W+', 'ab, cd!'), (r'\bis\b', 'this is it'), (r'\Bis\B', 'this island'),
    (r'^ab', 'ab\nab'), (r'(?m)^ab', 'xx\nab'), (r'ab$', 'ab\nab\n'), (r'(?m)ab$', 'ab\nxx'),
    (r'\Aab', 'ab'), (r'ab\Z', 'ab\n'), (r'a*', 'aaab'), (r'a+', 'baaa'), (r'a?b', 'ab b'),
    (r'a{3}', 'aaaa'), (r'a{2,}', 'a aa aaa'), (r'a{,2}', 'aaa'), (r'a{1,2}', 'aaa'), (r'x{0}y', 'xy'),
    (r'a*?', 'aaa'), (r'a+?', 'aaa'), (r'a??b', 'ab'), (r'a{2,3}?', 'aaaa'), (r'<.*>', '<a><b>'),
    (r'<.*?>', '<a><b>'), (r'a*+a', 'aaa'), (r'a++b', 'aab'), (r'a?+a', 'a'), (r'a{1,2}+a', 'aaa'),
    (r'(?:ab)*+', 'ababa'), (r'(?>a|ab)c', 'abc'), (r'(?>ab|a)c', 'abc'), (r'(a)(b)(c)', 'abc'),
    (r'(a)|(b)', 'b'), (r'(a|b)*', 'abba'), (r'(a|b)*?c', 'abac'), (r'((a)|(b))+', 'ab'),
    (r'(?P<x>a)(?P=x)', 'aa ab'), (r'(a)\1', 'aa'), (r'(a+)b\1', 'aabaa'), (r'(?i)(a)\1', 'aA'),
    (r'(?P<q>[\'"]).*?(?P=q)', 'say "hi" \'x\''), (r'(a)?b(?(1)c|d)', 'abc bd'), (r'(?P<n>x)?(?(n)y|z)', 'xy z'),
    (r'a(?=b)', 'ab ac'), (r'a(?!b)', 'ab ac'), (r'(?<=a)b', 'ab cb'), (r'(?<!a)b', 'ab cb'),
    (r'(?<=(a))b', 'ab'), (r'(?=(\w+))\w', 'abc'), (r'\w+(?<=ing)\b', 'sing singer ring'),
    (r'(?i)straße', 'STRAßE'), (r'(?i)[a-z]+', 'HeLLo'), (r'(?i)[^a-z]+', 'AB12cd'), (r'(?i:a)b', 'Ab AB'),
    (r'a(?i:b)c', 'aBc abC'), (r'(?i)a(?-i:b)', 'Ab AB'), (r'(?x) a \  b  # comment', 'a b'),
    (r'(?#comment)ab', 'ab'), (r'\x41\u0042\U00000043\101', 'ABCA'), (r'\t\n\\', '\t\n\\'),
    (r'(?a)\w+', 'héllo'), (r'(?u)\w+', 'héllo'), (r'[\u0100-\u017f]+', 'aĀāb'), (r'(?i)ǆ', 'ǅ Ǆ'),
    (r'(?i)\u0430', '\u0410'), (r'(?i)[\u0430-\u0433]+', '\u0410\u0431\u0412'), (r'(?i)σ', 'Σ ς'),
    (r'(?i)k', 'K \u212a'), (r'[^\x00-\x7f]+', 'abc\u00e9\u4e2dx'), (r'.', '\U0001F600'),
    (r'(?:a|b|cd)+e', 'abcde'), (r'(?:ab|a)(?:bc|c)', 'abc'), (r'(x+x+)+y', 'xxxxxxxxxy'),
    (r'(?:(a)|b)+', 'aab'), (r'(?:(a)|(b))+', 'ab'), (r'(a*)+b', 'aab'), (r'(a*)*b', 'b'),
    (r'(?:a*)*', 'aa'), (r'(?:a?)*?b', 'ab'), (r'(?:x|y|z){2,4}?$', 'xyzxyz'), (r'^(\w+)\s*=\s*(.*?)\s*$', 'key = some value  '),
    (r'(\d{1,3})(?=(\d{3})+$)', '1234567'), (r'(?<=\$)\d+(?:\.\d\d)?', 'cost $42.50'),
    (r'\b(\w+)\s+\1\b', 'the the cat'), (r'(?i)\b(\w+)\s+\1\b', 'Hello hello'), (r'[\s\S]', '\n'),
    (r'[.]', 'a.b'), (r'[$^]', 'x^$'), (r'a|', 'b'), (r'|a', 'a'), (r'()', 'x'), (r'(|a)+', 'aa'),
]

for p, s in CASES:
    r = re.compile(p)
    m = r.search(s)
    fm = r.fullmatch(s)
    print(repr(p), repr(s), m and (m.span(), m.groups()), r.findall(s), fm and fm.span())

for p, s in [(rb'[\x80-\xff]+', b'ab\xe9\xffc'), (rb'(?i)\xe9', b'\xc9'), (rb'\w+', b'h\xe9llo'),
             (rb'(?L)\w+', b'hello'), (rb'(?i)[a-z]+', b'ABC'), (rb'\d+', bytearray(b'x42'))]:
    r = re.compile(p)
    m = r.search(s)
    print(repr(p), repr(s), m and m.span(), r.findall(s))

for bad in [r'a**', r'(', r'(?P<1>a)', r'[b-a]', r'(?<=a+)b', r'\1', r'a{2,1}', r'(?z)', r'x{1}{2}']:
    try:
        re.compile(bad)
    except re.error as e:
        print(repr(bad), 'error:', e, e.pos)
