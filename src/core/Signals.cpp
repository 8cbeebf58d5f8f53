#include "core/Signals.h"

#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <csignal>

namespace ml {

int blockedSignalFd() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

SignalFd::SignalFd() : fd_(blockedSignalFd()) {}

SignalFd::~SignalFd() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace ml
