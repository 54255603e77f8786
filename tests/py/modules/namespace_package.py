# A directory without __init__.py on the path is a namespace package (PEP 420), as CPython's
# test.test_warnings.data is: a regular module or package of the name anywhere wins over it.
import os
import sys

import nspkg_helper.portion
print(nspkg_helper.portion.VALUE)
print(type(nspkg_helper).__name__, nspkg_helper.__name__, nspkg_helper.__package__)
print([os.path.basename(p) for p in nspkg_helper.__path__])
print(getattr(nspkg_helper, '__file__', 'no __file__'))
from nspkg_helper.inner import leaf
print(leaf.NAME, sys.modules['nspkg_helper.inner'].__package__)
import importlib.util
spec = importlib.util.find_spec('nspkg_helper')
print(spec.name, spec.origin, [os.path.basename(p) for p in spec.submodule_search_locations])
print(nspkg_helper.__spec__.name, nspkg_helper.__spec__.origin, nspkg_helper.__spec__.loader is not None)
try:
    import nspkg_helper.missing
except ModuleNotFoundError as e:
    print(e)
from test.test_warnings.data import stacklevel
print(stacklevel.__name__)
