# types.MappingProxyType, and type.__dict__ as one (read-only).
import types
m = types.MappingProxyType({'a': 1})
print(repr(m), m | {'b': 2}, m == {'a': 1}, list(reversed(m)), m.copy(), type(m.copy()))
try:
    types.MappingProxyType([1])
except TypeError as e:
    print(e)
try:
    m['x'] = 1
except TypeError as e:
    print(e)
print(types.MappingProxyType.__name__, type(int.__dict__).__name__, str(m), 'a' in m, len(m), m.get('z', 5), sorted(m.items()))
class C:
    x = 1
print(C.__dict__['x'], 'x' in C.__dict__)
