// A small line editor for the interactive prompt (cli/repl.cpp), written against termios only:
// minipy takes no readline/libedit dependency. When stdin and stdout are terminals and TERM is
// not "dumb" it puts the terminal in raw mode for the duration of one read and handles the keys
// itself (cursor motion, kill commands, history); otherwise it prints the prompt to stderr and
// reads a plain line, as CPython does without readline. It knows nothing of Python or the GIL:
// the caller releases the GIL around read_line() and turns kInterrupt into KeyboardInterrupt.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <termios.h>

namespace minipy::cli {

/// What one read_line() call produced.
enum class ReadStatus {
  kLine,       // a line (without its newline)
  kEof,        // Ctrl-D on an empty line, or end of input
  kInterrupt,  // Ctrl-C (raw mode) or a signal interrupted the read (plain mode)
};

/// Reads lines with editing on a terminal. Keys (raw mode):
///   Left/Right, Ctrl-B/F   move one character      Home/End, Ctrl-A/E  start/end of line
///   Alt-B/F, Ctrl-Left/Right  move one word        Backspace, Delete   delete a character
///   Ctrl-K / Ctrl-U        kill to end / to start  Ctrl-W  kill back to whitespace
///   Alt-Backspace          kill previous word
///   Up/Down, Ctrl-P/N      history                 Tab                 insert 4 spaces
///   Ctrl-L                 clear the screen        Ctrl-C              abandon the line
///   Ctrl-D                 end of input on an empty line, else delete under the cursor
/// Long lines scroll horizontally within the terminal width (one screen row, like linenoise).
class LineEditor {
 public:
  /// in_fd/out_fd: the terminal (normally 0 and 1). Editing is chosen once, here.
  explicit LineEditor(int in_fd = 0, int out_fd = 1);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  /// True when read_line() edits in raw mode; false when it reads plain lines.
  bool editing() const { return editing_; }
  /// The descriptor prompts are written to: out_fd when editing, else stderr (as CPython).
  int prompt_fd() const { return editing_ ? out_fd_ : 2; }

  /// Shows `prompt` and reads one line into *line. The terminal is raw only inside this call.
  ReadStatus read_line(std::string_view prompt, std::string* line);

  /// Appends a line to the in-memory history (blank lines and repeats of the last are skipped).
  void add_history(const std::string& line);
  const std::vector<std::string>& history() const { return history_; }
  /// Loads/saves the history file, one entry a line; the file keeps the last kHistoryMax.
  bool load_history(const std::string& path);
  bool save_history(const std::string& path) const;

  static constexpr size_t kHistoryMax = 1000;

 private:
  ReadStatus read_plain(std::string_view prompt, std::string* line);
  ReadStatus read_raw(std::string_view prompt, std::string* line);
  bool enable_raw();
  void disable_raw();
  void refresh(std::string_view prompt, const std::string& buf, size_t pos);
  void write_out(std::string_view s) const;
  int columns() const;

  int in_fd_;
  int out_fd_;
  bool editing_ = false;
  bool raw_ = false;
  termios saved_{};
  std::vector<std::string> history_;
};

/// The history file: $MINIPY_HISTORY when set (empty disables it), else ~/.minipy_history.
std::string default_history_path();

}  // namespace minipy::cli
