# A None entry in sys.modules blocks an import (CPython's _find_and_load): this is how
# test.support.import_helper.import_fresh_module(..., blocked=[...]) hides a C accelerator.
import sys
import importlib

sys.modules['_blocked_mod'] = None
for stmt in ('import _blocked_mod', 'from _blocked_mod import *',
             'from _blocked_mod import x', 'import _blocked_mod.sub'):
    try:
        exec(stmt, {})
    except ImportError as e:
        print(stmt, '->', type(e).__name__, e, '| name =', e.name)
try:
    importlib.import_module('_blocked_mod')
except ModuleNotFoundError as e:
    print('import_module ->', e, e.name)
try:
    __import__('_blocked_mod')
except ModuleNotFoundError as e:
    print('__import__ ->', e)
del sys.modules['_blocked_mod']

# A blocked submodule named in a fromlist is an error too; a missing one is left to getattr.
import pkg_helper
sys.modules['pkg_helper.blocked'] = None
try:
    from pkg_helper import blocked
except ImportError as e:
    print('from pkg import blocked ->', type(e).__name__, e)
try:
    __import__('pkg_helper', fromlist=['blocked'])
except ImportError as e:
    print('__import__ fromlist ->', type(e).__name__, e)
print(__import__('pkg_helper', fromlist=['no_such_sub']).__name__)
del sys.modules['pkg_helper.blocked']

# The pure-Python module imports with its accelerator blocked, and the block is undone after.
from test.support import import_helper
py_bisect = import_helper.import_fresh_module('bisect', blocked=['_bisect'])
print(py_bisect.__name__, py_bisect.bisect_left([1, 2, 3, 4], 3), py_bisect.insort.__module__)
print('_bisect' in sys.modules and sys.modules['_bisect'] is None)
py_heapq = import_helper.import_fresh_module('heapq', blocked=['_heapq'])
print(py_heapq.heappop.__module__, py_heapq.nsmallest(2, [5, 1, 4]))
