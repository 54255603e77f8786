import pkg_helper.helper_mod
print(pkg_helper.helper_mod.VALUE, pkg_helper.helper_mod.double(21), pkg_helper.PKG_CONST)
print(pkg_helper.pkg_func(), pkg_helper.helper_mod.Widget(3))
import pkg_helper.helper_mod
import pkg_helper
print("second import executes nothing")
import sys
print('pkg_helper' in sys.modules, 'pkg_helper.helper_mod' in sys.modules)
print(pkg_helper.__name__, pkg_helper.helper_mod.__name__, type(pkg_helper).__name__)
print(pkg_helper.helper_mod is sys.modules['pkg_helper.helper_mod'])
import pkg_helper.sub
print(pkg_helper.sub.leaf.NAME, pkg_helper.sub.PARENT_VALUE)
