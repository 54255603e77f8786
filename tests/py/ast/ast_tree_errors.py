# compile() of malformed _ast trees: CPython's TypeErrors (missing fields, wrong kinds, lists),
# the constructors' and the validator's ValueErrors (contexts, empty bodies, constants, counts),
# and compile()'s own argument checks.
import ast
import re

L = dict(lineno=1, col_offset=0)


def name(id='x', ctx=None):
    return ast.Name(id, ctx or ast.Load(), **L)


def args0():
    return ast.arguments([], [], None, [], [], None, [])


def expr(e):
    return ast.Module([ast.Expr(e, **L)], [])


cases = [
    ast.Module([ast.Pass()], []),
    expr(name()),
    expr(None),
    expr(5),
    ast.Module([5], []),
    ast.Module([None], []),
    ast.Module(ast.Pass(**L), []),
    expr(ast.Name(**L)),
    expr(ast.Name(id=5, ctx=ast.Load(), **L)),
    expr(ast.Name('x', 5, **L)),
    expr(ast.Name('x', ast.Store(), **L)),
    ast.Module([ast.Assign([name()], ast.Constant(1, **L), **L)], []),
    ast.Module([ast.Assign([ast.Constant(1, **L)], ast.Constant(1, **L), **L)], []),
    ast.Module([ast.Assign([], ast.Constant(1, **L), **L)], []),
    ast.Module([ast.Delete([name('x', ast.Store())], **L)], []),
    expr(ast.Constant([1], **L)),
    expr(ast.BinOp(name(), ast.Load(), name(), **L)),
    expr(ast.BinOp(name(), ast.Add(), None, **L)),
    expr(ast.BoolOp(ast.And(), [name()], **L)),
    expr(ast.Compare(name(), [ast.Eq()], [], **L)),
    expr(ast.Compare(name(), [ast.Eq(), ast.Lt()], [name()], **L)),
    expr(ast.Dict([None], [], **L)),
    expr(ast.Call(name(), 5, [], **L)),
    expr(ast.Call(name(), [None], [], **L)),
    expr(ast.ListComp(name(), [], **L)),
    expr(ast.Lambda(5, name(), **L)),
    expr(ast.Lambda(ast.arguments([], [], None, [], [], None, [ast.Constant(1, **L)]), name(), **L)),
    expr(ast.Lambda(ast.arguments([], [], None, [ast.arg('a', **L)], [], None, []), name(), **L)),
    expr(ast.Lambda(ast.arguments([], [ast.arg('a')], None, [], [], None, []), name(), **L)),
    expr(ast.FormattedValue(name(), 120, None, **L)),
    expr(ast.Name('None', ast.Load(), **L)),
    expr(ast.Name('x', ast.Load(), lineno='a', col_offset=0)),
    expr(ast.Name('x', ast.Load(), lineno=1)),
    ast.Module([ast.FunctionDef('f', args0(), [], [], **L)], []),
    ast.Module([ast.ClassDef('C', [], [], [], [], **L)], []),
    ast.Module([ast.If(name(), [], [], **L)], []),
    ast.Module([ast.Try([ast.Pass(**L)], [], [], [], **L)], []),
    ast.Module([ast.Try([ast.Pass(**L)], [], [ast.Pass(**L)], [ast.Pass(**L)], **L)], []),
    ast.Module([ast.Try([ast.Pass(**L)], [5], [], [], **L)], []),
    ast.Module([ast.Raise(None, name(), **L)], []),
    ast.Module([ast.ImportFrom('m', [ast.alias('x', **L)], -1, **L)], []),
    ast.Module([ast.ImportFrom('m', [ast.alias('x', **L)], None, **L)], []),
    ast.Module([ast.Global([], **L)], []),
    ast.Module([ast.AugAssign(ast.Tuple([], ast.Store(), **L), ast.Add(), name(), **L)], []),
    ast.Module([ast.For(name('i', ast.Store()), name(), [], [], **L)], []),
    ast.Module([ast.With([], [ast.Pass(**L)], **L)], []),
    ast.Module([ast.Match(name(), [], **L)], []),
    ast.Module([ast.Expr(ast.Constant(1, **L), **L)]),
    ast.Expression(name()),
    ast.Interactive([]),
    5,
    ast.Module([ast.Expr(ast.Constant(1, **L), **L)], []),
    ast.Module([ast.Expr(ast.Constant(2 ** 70, **L), **L), ast.Expr(ast.Constant(b'b', **L), **L),
                ast.Expr(ast.Constant(2j, **L), **L), ast.Expr(ast.Constant(..., **L), **L)], []),
]
for i, t in enumerate(cases):
    try:
        c = compile(t, '<ast>', 'exec')
        print(i, 'ok', type(c).__name__)
    except Exception as e:
        print(i, type(e).__name__, re.sub(' at 0x[0-9a-f]+', '', str(e)))

for mode, t in [('eval', ast.Module([], [])), ('exec', ast.Expression(name())),
                ('single', ast.Interactive([ast.Expr(ast.Constant(7, **L), **L)])),
                ('eval', ast.Expression(ast.BinOp(ast.Constant(6, **L), ast.Mult(), ast.Constant(7, **L), **L)))]:
    try:
        r = eval(compile(t, '<ast>', mode))
        print(mode, 'ok', r)
    except Exception as e:
        print(mode, type(e).__name__, e)
tree = ast.parse('x')
print(compile(tree, 'f', 'exec', ast.PyCF_ONLY_AST) is tree)
for args in [('a', 'f', 'func_type'), ('a', 'f', 'bad'), (5, 'f', 'exec'), ('a\0', 'f', 'exec'), ('a', 5, 'exec'),
             ('a', 'f', 5)]:
    try:
        compile(*args)
    except Exception as e:
        print(type(e).__name__, e)
for kw in [dict(optimize=5), dict(flags=1 << 30)]:
    try:
        compile('1', 'f', 'exec', **kw)
    except Exception as e:
        print(type(e).__name__, e)
print(eval(compile(b'1 + 1', 'f', 'eval')), eval(compile(bytearray(b'2'), 'f', 'eval')))
print(ast.dump(ast.parse(b'x = 1')))
try:
    ast.parse('x = (', 'file.py')
except SyntaxError as e:
    print(e.msg, e.lineno, e.offset, e.filename)
deep = ast.parse('1')
for _ in range(3000):
    deep = ast.UnaryOp(ast.USub(), deep.body[0].value if isinstance(deep, ast.Module) else deep, **L)
try:
    compile(ast.Expression(deep), 'f', 'eval')
except RecursionError as e:
    print('RecursionError', e)
for src in ['x = 1\nreturn 1', 'def f():\n    nonlocal q', 'break', 'async def h():\n    yield from x']:
    try:
        compile(ast.parse(src), '<tree>', 'exec')
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.filename, e.lineno, e.offset, e.text)
