data = {'name': 'x', 'items': [1, (2, 3), {'deep': [None, True]}], 'empty': {}, 't': (), 's': 'it\'s'}
print(data)
print(repr(data) == str(data))
print([[1, [2, [3, [4]]]]], ((1,), ((2,),)), [{}, [], (), ''])
print({1: {2: {3: {}}}}, [1.5, -0.0, 1e20, 1e-5], [b'x', bytearray(b'y')])
print([sorted({3, 1, 2})], [frozenset()], [set()], {'k': range(3)})
print(str([1, 'a']), str(('a',)), str({'a': 'b'}), [None, ...])
x = [1]
print([x, x], {'a': x, 'b': x})
