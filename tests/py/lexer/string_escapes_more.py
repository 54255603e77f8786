s = "a\\b\\nc"
print(s, len(s))
print("\0" == "\x00", "\7" == "\a")
print("\
x")
print('multi\
line\
join')
print("octal \1010 hex \x410")
print(repr('\x7f'), repr('\x80'), repr('\xa0'), repr('\u200b'))
print(repr('\t\n\\'))
print(repr("'"), repr('"'))
print([chr(c) for c in (9, 10, 13)])
