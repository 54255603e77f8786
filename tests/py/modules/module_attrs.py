import math, sys, helper_util
print(type(math).__name__, math.__name__, helper_util.__name__)
print(hasattr(helper_util, 'bump'), 'greet' in dir(helper_util), callable(getattr(helper_util, 'greet')))
print(helper_util.__file__.endswith("helper_util.py"))
helper_util.new_attr = 5
import helper_util as again
print(again.new_attr)
print(__name__, __file__.endswith("module_attrs.py") if '__file__' in dir() else 'no __file__')
print(sorted(n for n in vars(helper_util) if not n.startswith('__')))
print(len(sys.modules) > 3)
