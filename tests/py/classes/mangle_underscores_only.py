# A name made only of underscores ('__', '___', ...) ends in '__', so a class body does not mangle
# it (CPython's _Py_Mangle); '__x' still becomes '_C__x'.
class C:
    __ = 1
    ___ = 2
    _____ = 3
    __x = 4

    def read(self):
        return self.__, self.___, self._____, self.__x


print(sorted(k for k in vars(C) if set(k) == {"_"} or k.endswith("x")))
print(C().read())
