# _imp, the primitives under importlib: built-in and frozen queries, the import lock, source_hash.
import _imp

print(_imp.source_hash(3495, b'abc'), _imp.source_hash(key=1, source=b''))
print(_imp.is_builtin('sys'), _imp.is_builtin('_thread'), _imp.is_builtin('nope'))
print(_imp.find_frozen('nope'), _imp.is_frozen('nope'))
for call in [lambda: _imp.is_builtin(3), lambda: _imp.get_frozen_object('nope'),
             lambda: _imp.release_lock(), lambda: _imp.is_frozen_package('nope')]:
    try:
        call()
    except (TypeError, ImportError, RuntimeError) as e:
        print(type(e).__name__, e, getattr(e, 'name', ''))
print(_imp.lock_held())
_imp.acquire_lock()
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()
_imp.release_lock()
print(_imp.lock_held())
import sys
print(_imp.create_builtin(type('Spec', (), {'name': 'sys'})) is sys)
print(_imp.check_hash_based_pycs)
