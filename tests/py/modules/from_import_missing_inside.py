# `from pkg import sub`: when sub exists but something *it* imports is missing, the real
# ModuleNotFoundError propagates (CPython's _handle_fromlist); only a missing sub itself becomes
# "cannot import name".
import os
import sys
import tempfile

root = tempfile.mkdtemp()
pkg = os.path.join(root, "fimpkg")
os.mkdir(pkg)
with open(os.path.join(pkg, "__init__.py"), "w") as f:
    f.write("")
with open(os.path.join(pkg, "broken.py"), "w") as f:
    f.write("import no_such_module_fim\n")
sys.path.insert(0, root)

try:
    from fimpkg import broken
except ImportError as e:
    print(type(e).__name__, e, e.name)

try:
    from fimpkg import absent
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0], e.name)

try:
    import fimpkg.broken
except ImportError as e:
    print(type(e).__name__, e, e.name)

try:
    import os.path.nothing
except ImportError as e:
    print(type(e).__name__, e, e.name)

import shutil
shutil.rmtree(root)
