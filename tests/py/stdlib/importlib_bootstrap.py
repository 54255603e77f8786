# CPython's importlib, bootstrapped on first import over minipy's native import system: its
# finders are installed, modules get __spec__/__loader__, import_module/find_spec/reload work.
import sys
import importlib
import importlib.util
import importlib.machinery

print([f.__name__ for f in sys.meta_path if isinstance(f, type)])
print(importlib._bootstrap.__name__, importlib._bootstrap_external.__name__)
print(len(sys.path_hooks) >= 1)

# A module on disk, imported both ways.
import os
import tempfile
root = tempfile.mkdtemp()
with open(os.path.join(root, "ilb_mod.py"), "w") as f:
    f.write("VALUE = 1\n")
os.mkdir(os.path.join(root, "ilb_pkg"))
with open(os.path.join(root, "ilb_pkg", "__init__.py"), "w") as f:
    f.write("")
with open(os.path.join(root, "ilb_pkg", "sub.py"), "w") as f:
    f.write("NAME = __name__\n")
sys.path.insert(0, root)

m = importlib.import_module("ilb_mod")
print(m.VALUE, m.__spec__.name, type(m.__loader__).__name__, m.__spec__.origin == m.__file__)
import ilb_pkg.sub
print(ilb_pkg.sub.NAME, ilb_pkg.__spec__.submodule_search_locations == ilb_pkg.__path__)
print(type(ilb_pkg.sub.__spec__.loader).__name__, ilb_pkg.sub.__spec__.parent)
print(importlib.import_module(".sub", "ilb_pkg") is ilb_pkg.sub)

# find_spec for loaded, unloaded, built-in and missing modules.
print(importlib.util.find_spec("ilb_mod") is m.__spec__)
print(importlib.util.find_spec("json").name, importlib.util.find_spec("nonexistent_mod_xyz"))
print(importlib.util.find_spec("_thread").origin, importlib.util.find_spec("sys").loader.__name__)
print(importlib.machinery.SOURCE_SUFFIXES)

# reload re-executes the file.
with open(os.path.join(root, "ilb_mod.py"), "w") as f:
    f.write("VALUE = 2  # changed, and longer so the size differs\n")
print(importlib.reload(m).VALUE, m.VALUE)

# Errors keep CPython's shape.
try:
    importlib.import_module("ilb_pkg.missing")
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    importlib.import_module(".x")
except TypeError as e:
    print(e)
import shutil
shutil.rmtree(root)
