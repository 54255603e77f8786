# sys.exit's tuple argument, sys.intern in place, sys.flags/version_info not instantiable,
# sys.displayhook and PRINT_EXPR without their streams, TextIOWrapper's UTF-8 encoder on lone
# surrogates, and PYTHONIOENCODING (through a child interpreter: sys.executable).
import builtins
import io
import os
import subprocess
import sys

for arg in [None, 42, (42,), (17, 23), "text", ()]:
    try:
        sys.exit(arg) if arg is not None else sys.exit()
    except SystemExit as e:
        print("exit", repr(arg), "->", repr(e.code), e.args)

s = "never interned before " + str(len(sys.argv) * 987654321)
# (sys.intern(s) is s holds in the default build; the free-threaded build interns a copy.)
print("intern", sys.intern(s) == s, sys.intern(s) is sys.intern(s + ""))
print("copyright", type(sys.copyright).__name__)
for obj in (sys.flags, sys.version_info):
    t = type(obj)
    for make in (lambda: t(obj), lambda: t.__new__(t, obj)):
        try:
            make()
        except TypeError as e:
            print("new", t.__name__, "TypeError", e)

# displayhook: builtins._ and the lost stream; PRINT_EXPR sends None to the hook too.
seen = []
old_hook = sys.displayhook
sys.displayhook = seen.append
exec(compile("None", "<single>", "single"))
exec(compile("1 + 1", "<single>", "single"))
sys.displayhook = old_hook
print("hook saw", seen)
del sys.displayhook
try:
    exec(compile("3", "<single>", "single"))
except RuntimeError as e:
    print("RuntimeError", e)
sys.displayhook = old_hook
saved = sys.stdout
del sys.stdout
try:
    sys.__displayhook__(5)
except RuntimeError as e:
    err = e
sys.stdout = saved
print("RuntimeError", err, getattr(builtins, "_", "unset"))
sys.__displayhook__(7)
print("builtins._", builtins._)

# A lone surrogate through a UTF-8 TextIOWrapper goes to its error handler.
for errors in ["strict", "backslashreplace", "surrogateescape", "replace", "surrogatepass"]:
    t = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors)
    try:
        t.write("a\udcff é")
        t.flush()
        print("utf-8", errors, t.buffer.getvalue())
    except UnicodeEncodeError as e:
        print("utf-8", errors, "UnicodeEncodeError", e)

# PYTHONIOENCODING=encoding[:errors] in a child interpreter.
for value in ["cp424", "ascii:replace", "latin-1", ":backslashreplace", "utf-8:strict", "bogus"]:
    env = dict(os.environ, PYTHONIOENCODING=value)
    code = "import sys; print(chr(0xa2), sys.stdout.encoding, sys.stdout.errors, sys.stderr.errors, sys.stdin.encoding)"
    p = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
    last = p.stderr.decode().strip().splitlines()[-1:] if p.returncode else []
    print("PYTHONIOENCODING", value, p.returncode, p.stdout, last)
