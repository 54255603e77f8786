from pkg_helper.helper_mod import double as dbl, VALUE as V, Widget
from pkg_helper import helper_mod as hm
import helper_util as hu
from helper_util import greet
from math import sqrt as square_root, pi
print(dbl(5), V, Widget(1), hm.VALUE, hm.double is dbl)
print(hu.greet(), greet("minipy"), square_root(81), round(pi, 2))
print(hu.bump(), hu.bump(), hu.counter)
import helper_util
print(helper_util is hu, helper_util.counter)
try:
    from helper_util import does_not_exist
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0], e.name)
try:
    import no_such_module_xyz
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
