# The smallest program: prints a greeting and which interpreter ran it.
import sys

name = sys.implementation.name
version = "%d.%d.%d" % sys.version_info[:3]
print("Hello, world!")
print("running on %s, Python %s compatible" % (name, version))
