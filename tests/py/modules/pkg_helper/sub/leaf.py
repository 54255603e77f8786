# Module reached through a relative import (not a test).
NAME = "leaf in " + __name__
