#include "core/Signals.h"

#include <poll.h>
#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace ml {
namespace {

sigset_t watchedSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, sinkFailedSignal());
  return set;
}

}  // namespace

std::atomic<int> g_exitHolds{0};

ExitHold::ExitHold() { g_exitHolds.fetch_add(1); }
ExitHold::~ExitHold() { g_exitHolds.fetch_sub(1); }
bool ExitHold::held() { return g_exitHolds.load() > 0; }

int sinkFailedSignal() { return SIGRTMIN + 3; }

int blockedSignalFd() {
  const sigset_t set = watchedSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

int exitStatusForSignal(int signo) { return 128 + signo; }

int takeSignal(int fd) {
  if (fd < 0) return 0;
  signalfd_siginfo info{};
  const ssize_t n = read(fd, &info, sizeof info);
  return n == static_cast<ssize_t>(sizeof info) ? static_cast<int>(info.ssi_signo) : 0;
}

void raiseSinkFailed() {
  sigset_t now;
  if (pthread_sigmask(SIG_BLOCK, nullptr, &now) != 0) return;
  if (sigismember(&now, sinkFailedSignal()) == 1) kill(getpid(), sinkFailedSignal());
}

SignalFd::SignalFd() : fd_(blockedSignalFd()) {}

SignalFd::~SignalFd() {
  if (fd_ >= 0) close(fd_);
}

SignalWatch::SignalWatch(int signalFd, CancelPtr token, std::function<void()> givingUp,
                         std::chrono::milliseconds grace)
    : token_(std::move(token)), givingUp_(std::move(givingUp)) {
  if (signalFd >= 0) thread_ = std::thread([this, signalFd, grace] { run(signalFd, grace); });
}

SignalWatch::~SignalWatch() {
  stop_.notify();
  if (thread_.joinable()) thread_.join();
}

void SignalWatch::run(int signalFd, std::chrono::milliseconds grace) {
  while (true) {
    pollfd fds[2] = {{signalFd, POLLIN, 0}, {stop_.fd(), POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if ((fds[1].revents & POLLIN) != 0) return;
    if ((fds[0].revents & (POLLERR | POLLNVAL)) != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    fired_.store(true);
    if (token_) token_->cancel();
    if (waitThenGiveUp(signalFd, grace)) return;
  }
}

// After a signal: false when a loop read it in time (watch on); true when the watch ended
// or the signal was let act on the process.
bool SignalWatch::waitThenGiveUp(int signalFd, std::chrono::milliseconds grace) {
  while (true) {
    pollfd stop{stop_.fd(), POLLIN, 0};
    int ready = 0;
    do {
      ready = poll(&stop, 1, static_cast<int>(grace.count()));
    } while (ready < 0 && errno == EINTR);
    if (ready > 0) return true;
    pollfd unread{signalFd, POLLIN, 0};
    if (poll(&unread, 1, 0) <= 0 || (unread.revents & POLLIN) == 0) return false;  // a loop took it
    if (ExitHold::held()) continue;  // a file is being written: only its loop may end it
    // Nobody reads it and the phase did not end: let the signal act on the process now.
    if (givingUp_) givingUp_();
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    return true;
  }
}

}  // namespace ml
