# Unknown future features are rejected at compile time.
from __future__ import annotations, nope
