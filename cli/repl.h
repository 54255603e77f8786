// The interactive prompt and the other non-file entry points of the command line.
#pragma once

#include <string>

/// Reads, compiles and runs statements from the terminal until EOF; returns the exit status.
int run_repl();
/// Runs stdin as a script (when stdin is not a terminal).
int run_stdin_script();
/// `minipy -m name`: runs a module (frozen, native-free or on sys.path) as __main__.
int run_module_as_main(const std::string& name);
