# Nested subpackage (not a test).
from . import leaf
from ..helper_mod import VALUE as PARENT_VALUE
