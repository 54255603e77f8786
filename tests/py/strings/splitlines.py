text = "line1\nline2\r\nline3\rline4\n\nlast"
print(text.splitlines())
print(text.splitlines(keepends=True))
print("".splitlines(), "\n".splitlines(), "a\n".splitlines(), "a\n\n".splitlines())
print("x\x0by\x0cz\x1cw\u2028v".splitlines())
print("one\ntwo".split("\n"), "one\ntwo\n".split("\n"))
