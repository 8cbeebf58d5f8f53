#include "ui/Terminal.h"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>

#include "core/Log.h"

namespace ml::ui {
namespace {

// The one raw terminal. Written only while gRaw is false; read by the restore paths, which
// may run in a signal handler (hence plain atomics and tcsetattr only).
int gFd = -1;
termios gOriginal{};
termios gRawSettings{};
std::atomic<bool> gRaw{false};
std::atomic<bool> gClaimed{false};  // a Terminal owns the raw mode (kept while suspended)

constexpr int kFatalSignals[] = {SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGABRT,
                                 SIGSEGV, SIGBUS, SIGFPE, SIGILL};
struct sigaction gPrevious[sizeof(kFatalSignals) / sizeof(int)];
struct sigaction gPreviousStop;
bool gInstalled[sizeof(kFatalSignals) / sizeof(int)] = {};
bool gInstalledStop = false;

void restoreAtExit() { restoreTerminal(); }

// Fatal signal: terminal back, then the signal's own default action (SA_RESETHAND put it
// back; the signal is blocked while we run, so raise() takes effect as we return).
void onFatalSignal(int sig) {
  const int saved = errno;
  restoreTerminal();
  raise(sig);
  errno = saved;
}

// Ctrl+Z: terminal back while the shell has it, raw again once continued.
void onStop(int) {
  const int saved = errno;
  const bool wasRaw = gRaw.load();
  restoreTerminal();
  kill(getpid(), SIGSTOP);  // stops here; runs on after SIGCONT
  if (wasRaw && gClaimed.load() && tcsetattr(gFd, TCSANOW, &gRawSettings) == 0) gRaw.store(true);
  errno = saved;
}

// Installs handler for sig only where the program left the default action.
bool installIfDefault(int sig, void (*handler)(int), int flags, struct sigaction& previous) {
  if (sigaction(sig, nullptr, &previous) != 0) return false;
  if (previous.sa_handler != SIG_DFL || (previous.sa_flags & SA_SIGINFO) != 0) return false;
  struct sigaction sa {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = flags;
  return sigaction(sig, &sa, nullptr) == 0;
}

void installHandlers() {
  for (std::size_t i = 0; i < std::size(kFatalSignals); ++i) {
    gInstalled[i] = installIfDefault(kFatalSignals[i], onFatalSignal, SA_RESETHAND, gPrevious[i]);
  }
  gInstalledStop = installIfDefault(SIGTSTP, onStop, SA_RESTART, gPreviousStop);
}

// Puts back the old action of sig if ours is still there.
void uninstall(int sig, void (*ours)(int), const struct sigaction& previous) {
  struct sigaction now {};
  if (sigaction(sig, nullptr, &now) == 0 && now.sa_handler == ours) sigaction(sig, &previous, nullptr);
}

void uninstallHandlers() {
  for (std::size_t i = 0; i < std::size(kFatalSignals); ++i) {
    if (gInstalled[i]) uninstall(kFatalSignals[i], onFatalSignal, gPrevious[i]);
    gInstalled[i] = false;
  }
  if (gInstalledStop) uninstall(SIGTSTP, onStop, gPreviousStop);
  gInstalledStop = false;
}

termios rawFrom(const termios& original) {
  termios t = original;
  t.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ECHONL | IEXTEN);
  t.c_lflag |= ISIG;
  t.c_iflag &= ~static_cast<tcflag_t>(ICRNL | INLCR | IGNCR | IXON | ISTRIP);
  t.c_cc[VMIN] = 0;   // reads never wait; poll() does the waiting
  t.c_cc[VTIME] = 0;
  return t;
}

bool makeRaw(int fd) {
  bool expected = false;
  if (!gClaimed.compare_exchange_strong(expected, true)) {
    log::warn("Terminal: er is al een terminal in ruwe modus; deze blijft zoals hij is");
    return false;
  }
  const pid_t foreground = tcgetpgrp(fd);  // -1 when it is not our controlling terminal
  if (foreground > 0 && foreground != getpgrp()) {
    // Started in the background (meeluister &): changing the terminal would stop us (SIGTTOU).
    log::info("Terminal: meeluister draait op de achtergrond; toetsen worden niet gelezen");
    gClaimed.store(false);
    return false;
  }
  termios original{};
  if (tcgetattr(fd, &original) != 0) {
    gClaimed.store(false);
    return false;
  }
  gFd = fd;
  gOriginal = original;
  gRawSettings = rawFrom(original);
  static const bool registered = std::atexit(restoreAtExit) == 0;
  (void)registered;
  installHandlers();
  if (tcsetattr(fd, TCSANOW, &gRawSettings) != 0) {
    uninstallHandlers();
    gClaimed.store(false);
    return false;
  }
  gRaw.store(true);
  return true;
}

}  // namespace

void restoreTerminal() noexcept {
  if (gRaw.exchange(false)) tcsetattr(gFd, TCSANOW, &gOriginal);
}

Terminal::Terminal(int fd) : fd_(fd) {
  if (isatty(fd) == 1) raw_ = makeRaw(fd);
}

Terminal::~Terminal() {
  if (!raw_) return;
  restoreTerminal();
  uninstallHandlers();
  gClaimed.store(false);
}

bool Terminal::interactive() const { return raw_ && gRaw.load(); }

int Terminal::fd() const { return fd_; }

bool Terminal::eof() const { return eof_; }

std::string Terminal::readAvailable() {
  std::string out;
  char buffer[1024];
  for (int round = 0; round < 16 && !eof_; ++round) {  // at most 16 KiB per call
    pollfd p{fd_, POLLIN, 0};
    const int ready = poll(&p, 1, 0);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    if ((p.revents & POLLIN) == 0) {
      eof_ = (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
      break;
    }
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      eof_ = true;  // 0: the writer closed; EIO: the terminal hung up
      break;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace ml::ui
