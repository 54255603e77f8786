// The interactive prompt: `minipy` on a terminal, `minipy -i` after a script or command. Reads
// statements through cli/line_editor.h, compiles each in "single" mode (expression values go
// to sys.displayhook) and runs it in __main__; tracebacks name File "<stdin>", line N.
#pragma once

namespace minipy::cli {

struct ReplOptions {
  bool banner = true;  // the "Python 3.11.7 (minipy ...)" lines on stderr (off with -q or -i)
};

/// Runs the read-eval-print loop until end of input or SystemExit; returns the exit status.
int run_repl(const ReplOptions& options);

}  // namespace minipy::cli
