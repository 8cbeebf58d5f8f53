// SIGINT and SIGTERM as a readable fd for a poll() loop. The signals are blocked in the
// calling thread first: call this before any thread starts, so every thread inherits the
// mask and only the fd sees them.
//
// Every phase honours them: a poll() loop (Session, Menu, speaking) reads the fd itself;
// a phase that blocks elsewhere (resolving a debate over the network) runs under a
// SignalWatch, which cancels it and, should it not end at once, lets the signal act
// (the program's handler restores the terminal and exits 128 + the signal).
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "core/Cancel.h"
#include "core/Wakeup.h"

namespace ml {

// A non-blocking, close-on-exec signalfd for SIGINT, SIGTERM and sinkFailedSignal(); -1 if
// it cannot be made.
int blockedSignalFd();

// The exit status after a signal: 128 + its number (SIGINT 130, SIGTERM 143).
int exitStatusForSignal(int signo);

// Reads one pending signal from a signalfd without waiting: its number, or 0 when none.
int takeSignal(int fd);

// A real-time signal in the signalfd's set by which a sink thread that cannot go on (a
// failed write) wakes the app's poll() loop, which then ends as on Ctrl+C; the command
// says why afterwards (audio::sinkFailure). Sent only when the calling thread has it
// blocked, i.e. when a signalfd is there to see it.
int sinkFailedSignal();
void raiseSinkFailed();

// While one lives (a file being written), no SignalWatch lets a signal end the process
// abruptly: the loop that owns the file must end it in order. Thread-safe.
class ExitHold {
 public:
  ExitHold();
  ~ExitHold();
  ExitHold(const ExitHold&) = delete;
  ExitHold& operator=(const ExitHold&) = delete;
  static bool held();
};

// The same fd, closed at the end of its scope.
class SignalFd {
 public:
  SignalFd();
  ~SignalFd();
  SignalFd(const SignalFd&) = delete;
  SignalFd& operator=(const SignalFd&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// While it lives, a thread watches `signalFd` (without reading it: the signal stays
// pending for whoever reads it next). On a signal it cancels `token`. If after `grace` the
// signal is still unread (no poll() loop took it) and the watch still lives, it calls
// `givingUp` (e.g. to say "Gestopt.") and, unless an ExitHold lives, unblocks SIGINT and SIGTERM in its own thread, so
// the pending signal takes the process's own action (meeluister's handler: terminal back,
// exit 130/143). A signal a loop read in time is that loop's business: the watch goes on.
class SignalWatch {
 public:
  SignalWatch(int signalFd, CancelPtr token, std::function<void()> givingUp = {},
              std::chrono::milliseconds grace = std::chrono::milliseconds(400));
  ~SignalWatch();
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;
  bool fired() const { return fired_.load(); }

 private:
  void run(int signalFd, std::chrono::milliseconds grace);
  bool waitThenGiveUp(int signalFd, std::chrono::milliseconds grace);
  CancelPtr token_;
  std::function<void()> givingUp_;
  Wakeup stop_;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

}  // namespace ml
