# The native _string: format-string parsing under string.Formatter, as CPython's.
import _string
for s in ["a{0}b{1!r:>{w}}c", "{{x}}", "}}{{", "plain", "{a.b[0]}", "{:d}{}", "é{0!s}ü", "{!r}", "x{0:{{}}}"]:
    print(repr(s), list(_string.formatter_parser(s)))
for bad in ["{", "}", "a{0", "{0!}", "{0!rx}", "{0:{", "{{}", "{0[}"]:
    try:
        print(repr(bad), list(_string.formatter_parser(bad)))
    except ValueError as e:
        print(repr(bad), "ValueError", e)
for name in ["0", "a", "a.b", "a[0]", "a[x].y", "12[3][k]", ""]:
    first, rest = _string.formatter_field_name_split(name)
    print(repr(name), repr(first), list(rest))
for bad in ["a.", "a[", "a[]", "a]b", "a[0]b"]:
    try:
        first, rest = _string.formatter_field_name_split(bad)
        print(repr(bad), list(rest))
    except ValueError as e:
        print(repr(bad), "ValueError", e)
