# CPython's ast.py helpers over minipy's _ast: literal_eval (and its errors), walk,
# NodeVisitor/NodeTransformer, copy_location, fix_missing_locations, increment_lineno,
# get_source_segment, iter_fields, dump(indent=...), unparse round trips.
import ast
import re

for src in ["{'a': [1, 2.5, (3, -4j)], 'b': {False, True}, 'c': b'x', 'd': 1+2j}", "-(1)", "set()", "'é' * 1",
            "f(1)", "[1, 2][0]", "{**x}", "(1, [2, {3: ...}])"]:
    try:
        print(repr(ast.literal_eval(src)))
    except ValueError as e:
        print('ValueError', re.sub(' at 0x[0-9a-f]+', '', str(e)))

tree = ast.parse('def f(a):\n    x = a + 1\n    return g(x, "é")\n')
print(sorted(type(n).__name__ for n in ast.walk(tree)))


class Names(ast.NodeVisitor):
    def __init__(self):
        self.seen = []

    def visit_Name(self, node):
        self.seen.append((node.id, type(node.ctx).__name__, node.lineno, node.col_offset))
        self.generic_visit(node)


v = Names()
v.visit(tree)
print(v.seen)


class Rename(ast.NodeTransformer):
    def visit_Name(self, node):
        return ast.copy_location(ast.Name(node.id.upper(), node.ctx), node)

    def visit_Return(self, node):
        self.generic_visit(node)
        return [ast.Expr(ast.Constant('before')), node]


new = ast.fix_missing_locations(Rename().visit(tree))
print(ast.unparse(new))
print(ast.dump(new.body[0].body[1], include_attributes=True))
ast.increment_lineno(new, 10)
print(new.body[0].lineno, new.body[0].body[0].lineno, new.body[0].body[0].end_lineno)
src = 'x = [1,\n  2]  # c\ny = "é" + z'
t = ast.parse(src)
print(repr(ast.get_source_segment(src, t.body[0].value)), repr(ast.get_source_segment(src, t.body[1].value, padded=True)))
print([(k, type(v).__name__) for k, v in ast.iter_fields(t.body[1])])
print(ast.dump(ast.parse('f(a, *b, k=1)'), indent=2))
for code in ['a = b if c else (d := e)', 'async def f():\n    async with a as b:\n        await c',
             'class A(B, metaclass=M):\n    @d\n    def f(self, /, a=1, *, b: int=2, **k) -> int:\n        return f"{a!r:>{b}}"',
             'match x:\n    case [1, *r] | {"k": _, **kw}:\n        pass\n    case C(a, b=2) if a:\n        pass',
             'try:\n    pass\nexcept* E as e:\n    raise X from e\nfinally:\n    del a[1:2, ::3]',
             'lambda: (yield)', 'x = -1 ** 2, (not a) + b, a or b and c', "print('\\n', b'\\x00', 1e300 * 10)"]:
    t = ast.parse(code)
    out = ast.unparse(t)
    print(out)
    print(ast.dump(ast.parse(out)) == ast.dump(t))
