# The builtins module is the interpreter's builtins namespace itself.
import builtins
print(builtins.__name__, builtins.len("abc"), builtins.print is print)
builtins.made_up_name = 42
print(made_up_name)
del builtins.made_up_name
try:
    made_up_name
except NameError as e:
    print(e)
for name in ["PendingDeprecationWarning", "SyntaxWarning", "FutureWarning", "ImportWarning",
             "UnicodeWarning", "BytesWarning", "ResourceWarning", "EncodingWarning"]:
    cls = getattr(builtins, name)
    print(name, cls.__mro__[1].__name__, issubclass(cls, Warning))
print(UnicodeTranslateError.__mro__[1].__name__)
import sys
print("builtins" in sys.builtin_module_names, "itertools" in sys.builtin_module_names)
