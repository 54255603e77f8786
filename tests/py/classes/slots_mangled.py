# Private names in __slots__ are mangled with the class name, as names in the class body are.
class MySet:
    __slots__ = ['__s', '__dunder__', '_p', 'plain']
    def __init__(self):
        self.__s = {1}
    def get(self):
        return self.__s
m = MySet()
print(m.get(), sorted(k for k in MySet.__dict__ if not k.startswith('__') or k == '__dunder__'))
print(MySet.__dict__['_MySet__s'])
class __Under:
    __slots__ = ('__x',)
print('__x' in __Under.__dict__, [k for k in __Under.__dict__ if 'x' in k])
class _Lead:
    __slots__ = ('__y',)
print([k for k in _Lead.__dict__ if 'y' in k])
try:
    class Clash:
        __slots__ = ('__z',)
        _Clash__z = 1
except ValueError as e:
    print(e)
