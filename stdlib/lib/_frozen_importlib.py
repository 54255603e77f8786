"""minipy's _frozen_importlib: CPython's importlib/_bootstrap.py, run unchanged as this module.

Why minipy has its own module here: CPython freezes importlib/_bootstrap.py into its binary
under this name and installs it at start-up; importlib/__init__.py then adopts the module as
importlib._bootstrap. minipy's import statement is native (vm/import.h) and needs no Python
bootstrap, so it defers this to the first `import importlib` (inspect, pkgutil, runpy and
unittest do it): the source of CPython's _bootstrap.py is executed in this module's namespace
and its finders are installed into sys.meta_path (BuiltinImporter, FrozenImporter, then, from
_frozen_importlib_external, PathFinder with FileFinder as the path hook), exactly as CPython's
start-up does. From then on importlib.import_module, importlib.util.find_spec, reload and the
loaders work as on CPython, and the native import gives every module it loads a __spec__ made
by these finders.
"""

import sys
import _imp


def _run_cpython_source(relpath, namespace):
    """Executes CPython's library file `relpath` (found along sys.path) in `namespace`."""
    for entry in sys.path:
        if not isinstance(entry, str) or entry.startswith('<'):
            continue
        path = (entry or '.') + '/' + relpath
        try:
            with open(path, 'rb') as f:
                source = f.read()
        except OSError:
            continue
        namespace['__file__'] = path
        exec(compile(source, path, 'exec'), namespace)
        del namespace['__file__']  # a frozen module has none
        return
    raise ImportError(f"cannot bootstrap importlib: {relpath} is not on sys.path "
                      "(CPython's library, Debian's libpython3.11-stdlib, is needed)",
                      name=namespace['__name__'])


_run_cpython_source('importlib/_bootstrap.py', globals())
_install(sys, _imp)
_install_external_importers()


def _spec_modules_loaded_before():
    """Gives the modules that minipy's native import loaded before importlib existed the spec
    that the path finder would have given them (CPython's modules all have one from the start);
    _setup() above covered the built-in and frozen ones. A script run as __main__ keeps None."""
    external = sys.modules['_frozen_importlib_external']
    for name, module in list(sys.modules.items()):
        if name == '__main__' or getattr(module, '__spec__', None) is not None:
            continue
        file = getattr(module, '__file__', None)
        path = getattr(module, '__path__', None)
        if isinstance(file, str):
            spec = external.spec_from_file_location(name, file, submodule_search_locations=path)
        elif path is not None:  # a namespace package
            spec = ModuleSpec(name, None, is_package=True)
            spec.submodule_search_locations = path
        else:
            continue
        if spec is not None:
            _init_module_attrs(spec, module)


_spec_modules_loaded_before()
