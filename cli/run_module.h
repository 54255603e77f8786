// `minipy -m name`: finds a module on sys.path (name.py, or a package's __main__.py) and runs
// it as __main__ with sys.argv[0] set to its path, as runpy does; frozen (embedded) modules
// such as dis are imported and their _main() called.
#pragma once

#include <string>

namespace minipy::cli {

/// Runs module `name` as __main__; returns the exit status (1 with a message when not found).
/// `program` is argv[0] as invoked, which error messages start with.
int run_module_as_main(const std::string& name, const std::string& program);

}  // namespace minipy::cli
