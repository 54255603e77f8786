# The node classes of _ast (minipy's vm/ast_nodes.def): hierarchy, _fields, _attributes,
# __match_args__, docstrings, class defaults of optional fields, the constructor's binding and
# messages, __reduce__ (copy and pickle), subclassing, and pattern matching on nodes.
import _ast
import ast
import copy
import pickle

for n in sorted(dir(_ast)):
    c = getattr(_ast, n)
    if isinstance(c, type) and issubclass(c, _ast.AST):
        own = sorted(k for k in c.__dict__ if k not in ('__doc__', '__weakref__', '__dict__', '__new__', '__init__',
                                                         '__reduce__', '__getattribute__', '__setattr__', '__delattr__')
                     and not k.startswith('_') or k in ('_fields', '_attributes', '__match_args__'))
        vals = [(k, c.__dict__[k]) for k in own if not isinstance(c.__dict__[k], property)]
        print(n, c.__bases__[0].__name__, c.__module__, vals)
        print('   ', repr(c.__doc__))
    elif not n.startswith('__'):
        print(n, getattr(_ast, n))

n = ast.Name('x')
print(n.__dict__, n.__reduce__())
for args, kw in [((1, 2, 3), {}), ((1,), {'id': 2}), ((1,), {}), ((), {'ctx': 5, 'other': 6})]:
    try:
        print(ast.Name(*args, **kw).__dict__)
    except TypeError as e:
        print('TypeError:', e)
for cls, args in [(ast.AST, (1,)), (ast.Pass, (1,)), (ast.Return, (1, 2)), (ast.arguments, tuple(range(8)))]:
    try:
        cls(*args)
    except TypeError as e:
        print('TypeError:', e)
print(ast.AST(foo=1).foo)
x = ast.Name()
print(x.__dict__)
try:
    x.id
except AttributeError as e:
    print('AttributeError:', e)
print(ast.Constant(1).kind, ast.Name(lineno=3).__dict__, ast.Return().value, ast.Name().end_lineno,
      ast.arg().annotation, ast.keyword().arg)
try:
    ast.MatchAs().lineno
except AttributeError as e:
    print('AttributeError:', e)

t = ast.BinOp(ast.Constant(1), ast.Add(), ast.Name('x', ast.Load()), lineno=1)
print(ast.dump(copy.deepcopy(t), include_attributes=True))
print(ast.dump(copy.copy(t)))
print(ast.dump(pickle.loads(pickle.dumps(t))))
print(ast.Load().__reduce__())
print(repr(ast.AST), repr(ast.Name), ast.Num, type(ast.Num(5)), isinstance(ast.Constant(5), ast.Num))
print(ast.Str('s').s, ast.Num(n=3).n, ast.Constant(4).n)


class My(ast.Name):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.extra = 1


m = My('q')
print(m.id, m.extra, [c.__name__ for c in type(m).__mro__])
print([c.__name__ for c in ast.Load.__mro__], ast.Load() is ast.Load())
match ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2)):
    case ast.BinOp(ast.Constant(a), ast.Add(), ast.Constant(b)):
        print('match', a, b)
tree = ast.Module([ast.Expr(ast.Call(ast.Name('f', ast.Load()), [ast.Constant(1)], []))], [])
print(ast.dump(tree))
print(ast.unparse(tree))
print(ast.dump(ast.fix_missing_locations(tree), include_attributes=True))
