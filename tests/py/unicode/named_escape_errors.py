# \N{...} errors are SyntaxErrors at compile time.
for src in ['"\\N{NO SUCH NAME}"', '"\\N{LATIN"', '"ab\\N"', '"\\N{}"', 'b"\\N{EURO SIGN}"', 'r"\\N{X}"']:
    try:
        print(repr(eval(src)))
    except SyntaxError as e:
        print("SyntaxError", e.msg)
