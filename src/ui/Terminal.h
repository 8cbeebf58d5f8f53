// Raw keyboard input from a terminal.
//
// When fd is a terminal, echo and line editing are switched off (ICANON, ECHO, IEXTEN; and
// input translations ICRNL/IXON, so Enter arrives as \r and Ctrl+S/Ctrl+Q as keys). ISIG stays
// ON: Ctrl+C still sends SIGINT, Ctrl+Z still suspends. Output settings are not touched: no
// cursor movement, no colour, lines keep their normal newline handling.
//
// The old settings come back in the destructor, at normal exit (atexit), on fatal signals
// (SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL: only where the
// program has no handler of its own; the signal then does what it would have done), and around
// Ctrl+Z (restored while suspended, raw again after fg). restoreTerminal() is safe to call any
// number of times, from anywhere, also from a signal handler.
//
// A program started in the background (its process group is not the terminal's foreground
// group) leaves the terminal alone: interactive() is false.
// One Terminal at a time is raw (a second one on a terminal stays inactive and says so in the
// log). Use it from one thread; restoreTerminal() may be called from any thread.
#pragma once
#include <string>

namespace ml::ui {

class Terminal {
 public:
  explicit Terminal(int fd = 0);  // raw mode only when isatty(fd); otherwise does nothing
  ~Terminal();
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  bool interactive() const;  // fd is a terminal and raw mode is on
  int fd() const;            // to poll() on beside other wake-ups
  // What is there to read now, without waiting ("" when nothing). Works on any fd (a pipe too).
  // End of input (the other side closed, or the terminal hung up) sets eof().
  std::string readAvailable();
  bool eof() const;

 private:
  int fd_;
  bool raw_ = false;
  bool eof_ = false;
};

// Puts the terminal back as it was, if a Terminal made it raw. Idempotent and
// async-signal-safe.
void restoreTerminal() noexcept;

}  // namespace ml::ui
