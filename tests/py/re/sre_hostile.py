# _sre must turn bad input into exceptions, never crash: malformed code arrays, huge repeat
# counts, and long subjects that need deep backtracking (an explicit stack, not C recursion).
import _sre

MAXREPEAT = _sre.MAXREPEAT
for code, groups in [([17, 7, 1], 1), ([18, 1], 0), ([99, 1], 0), ([11, 3, 1], 1), ([17, 0, 17, 1, 12, 5, 3, 1], 1)]:
    try:
        p = _sre.compile('x', 0, code, groups, {}, (None,) * (groups + 1))
        print(p.match('aaaa'))
    except RuntimeError as e:
        print(code, 'RuntimeError:', e)
for bad in ([-1], [1 << 32], ['a']):
    try:
        _sre.compile('x', 0, bad, 0, {}, ())
    except (OverflowError, TypeError) as e:
        print(bad, type(e).__name__)

# (?:(a)|b)*c on 100,000 characters: one choice point per character.
code = [14, 4, 0, 1, MAXREPEAT, 23, 19, 0, MAXREPEAT, 7, 9, 17, 0, 16, 97, 17, 1, 15, 7, 5, 16, 98,
        15, 2, 0, 18, 16, 99, 1]
p = _sre.compile('(?:(a)|b)*c', 32, code, 1, {}, (None, None))
s = 'ab' * 50000
print(p.match(s), p.match(s + 'c').span(1), len(p.findall(s + 'c' + s + 'c')))
# a huge repeat bound, and a 5,000-character greedy run whose tail fails at every start
star = _sre.compile('a*b', 32, [14, 4, 0, 1, MAXREPEAT, 24, 6, 0, MAXREPEAT - 1, 16, 97, 1, 16, 98, 1], 0, {}, ())
print(star.search('a' * 5000), star.search('a' * 1000 + 'b').span())
