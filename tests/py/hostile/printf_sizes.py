# Regression (issue 12, found by fuzz_builtins): %-format width and precision bounds. A width is
# a Py_ssize_t in CPython (only a number past it is "width too big"), a precision a C int
# ("precision too big", "prec too big" for bytes), and an integer conversion refuses a precision
# whose zero padding would pass 2 GiB instead of building it. (Widths that fit but cannot be
# allocated are MemoryError: hostile/sizes, left out of sanitizer builds.)
cases = ['%92233720368547758070d', '%9223372036854775808s', '%.44444444444444d', '%.2147483648f',
         '%.2147483647d', '%.2147483647x', '%.2147483645o', '%.*d', '%*.*d']
for f in cases:
    for fmt in (f, f.encode()):
        for v in (1, 1.5, 10 ** 30):
            try:
                if f.count('*') == 1:
                    args = (2 ** 40, v)
                elif '*' in f:
                    args = (1, 2 ** 31 - 1, v)
                else:
                    args = v
                r = fmt % args
                print(repr(fmt), 'ok', len(r))
            except Exception as e:
                print(repr(fmt), type(e).__name__, e)
