# The oldest joke in the book.
from __future__ import braces
