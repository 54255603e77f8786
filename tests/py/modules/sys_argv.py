import sys
print(len(sys.argv), sys.argv[0].endswith("sys_argv.py"), sys.argv[1:])
print(type(sys.argv).__name__, type(sys.path).__name__, isinstance(sys.path[0], str))
print(sys.version_info[0], sys.version_info >= (3, 11), sys.version_info.major)
print(isinstance(sys.maxsize, int), sys.maxsize > 2 ** 31, sys.byteorder in ("little", "big"))
print("sys" in sys.modules, "__main__" in sys.modules, sys.modules["__main__"].__name__)
print(hasattr(sys, "stdout"), hasattr(sys.stdout, "write"), sys.platform.startswith("linux"))
print(type(sys.implementation.name).__name__)
