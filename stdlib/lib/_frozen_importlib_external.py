"""minipy's _frozen_importlib_external: CPython's importlib/_bootstrap_external.py, unchanged.

Imported by _frozen_importlib._install_external_importers() (see _frozen_importlib for why
minipy has its own module here): CPython freezes the file under this name; minipy runs its
source in this module on first use, and _frozen_importlib then calls its _install().
"""

from _frozen_importlib import _run_cpython_source

_run_cpython_source('importlib/_bootstrap_external.py', globals())
del _run_cpython_source
