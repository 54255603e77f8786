print("key=value=more".partition("="), "key=value=more".rpartition("="))
print("nosep".partition("="), "nosep".rpartition("="))
print("a.b".partition("."), ".start".partition("."), "end.".rpartition("."))
head, sep, tail = "user@example.com".partition("@")
print(head, sep, tail)
try:
    "x".partition("")
except ValueError as e:
    print("ValueError:", e)
