// Compiles a larger program touching most constructs together: checks no internal error (the
// assembler verifies stack depths agree on every path) and that every code object is well formed.
#include "tests/compiler/compiler_test_util.h"

namespace minipy::vm::testing {
namespace {

const char* const kProgram = R"PY(
import os, sys
class A(Base, metaclass=Meta):
    """doc"""
    __slots__ = ('__x',)
    def __init__(self, *args, key=None, **kw):
        super().__init__()
        self.__x = [a for a in args if a]
        self.d = {k: v for k, v in kw.items()}
    @property
    def x(self):
        return self.__x
    @staticmethod
    def gen(n):
        total = 0
        for i in range(n):
            try:
                if i % 2 == 0:
                    continue
                elif i > 10:
                    break
                total += yield i
            except (ValueError, TypeError) as e:
                raise RuntimeError("bad") from e
            except Exception:
                return -1
            else:
                total -= 1
            finally:
                total *= 2
        while total:
            with open(f"{total!r:>{n}}") as fh, lock:
                data = fh.read()
                if not data:
                    return data
            total -= 1
        else:
            pass
        return total
def outer():
    counter = 0
    def inc(step=1):
        nonlocal counter
        counter += step
        return counter
    squares = {i ** 2 for i in range(10) if i not in (1, 2)}
    g = (x * y for x in range(3) for y in range(x))
    a, *b, c = [*squares, *g]
    lst = [1, 2, 3]
    lst[1:2] = [4]
    del lst[0], a
    assert lst, f"empty {lst}"
    return inc, lambda *a, **k: (a, k, counter)
x = 1 if outer() else 2
y = x < 2 < 3 != 4 or not x and x is not None
print(*[1], **{'sep': ''})
try:
    pass
finally:
    for q in range(3):
        try:
            break
        finally:
            continue
)PY";

void check(const CodeUnit& code) {
  ASSERT_FALSE(code.code.empty());
  EXPECT_EQ(op_of(code.code[0]), Op::RESUME) << code.name;
  EXPECT_EQ(code.positions.size(), code.code.size());
  EXPECT_GT(code.max_stack, 0) << code.name;
  EXPECT_EQ(code.cell2arg.size(), code.cellvars.size());
  for (size_t i = 0; i < code.code.size(); ++i) {
    const Op op = op_of(code.code[i]);
    const uint32_t arg = arg_of(code.code[i]);
    switch (operand_kind(op)) {
      case OperandKind::CONST: EXPECT_LT(arg, code.consts.size()); break;
      case OperandKind::NAME: EXPECT_LT(arg, code.names.size()); break;
      case OperandKind::LOCAL: EXPECT_LT(arg, code.varnames.size()); break;
      case OperandKind::CELL: EXPECT_LT(arg, code.cellvars.size() + code.freevars.size()); break;
      case OperandKind::JUMP:
        EXPECT_LT(arg, code.code.size());
        if (op == Op::JUMP_BACKWARD) {
          EXPECT_LE(arg, i);
        }
        if (op == Op::JUMP_FORWARD) {
          EXPECT_GT(arg, i);
        }
        break;
      default: break;
    }
    // Artificial instructions (a loop's jump back, a block's cleanup: Assembler::kNoLine) have
    // no line where several paths join, as in CPython.
    bool artificial = op == Op::JUMP_FORWARD || op == Op::JUMP_BACKWARD || op == Op::POP_BLOCK ||
                      op == Op::POP_EXCEPT || op == Op::LOAD_CONST || op == Op::STORE_FAST ||
                      op == Op::STORE_NAME || op == Op::DELETE_FAST || op == Op::DELETE_NAME;
    bool may_lack_line = (i == 0 && code.name == "<module>") || artificial;
    EXPECT_GT(code.positions[i].line, may_lack_line ? -1 : 0) << code.name << " @" << i;
  }
  for (const auto& c : code.consts) {
    if (c.kind == Constant::Kind::Code) check(*c.code);
  }
}

TEST(CompileCorpus, LargeProgramIsWellFormed) {
  auto code = compile_ok(kProgram);
  check(*code);
  auto gen = find_code(code, "gen");
  ASSERT_TRUE(gen);
  EXPECT_TRUE(gen->flags & kCoGenerator);
  EXPECT_EQ(gen->qualname, "A.gen");
  auto init = find_code(code, "__init__");
  EXPECT_EQ(init->freevars, (std::vector<std::string>{"__class__"}));
  EXPECT_NE(listing(*init).find("STORE_ATTR _A__x"), std::string::npos);
  EXPECT_EQ(find_code(code, "inc")->qualname, "outer.<locals>.inc");
  EXPECT_FALSE(disassemble(*code).empty());
}

}  // namespace
}  // namespace minipy::vm::testing
