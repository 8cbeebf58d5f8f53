// SIGINT and SIGTERM as a readable fd for a poll() loop. The signals are blocked in the
// calling thread first: call this before any thread starts, so every thread inherits the
// mask and only the fd sees them.
#pragma once

namespace ml {

// A non-blocking, close-on-exec signalfd for SIGINT and SIGTERM; -1 if it cannot be made.
int blockedSignalFd();

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

}  // namespace ml
