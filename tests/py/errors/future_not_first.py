# A future import after other code is a SyntaxError (PEP 236).
x = 1
from __future__ import annotations
