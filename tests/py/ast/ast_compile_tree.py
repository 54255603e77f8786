# compile() of an _ast tree: trees from ast.parse (every statement kind), edited by a
# NodeTransformer, built by hand, in exec/eval/single modes, then run; ast.unparse round trips.
import ast
src = '''
def f(a, b=2, *args, c, d=4, **kw):
    "doc"
    return a + b + c + d + len(args) + len(kw)
class C(object, metaclass=type):
    x: int = 5
    def m(self): return [i * 2 for i in range(3) if i] + list({k: v for k, v in {1: 2}.items()})
print(f(1, c=3), C().m(), C.x)
for i in range(2):
    if i: print('odd')
    else: print('even')
else: pass
try:
    raise ValueError('x') from None
except (ValueError, TypeError) as e:
    print(repr(e))
finally:
    print('fin')
with open('/dev/null') as fh: print(fh.read() == '')
match [1, 2, 3]:
    case [1, *rest] if rest: print('rest', rest)
    case {'a': 1, **kw}: pass
    case C(x=5) | None: pass
    case _: pass
g = (x async for x in y) if 0 else None
lam = lambda *a, k=1: (a, k)
print(lam(1, 2), f"{3.5:>{6}} {'s'!r}", b'x', 1j, ..., -5, 2**100, not 0, ~1)
import os.path as osp
from os import path, sep as s
global_var = 1
del global_var
a = b = [1, 2]
a[0:1] = [9]
a += [3]
print(a, b, *a, sep=',')
assert a
x = (y := 10) + 1
print(x, y, a if a else b, {1, 2}, (1,), [*a], {**{1: 2}})
async def co():
    async with z as q: await q
    async for i in z: yield i
'''
tree = ast.parse(src)
code = compile(tree, '<ast>', 'exec')
exec(code, {})
print(ast.unparse(tree) == ast.unparse(ast.parse(ast.unparse(tree))))
print(eval(compile(ast.parse('1 + 2 * 3', mode='eval'), '<e>', 'eval')))
exec(compile(ast.parse('x = 5', mode='single'), '<s>', 'single'))
print(ast.literal_eval("{'a': [1, 2.5, (3, -4j)], 'b': {False, True}, 'c': b'x'}"))
class T(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int): return ast.copy_location(ast.Constant(node.value * 10), node)
        return node
t = T().visit(ast.parse('print(1 + 2, "s")'))
exec(compile(t, '<t>', 'exec'))
print(ast.dump(ast.parse('x = 1', type_comments=True)))
