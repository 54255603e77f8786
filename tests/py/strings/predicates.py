samples = ["123", "12.5", "abc", "abc123", "ABC", "Abc", "   ", "", "\t\n", "Title Case", "x y", "٣", "²", "ñ"]
for s in samples:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower(),
          s.istitle(), s.isdecimal(), s.isnumeric(), s.isidentifier(), s.isascii(), s.isprintable())
