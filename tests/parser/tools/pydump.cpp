// Developer tool: prints minipy's AST dump (with locations when -a) or its SyntaxError for a
// file, in the format of tests/parser/tools/cpython_dump.py, to diff against CPython.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "parser/driver.h"

int main(int argc, char** argv) {
  bool attrs = false;
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-a") == 0) attrs = true;
    else path = argv[i];
  }
  std::stringstream ss;
  if (path) {
    std::ifstream f(path, std::ios::binary);
    ss << f.rdbuf();
  } else {
    ss << std::cin.rdbuf();
  }
  auto r = minipy::parse::parse(ss.str(), path ? path : "<stdin>");
  if (r.error) {
    auto& e = *r.error;
    std::printf("%s: %s (%d, %d, %d, %d)\n", e.type.c_str(), e.msg.c_str(), e.lineno, e.offset,
                e.end_lineno, e.end_offset);
    return 1;
  }
  std::printf("%s\n", minipy::ast::dump(*r.module, attrs).c_str());
  return 0;
}
