# _sre.compile checks a code array before the engine may run it (CPython's _validate): a
# malformed one is RuntimeError("invalid SRE code") at compile time. Found by fuzzing (issue 12):
# the first array below compiled and then spun for ever in search().
import _sre
import re._compiler as compiler
import re._parser as parser

MAXREPEAT = _sre.MAXREPEAT
cases = [
    # the fuzzer's find: POSSESSIVE_REPEAT with a skip of 0xFFFFFFFF
    ([28, 4294967295, 2637929472, 31, 1, 29, 4294967295, 3, 2356490076, 2077757139, 5, 2,
      4294967295, 5, 8, 4, 1, 1678189069, 4059418306, 3528920354, 1, 4, 8, 27, 2, 5, 30], 0),
    ([1], 0),                      # just SUCCESS: the empty pattern
    ([], 0),                       # no SUCCESS at the end
    ([16, 97], 0),                 # LITERAL without the final SUCCESS
    ([16, 97, 1], 0),              # 'a'
    ([17, 4, 1], 1),               # MARK 4 with one group (at most 2 * groups + 1 = 3)
    ([11, 1, 1], 1),               # GROUPREF 1 with one group (at most 0)
    ([6, 12, 1], 0),               # AT with an unknown code
    ([13, 4, 8, 99, 0, 1], 0),     # IN with CATEGORY 99
    ([13, 4, 8, 1, 0, 1], 0),      # IN [\D]
    ([13, 4, 8, 1, 5, 1], 0),      # IN without FAILURE at its end
    ([23, 3, 0, 1, 18, 1], 0),     # REPEAT around nothing: skip 3, body empty, MAX_UNTIL
    ([23, 3, 2, 1, 18, 1], 0),     # REPEAT min > max
    ([23, 3, 0, 1, 1, 1], 0),      # REPEAT not ended by MAX_UNTIL/MIN_UNTIL
    ([24, 6, 0, MAXREPEAT, 16, 97, 1, 1], 0),   # REPEAT_ONE 'a*'
    ([24, 6, 0, MAXREPEAT, 16, 97, 0, 1], 0),   # REPEAT_ONE body not ended by SUCCESS
    ([24, 99, 0, 1, 16, 97, 1, 1], 0),          # REPEAT_ONE skip past the end
    ([7, 5, 16, 97, 15, 7, 5, 16, 98, 15, 2, 0, 1], 0),  # BRANCH a|b
    ([7, 5, 16, 97, 15, 7, 5, 16, 98, 15, 3, 0, 1], 0),  # BRANCH arms jumping to different places
    ([7, 5, 16, 97, 16, 7, 0, 1], 0),                    # BRANCH arm not ended by JUMP
    ([7, 0, 1], 0),                                      # BRANCH without arms
    ([15, 1, 1], 0),               # JUMP outside a branch
    ([4, 4, 0, 16, 97, 1, 1], 0),  # ASSERT (?=a)
    ([4, 4, 0, 16, 97, 0, 1], 0),  # ASSERT body not ended by SUCCESS
    ([14, 4, 0, 1, 1, 16, 97, 1], 0),           # INFO min 1 max 1
    ([14, 4, 8, 1, 1, 16, 97, 1], 0),           # INFO with an unknown flag
    ([14, 4, 3, 1, 1, 16, 97, 1], 0),           # INFO LITERAL|PREFIX without the prefix
    ([99, 1], 0),                  # unknown opcode
    ([27, 4, 16, 97, 1, 1], 0),    # ATOMIC_GROUP (?>a)
    ([27, 4, 16, 97, 0, 1], 0),    # ATOMIC_GROUP body not ended by SUCCESS
]
for code, groups in cases:
    try:
        p = _sre.compile('ab', 0, code, groups, {}, (None,) * (groups + 1))
        print(code[:6], 'ok', p.search('xaab') is not None)
    except RuntimeError as e:
        print(code[:6], 'RuntimeError:', e)
for groups in (-1, 2**31):
    try:
        _sre.compile('ab', 0, [1], groups, {}, ())
    except (RuntimeError, OverflowError) as e:
        print(groups, type(e).__name__, e)

# Every code array re._compiler makes passes, and the patterns still match.
patterns = [r'a(b|c)*?d+$', r'(?P<x>[a-f\d]{2,5})\b(?=z)|(?i:\w+)(?P=x)', r'(?s).*?[^\W_]+(a|)*',
            r'(a)?b(?(1)c|d)', r'(?<=ab)c(?!d)', r'(?>a+)b', r'a++b*+c?+', r'[\u0100-\uffff]+',
            r'\Bx\b', r'(?m)^$', r'(?x) a # comment', r'[^a-z\s]{3}', r'(?i)[k-m]\u212a']
for pat in patterns:
    p = parser.parse(pat, 0)
    code = compiler._code(p, 0)
    c = _sre.compile(pat, p.state.flags, code, p.state.groups - 1, {}, (None,) * p.state.groups)
    m = c.search('xxabcdddd abbz abcab KmK')
    print(pat, m.span() if m else None)
# 50,000 nested atomic groups: checked and matched without C recursion (CPython's recursive
# check manages this depth; 200,000 overflows its C stack).
n = 50000
deep = []
for i in range(n, 0, -1):
    deep += [27, 3 * i - 1]   # ATOMIC_GROUP around the next level, then its SUCCESS
deep += [1] * n
try:
    print('deep', _sre.compile('', 0, deep + [1], 0, {}, ()).match('x').span())
except RuntimeError as e:
    print('deep', e)
