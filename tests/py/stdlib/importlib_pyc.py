# importlib's .pyc files on minipy: sys.implementation.cache_tag names them, marshal writes and
# reads the code in them, and a module loads from its .pyc the second time.
import importlib.util
import marshal
import os
import py_compile
import sys
import tempfile

sys.dont_write_bytecode = False
tag = sys.implementation.cache_tag
print(type(tag).__name__, bool(tag))

code = compile("def f(x):\n    return x * 2\nresult = f(21)\n", "<m>", "exec")
again = marshal.loads(marshal.dumps(code))
ns = {}
exec(again, ns)
print(ns["result"], type(again) is type(code), again.co_filename, again.co_name, again.co_varnames)
try:
    marshal.loads(marshal.dumps(code)[:-3])
except (EOFError, ValueError) as e:
    print("truncated:", type(e).__name__)

with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "pycmod.py")
    with open(src, "w") as f:
        f.write("import sys\nVALUE = [i * i for i in range(5)]\nFROM = __spec__.cached\n")
    cached = importlib.util.cache_from_source(src)
    print(os.path.basename(cached) == "pycmod." + tag + ".pyc",
          importlib.util.source_from_cache(cached) == src)

    def load():
        spec = importlib.util.spec_from_file_location("pycmod", src)
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        return m

    m = load()
    print(m.VALUE, os.path.exists(cached), m.__cached__ == cached, m.FROM == cached)
    with open(cached, "rb") as f:
        data = f.read()
    print(data[:4] == importlib.util.MAGIC_NUMBER)
    print(load().VALUE)  # from the .pyc this time
    os.remove(cached)
    print(py_compile.compile(src, doraise=True) == cached, os.path.exists(cached), load().VALUE)
