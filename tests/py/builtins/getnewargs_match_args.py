# __getnewargs__ of tuple/str/bytes (and struct sequences), bytes.__bytes__, struct sequences'
# __match_args__; what copy, pickle and `match` use.
import copy
import os
import sys
import time

print((1, 2).__getnewargs__(), "ab".__getnewargs__(), b"x".__getnewargs__(), b"x".__bytes__())
print(time.gmtime(0).__getnewargs__())


class T(tuple):
    pass


class S(str):
    pass


class B(bytes):
    pass


for v in (T((1, 2)), S("s"), B(b"b")):
    args = v.__getnewargs__()
    print(type(v).__name__, args, type(args[0]).__name__, type(copy.copy(v)).__name__,
          copy.deepcopy(v) == v)
print(type(B(b"q").__bytes__()).__name__, bytes(B(b"q")), b"abc".__bytes__() is not None)
print(time.struct_time.__match_args__)
print(os.stat_result.__match_args__)
print(sys.version_info.__match_args__, type(sys.flags).__match_args__[:3])
match time.gmtime(0):
    case time.struct_time(year, month, day):
        print("matched", year, month, day)
VersionInfo = type(sys.version_info)
match sys.version_info:
    case VersionInfo(major, minor):
        print("version", major, minor)
