// compile() with `_ast` trees: PyCF_ONLY_AST (source -> parser tree -> node objects) and a
// tree as the source (node objects -> checked parser tree -> code). Beside
// vm/interpreter.cpp's compile_source, which goes from text to code.
#include "parser/driver.h"
#include "runtime/errors.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "vm/ast_convert.h"
#include "vm/code.h"
#include "vm/compiler.h"
#include "vm/interpreter.h"

namespace minipy::vm {

using namespace rt;

namespace {

/// A compiler error in a tree built in Python: there is no source text, so SyntaxError.text is
/// None (as CPython's for a tree whose filename is not a readable file).
Ref raise_tree_error(const parse::SyntaxError& se) {
  if (se.type == "RecursionError") return raise(&exc_RecursionError, se.msg);
  TypeObject* type = se.type == "IndentationError" ? &exc_IndentationError
                     : se.type == "TabError"       ? &exc_TabError
                                                   : &exc_SyntaxError;
  Ref msg = str_new(se.msg);
  Ref fn = str_new(se.filename);
  Ref info = tuple_of({fn.get(), Value::from_small(se.lineno), Value::from_small(se.offset), None(),
                       Value::from_small(se.end_lineno ? se.end_lineno : se.lineno),
                       Value::from_small(se.end_offset ? se.end_offset : se.offset)});
  Value args[2] = {msg.get(), info.get()};
  Ref e = make_exception(type, args, 2);
  if (!e) return e;
  return set_exception(std::move(e));
}

}  // namespace

Ref parse_to_ast_object(std::string_view source, const std::string& filename,
                        std::string_view mode) {
  parse::Mode pm = mode == "eval"     ? parse::Mode::Eval
                   : mode == "single" ? parse::Mode::Interactive
                                      : parse::Mode::Exec;
  parse::ParseResult pr = parse::parse(source, filename, pm);
  if (pr.error) {
    // Raised exactly as any compile() raises it: compile_unit parses the same text again and
    // turns the same error into SyntaxError (only on this error path).
    compile_unit(source, filename, mode);
    if (!error_pending()) raise(&exc_SystemError, "parse error without SyntaxError");
    return Ref();
  }
  return ast_to_object(*pr.module, mode);
}

Ref compile_ast_object(Value tree, const std::string& filename, std::string_view mode) {
  std::unique_ptr<ast::Module> m = ast_from_object(tree, mode);
  if (m == nullptr) return Ref();
  CompileMode cm = mode == "eval"     ? CompileMode::Eval
                   : mode == "single" ? CompileMode::Interactive
                                      : CompileMode::Exec;
  CompileResult cr = compile(*m, filename, cm);
  if (cr.error) return raise_tree_error(*cr.error);
  return code_from_unit(std::move(cr.code));
}

}  // namespace minipy::vm
