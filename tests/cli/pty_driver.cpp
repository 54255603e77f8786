// cli_pty_driver: runs a program on a pseudo-terminal and types keys at it, so the REPL's line
// editor (cli/line_editor.cpp) can be tested under ctest without tmux or expect.
//
//   cli_pty_driver [-e NAME=VALUE]... PROGRAM [ARG]... -- STEP...
//
// Each STEP is written to the terminal as typed keys, then the driver waits until the output
// has been quiet for a moment. Escapes in steps: \r \n \t \e \\ \xHH, and \<NAME> for keys:
// \<up> \<down> \<left> \<right> \<home> \<end> \<del>. After the last step the driver waits for
// the program to exit and prints everything it wrote (carriage returns dropped) followed by a
// line "[exit N]". TERM is xterm unless -e says otherwise; the window is 80x24.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

std::string decode(const std::string& s) {
  static const std::map<std::string, std::string> keys = {
      {"up", "\x1b[A"},    {"down", "\x1b[B"}, {"right", "\x1b[C"}, {"left", "\x1b[D"},
      {"home", "\x1b[H"},  {"end", "\x1b[F"},  {"del", "\x1b[3~"},
  };
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'r': out += '\r'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'e': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case 'x':
        out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
        i += 2;
        break;
      case '<': {
        size_t end = s.find('>', i);
        auto it = keys.find(s.substr(i + 1, end - i - 1));
        if (end == std::string::npos || it == keys.end()) {
          std::fprintf(stderr, "cli_pty_driver: bad key in '%s'\n", s.c_str());
          std::exit(2);
        }
        out += it->second;
        i = end;
        break;
      }
      default: out += '\\'; out += c; break;
    }
  }
  return out;
}

/// Reads what is available within `ms` milliseconds; false once the terminal is closed.
bool pump(int fd, std::string* transcript, int ms) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, ms) <= 0) return true;
  char buf[4096];
  ssize_t n = read(fd, buf, sizeof(buf));
  if (n <= 0) return false;  // EIO: the program has gone
  transcript->append(buf, static_cast<size_t>(n));
  return true;
}

/// Waits until output arrives and then stays quiet for 150 ms (at most `limit_ms` in all).
bool settle(int fd, std::string* transcript, int limit_ms) {
  auto start = std::chrono::steady_clock::now();
  size_t seen = transcript->size();
  bool got_any = false;
  auto quiet_since = start;
  for (;;) {
    if (!pump(fd, transcript, 20)) return false;
    auto now = std::chrono::steady_clock::now();
    if (transcript->size() != seen) {
      seen = transcript->size();
      got_any = true;
      quiet_since = now;
    }
    auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
    if (got_any && ms(now - quiet_since) >= 150) return true;
    if (ms(now - start) >= limit_ms) return true;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> env;
  int i = 1;
  while (i + 1 < argc && std::strcmp(argv[i], "-e") == 0) {
    env.push_back(argv[i + 1]);
    i += 2;
  }
  std::vector<char*> prog;
  for (; i < argc && std::strcmp(argv[i], "--") != 0; i++) prog.push_back(argv[i]);
  prog.push_back(nullptr);
  std::vector<std::string> steps;
  for (i++; i < argc; i++) steps.push_back(decode(argv[i]));
  if (prog.size() < 2) {
    std::fprintf(stderr, "usage: cli_pty_driver [-e NAME=VALUE]... PROGRAM [ARG]... -- STEP...\n");
    return 2;
  }

  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
    std::perror("cli_pty_driver: posix_openpt");
    return 2;
  }
  std::string slave_name = ptsname(master);
  winsize ws{};
  ws.ws_row = 24;
  ws.ws_col = 80;
  ioctl(master, TIOCSWINSZ, &ws);

  pid_t pid = fork();
  if (pid == 0) {
    setsid();  // a new session whose controlling terminal is the pty
    int slave = open(slave_name.c_str(), O_RDWR);
    if (slave < 0) _exit(127);
    ioctl(slave, TIOCSCTTY, 0);
    dup2(slave, 0);
    dup2(slave, 1);
    dup2(slave, 2);
    if (slave > 2) close(slave);
    close(master);
    setenv("TERM", "xterm", 1);
    for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
    execv(prog[0], prog.data());
    _exit(127);
  }

  std::string transcript;
  bool open = settle(master, &transcript, 5000);  // the banner and first prompt
  for (const std::string& s : steps) {
    if (!open) break;
    if (write(master, s.data(), s.size()) < 0) break;
    open = settle(master, &transcript, 5000);
  }
  // Wait for the program to end (10 s at most), still draining its output.
  int status = 0;
  auto start = std::chrono::steady_clock::now();
  for (;;) {
    if (open) open = pump(master, &transcript, 20);
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (!open) usleep(20000);
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(10)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      transcript += "\n[killed: still running]";
      break;
    }
  }
  for (int k = 0; open && k < 100; k++) {  // what it wrote just before exiting
    size_t before = transcript.size();
    open = pump(master, &transcript, 50);
    if (transcript.size() == before) break;
  }
  std::string clean;
  for (char c : transcript) {
    if (c != '\r') clean += c;
  }
  std::fputs(clean.c_str(), stdout);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::printf("\n[exit %d]\n", code);
  return 0;
}
