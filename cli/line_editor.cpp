// The interactive line editor: raw-mode termios key handling and a one-row redraw (the design of
// antirez's linenoise, written afresh). See line_editor.h for the key map.
#include "cli/line_editor.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace minipy::cli {

namespace {

enum Key : unsigned char {
  kCtrlA = 1, kCtrlB = 2, kCtrlC = 3, kCtrlD = 4, kCtrlE = 5, kCtrlF = 6, kCtrlH = 8,
  kTab = 9, kCtrlJ = 10, kCtrlK = 11, kCtrlL = 12, kEnter = 13, kCtrlN = 14, kCtrlP = 16,
  kCtrlU = 21, kCtrlW = 23, kEsc = 27, kBackspace = 127,
};

/// Reads one byte: 1 on success, 0 at end of input, -1 when interrupted by a signal or failed.
int read_byte(int fd, unsigned char* c) {
  ssize_t n = ::read(fd, c, 1);
  if (n == 1) return 1;
  return n == 0 ? 0 : -1;  // EINTR included: the caller reports kInterrupt so Ctrl-C is serviced
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/// Display columns of a UTF-8 string: one per code point (wide characters are not measured).
size_t width(std::string_view s) {
  size_t w = 0;
  for (unsigned char c : s) w += !is_continuation(c);
  return w;
}

size_t prev_char(const std::string& s, size_t pos) {
  if (pos == 0) return 0;
  do --pos;
  while (pos > 0 && is_continuation(static_cast<unsigned char>(s[pos])));
  return pos;
}

size_t next_char(const std::string& s, size_t pos) {
  if (pos >= s.size()) return s.size();
  do ++pos;
  while (pos < s.size() && is_continuation(static_cast<unsigned char>(s[pos])));
  return pos;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

size_t prev_word(const std::string& s, size_t pos) {
  while (pos > 0 && !is_word_char(s[pos - 1])) --pos;
  while (pos > 0 && is_word_char(s[pos - 1])) --pos;
  return pos;
}

/// Ctrl-W (readline's unix-word-rubout): back to the previous whitespace.
size_t prev_blank_word(const std::string& s, size_t pos) {
  while (pos > 0 && (s[pos - 1] == ' ' || s[pos - 1] == '\t')) --pos;
  while (pos > 0 && s[pos - 1] != ' ' && s[pos - 1] != '\t') --pos;
  return pos;
}

size_t next_word(const std::string& s, size_t pos) {
  while (pos < s.size() && !is_word_char(s[pos])) ++pos;
  while (pos < s.size() && is_word_char(s[pos])) ++pos;
  return pos;
}

/// Terminals that cannot take cursor-motion escapes get plain line reading.
bool terminal_supports_editing(int in_fd, int out_fd) {
  if (!isatty(in_fd) || !isatty(out_fd)) return false;
  const char* term = std::getenv("TERM");
  if (!term || !*term) return false;
  return std::strcmp(term, "dumb") != 0 && std::strcmp(term, "cons25") != 0 && std::strcmp(term, "emacs") != 0;
}

}  // namespace

std::string default_history_path() {
  if (const char* p = std::getenv("MINIPY_HISTORY")) return p;
  const char* home = std::getenv("HOME");
  if (!home || !*home) return "";
  return std::string(home) + "/.minipy_history";
}

LineEditor::LineEditor(int in_fd, int out_fd)
    : in_fd_(in_fd), out_fd_(out_fd), editing_(terminal_supports_editing(in_fd, out_fd)) {}

LineEditor::~LineEditor() { disable_raw(); }

void LineEditor::write_out(std::string_view s) const {
  int fd = prompt_fd();
  while (!s.empty()) {
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    s.remove_prefix(static_cast<size_t>(n));
  }
}

int LineEditor::columns() const {
  winsize ws{};
  if (ioctl(out_fd_, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

bool LineEditor::enable_raw() {
  if (raw_) return true;
  if (tcgetattr(in_fd_, &saved_) != 0) return false;
  termios raw = saved_;
  // Input: no CR->NL mapping, no flow control, no parity stripping; 8-bit characters.
  raw.c_iflag &= ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
  raw.c_cflag |= CS8;
  // Local: no echo, byte at a time, no Ctrl-V literal, no signals (Ctrl-C arrives as a byte).
  // Output post-processing stays on, so "\n" still moves to the start of the next row.
  raw.c_lflag &= ~(ECHO | ICANON | IEXTEN | ISIG);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  // TCSADRAIN, not TCSAFLUSH: keys typed ahead while a statement ran must not be lost.
  if (tcsetattr(in_fd_, TCSADRAIN, &raw) != 0) return false;
  raw_ = true;
  return true;
}

void LineEditor::disable_raw() {
  if (!raw_) return;
  tcsetattr(in_fd_, TCSADRAIN, &saved_);
  raw_ = false;
}

ReadStatus LineEditor::read_line(std::string_view prompt, std::string* line) {
  line->clear();
  if (editing_ && enable_raw()) {
    ReadStatus st = read_raw(prompt, line);
    disable_raw();
    return st;
  }
  return read_plain(prompt, line);
}

ReadStatus LineEditor::read_plain(std::string_view prompt, std::string* line) {
  write_out(prompt);
  // Byte by byte, so nothing past the newline is consumed: input() in the next statement reads
  // the same descriptor through sys.stdin's own buffer.
  for (;;) {
    unsigned char c;
    int r = read_byte(in_fd_, &c);
    if (r < 0) {
      if (errno != EINTR) return line->empty() ? ReadStatus::kEof : ReadStatus::kLine;
      write_out("\n");
      line->clear();
      return ReadStatus::kInterrupt;
    }
    if (r == 0) return line->empty() ? ReadStatus::kEof : ReadStatus::kLine;
    if (c == '\n') break;
    line->push_back(static_cast<char>(c));
  }
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return ReadStatus::kLine;
}

void LineEditor::refresh(std::string_view prompt, const std::string& buf, size_t pos) {
  size_t cols = static_cast<size_t>(columns());
  size_t plen = width(prompt);
  // Scroll horizontally: drop characters from the left until the cursor fits, then from the
  // right until the rest fits. The last column stays free so the cursor never wraps.
  size_t start = 0;
  while (start < pos && plen + width(std::string_view(buf).substr(start, pos - start)) >= cols) {
    start = next_char(buf, start);
  }
  size_t end = buf.size();
  while (end > pos && plen + width(std::string_view(buf).substr(start, end - start)) >= cols) {
    end = prev_char(buf, end);
  }
  std::string out = "\r";
  out += prompt;
  out.append(buf, start, end - start);
  out += "\x1b[0K\r";
  size_t cursor = plen + width(std::string_view(buf).substr(start, pos - start));
  if (cursor > 0) out += "\x1b[" + std::to_string(cursor) + "C";
  write_out(out);
}

ReadStatus LineEditor::read_raw(std::string_view prompt, std::string* line) {
  // The history is edited on a copy: an edited entry keeps its edit while this line is being
  // read (as in readline) but the history itself changes only through add_history().
  std::vector<std::string> hist = history_;
  hist.emplace_back();
  size_t hi = hist.size() - 1;
  std::string& buf = *line;
  size_t pos = 0;
  refresh(prompt, buf, pos);

  auto insert = [&](std::string_view s) {
    buf.insert(pos, s);
    pos += s.size();
    refresh(prompt, buf, pos);
  };
  auto move_to = [&](size_t p) {
    pos = p;
    refresh(prompt, buf, pos);
  };
  auto erase = [&](size_t from, size_t to) {  // [from, to), cursor ends at from
    buf.erase(from, to - from);
    pos = from;
    refresh(prompt, buf, pos);
  };
  auto recall = [&](size_t to) {
    hist[hi] = buf;
    hi = to;
    buf = hist[hi];
    move_to(buf.size());
  };

  for (;;) {
    unsigned char c;
    int r = read_byte(in_fd_, &c);
    if (r <= 0) {
      bool interrupted = r < 0 && errno == EINTR;
      move_to(buf.size());
      write_out("\n");
      if (interrupted) {
        buf.clear();
        return ReadStatus::kInterrupt;
      }
      return buf.empty() ? ReadStatus::kEof : ReadStatus::kLine;
    }
    switch (c) {
      case kEnter:
      case kCtrlJ:
        move_to(buf.size());
        write_out("\n");
        return ReadStatus::kLine;
      case kCtrlC:
        move_to(buf.size());
        write_out("\n");
        buf.clear();
        return ReadStatus::kInterrupt;
      case kCtrlD:
        if (buf.empty()) {
          write_out("\n");
          return ReadStatus::kEof;
        }
        if (pos < buf.size()) erase(pos, next_char(buf, pos));
        break;
      case kCtrlA: move_to(0); break;
      case kCtrlE: move_to(buf.size()); break;
      case kCtrlB: move_to(prev_char(buf, pos)); break;
      case kCtrlF: move_to(next_char(buf, pos)); break;
      case kCtrlK: erase(pos, buf.size()); break;
      case kCtrlU: erase(0, pos); break;
      case kCtrlW: erase(prev_blank_word(buf, pos), pos); break;
      case kCtrlH:
      case kBackspace:
        if (pos > 0) erase(prev_char(buf, pos), pos);
        break;
      case kTab: insert("    "); break;
      case kCtrlL:
        write_out("\x1b[H\x1b[2J");
        refresh(prompt, buf, pos);
        break;
      case kCtrlP:
        if (hi > 0) recall(hi - 1);
        break;
      case kCtrlN:
        if (hi + 1 < hist.size()) recall(hi + 1);
        break;
      case kEsc: {
        unsigned char a, b;
        if (read_byte(in_fd_, &a) <= 0) break;
        if (a == 'b' || a == 'f') {  // Alt-B / Alt-F
          move_to(a == 'b' ? prev_word(buf, pos) : next_word(buf, pos));
          break;
        }
        if (a == kBackspace || a == kCtrlH) {  // Alt-Backspace
          erase(prev_word(buf, pos), pos);
          break;
        }
        if (a != '[' && a != 'O') break;
        if (read_byte(in_fd_, &b) <= 0) break;
        std::string params;  // "ESC [ 3 ~", "ESC [ 1 ; 5 C": digits and ';' before the final byte
        while ((b >= '0' && b <= '9') || b == ';') {
          params.push_back(static_cast<char>(b));
          if (read_byte(in_fd_, &b) <= 0) break;
        }
        bool ctrl = params.size() >= 3 && params.compare(params.size() - 2, 2, ";5") == 0;
        switch (b) {
          case 'A': if (hi > 0) recall(hi - 1); break;
          case 'B': if (hi + 1 < hist.size()) recall(hi + 1); break;
          case 'C': move_to(ctrl ? next_word(buf, pos) : next_char(buf, pos)); break;
          case 'D': move_to(ctrl ? prev_word(buf, pos) : prev_char(buf, pos)); break;
          case 'H': move_to(0); break;
          case 'F': move_to(buf.size()); break;
          case '~':
            if (params == "1" || params == "7") move_to(0);
            else if (params == "4" || params == "8") move_to(buf.size());
            else if (params == "3" && pos < buf.size()) erase(pos, next_char(buf, pos));
            break;
          default: break;  // unknown sequence: ignored
        }
        break;
      }
      default:
        if (c < 32) break;  // other control keys do nothing
        if (c >= 0xC0) {    // a UTF-8 lead byte: read the whole character before drawing it
          std::string ch(1, static_cast<char>(c));
          int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
          for (int k = 0; k < more; k++) {
            unsigned char cc;
            if (read_byte(in_fd_, &cc) <= 0) break;
            ch.push_back(static_cast<char>(cc));
          }
          insert(ch);
        } else {
          insert(std::string_view(reinterpret_cast<const char*>(&c), 1));
        }
        break;
    }
  }
}

void LineEditor::add_history(const std::string& line) {
  if (line.find_first_not_of(" \t") == std::string::npos) return;
  if (!history_.empty() && history_.back() == line) return;
  history_.push_back(line);
  if (history_.size() > kHistoryMax) history_.erase(history_.begin());
}

bool LineEditor::load_history(const std::string& path) {
  if (path.empty()) return false;
  std::ifstream in(path);
  if (!in) return false;
  std::string l;
  while (std::getline(in, l)) add_history(l);
  return true;
}

bool LineEditor::save_history(const std::string& path) const {
  if (path.empty()) return false;
  std::ofstream out(path, std::ios::trunc);
  if (!out) return false;
  size_t from = history_.size() > kHistoryMax ? history_.size() - kHistoryMax : 0;
  for (size_t k = from; k < history_.size(); k++) out << history_[k] << '\n';
  return static_cast<bool>(out);
}

}  // namespace minipy::cli
