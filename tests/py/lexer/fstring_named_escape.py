# \N{NAME} escapes inside f-strings: the braces belong to the escape, not to a replacement field.
x = 5
print(f"\N{GREEK SMALL LETTER ALPHA} {x}")
print(f"{x}\N{BULLET}{x!r:>3}")
print(rf"\N{x}")
print(f"\N{LATIN SMALL LETTER A}{{}}")
print(f"{x:\N{DIGIT ZERO}>4}")
print(f"""\N{EM DASH}
{x}""")
try:
    compile('f"\\N{NO SUCH NAME} {x}"', "<s>", "eval")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
# A nested replacement field in a format spec may hold a string with braces.
print(f'{3:{"}"}>10}', f'{3:{"{"}<4}', f"{'x':{'^'}{5}}")
