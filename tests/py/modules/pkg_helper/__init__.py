# Import helper package for the modules/ tests (not a test: no .exp).
print("pkg_helper/__init__ executing, __name__ =", __name__)
PKG_CONST = "package constant"
def pkg_func():
    return "pkg_func called"
