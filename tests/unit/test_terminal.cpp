// Terminal on a real pseudo-terminal: raw mode on, restored afterwards, reads never wait.
#include <fcntl.h>
#include <sys/wait.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "ui/Terminal.h"

using ml::ui::Terminal;

namespace {

// A pseudo-terminal pair; the test writes to the master as if typing.
struct Pty {
  int master = -1;
  int slave = -1;
  Pty() {
    master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) return;
    const char* name = ptsname(master);
    if (name != nullptr) slave = open(name, O_RDWR | O_NOCTTY);
  }
  ~Pty() {
    if (slave >= 0) close(slave);
    if (master >= 0) close(master);
  }
  termios settings() const {
    termios t{};
    EXPECT_EQ(tcgetattr(slave, &t), 0);
    return t;
  }
  void type(const std::string& s) const { ASSERT_EQ(write(master, s.data(), s.size()), static_cast<ssize_t>(s.size())); }
  // Waits (bounded) until the slave has input.
  bool waitReadable() const {
    pollfd p{slave, POLLIN, 0};
    return poll(&p, 1, 2000) == 1;
  }
};

bool sameSettings(const termios& a, const termios& b) {
  return a.c_iflag == b.c_iflag && a.c_oflag == b.c_oflag && a.c_lflag == b.c_lflag &&
         a.c_cflag == b.c_cflag && a.c_cc[VMIN] == b.c_cc[VMIN] && a.c_cc[VTIME] == b.c_cc[VTIME];
}

}  // namespace

TEST(Terminal, RawModeOnPseudoTerminalAndRestoredAfter) {
  Pty pty;
  ASSERT_GE(pty.slave, 0) << "no pseudo-terminal available";
  const termios before = pty.settings();
  ASSERT_NE(before.c_lflag & ICANON, 0u) << "a new pty starts in canonical mode";
  {
    Terminal t(pty.slave);
    EXPECT_TRUE(t.interactive());
    EXPECT_EQ(t.fd(), pty.slave);
    const termios raw = pty.settings();
    EXPECT_EQ(raw.c_lflag & ICANON, 0u);
    EXPECT_EQ(raw.c_lflag & ECHO, 0u);
    EXPECT_NE(raw.c_lflag & ISIG, 0u) << "Ctrl+C must still send SIGINT";
    EXPECT_EQ(raw.c_iflag & ICRNL, 0u);
    EXPECT_EQ(raw.c_oflag, before.c_oflag) << "output settings untouched";
  }
  EXPECT_TRUE(sameSettings(pty.settings(), before));
}

TEST(Terminal, RestoreIsSafeToCallTwiceAndDestructorAfterIt) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  const termios before = pty.settings();
  {
    Terminal t(pty.slave);
    ASSERT_TRUE(t.interactive());
    ml::ui::restoreTerminal();
    EXPECT_TRUE(sameSettings(pty.settings(), before));
    EXPECT_FALSE(t.interactive());
    ml::ui::restoreTerminal();
    EXPECT_TRUE(sameSettings(pty.settings(), before));
  }
  EXPECT_TRUE(sameSettings(pty.settings(), before));
  Terminal again(pty.slave);  // a new one may take the terminal after the old one is gone
  EXPECT_TRUE(again.interactive());
}

TEST(Terminal, ReadsKeysAtOnceWithoutEchoOrWaiting) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  Terminal t(pty.slave);
  ASSERT_TRUE(t.interactive());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(t.readAvailable(), "");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  EXPECT_FALSE(t.eof());
  pty.type("q\x1b[A\r");  // no newline needed: not line-buffered
  ASSERT_TRUE(pty.waitReadable());
  std::string got;
  for (int i = 0; i < 50 && got.size() < 5; ++i) {
    got += t.readAvailable();
    if (got.size() < 5) pty.waitReadable();
  }
  EXPECT_EQ(got, "q\x1b[A\r") << "\\r must not become \\n";
  // Nothing echoed back to the master (the "screen").
  pollfd p{pty.master, POLLIN, 0};
  EXPECT_EQ(poll(&p, 1, 50), 0);
  EXPECT_EQ(t.readAvailable(), "");
}

TEST(Terminal, HangupIsEndOfInput) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  Terminal t(pty.slave);
  close(pty.master);
  pty.master = -1;
  EXPECT_EQ(t.readAvailable(), "");
  EXPECT_TRUE(t.eof());
}

TEST(Terminal, PipeIsNotInteractiveButStillReadable) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  {
    Terminal t(fds[0]);
    EXPECT_FALSE(t.interactive());
    EXPECT_EQ(t.readAvailable(), "");
    EXPECT_FALSE(t.eof());
    ASSERT_EQ(write(fds[1], "ab", 2), 2);
    EXPECT_EQ(t.readAvailable(), "ab");
    close(fds[1]);
    EXPECT_EQ(t.readAvailable(), "");
    EXPECT_TRUE(t.eof());
  }
  close(fds[0]);
}

namespace {
// Runs body in a child process that makes the pty raw and never runs the destructor;
// returns the wait status.
template <typename Body>
int inChild(const Pty& pty, Body body) {
  const pid_t pid = fork();
  if (pid == 0) {
    // Never destroyed: only atexit or the signal path can restore. Kept reachable for LeakSanitizer.
    static Terminal* const kept = new Terminal(pty.slave);
    (void)kept;
    body();
    _exit(99);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}
}  // namespace

TEST(Terminal, RestoredAtNormalExitWithoutDestructor) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  const termios before = pty.settings();
  const int status = inChild(pty, [] { std::exit(0); });
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(sameSettings(pty.settings(), before));
}

TEST(Terminal, RestoredOnFatalSignalWhichStillKills) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  const termios before = pty.settings();
  const int status = inChild(pty, [] { raise(SIGTERM); });
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  EXPECT_TRUE(sameSettings(pty.settings(), before));
}

// In a new session with the pty as controlling terminal: a process group in the background
// must leave the terminal alone (changing it would stop the process with SIGTTOU); the
// foreground group makes it raw.
TEST(Terminal, LeavesTheTerminalAloneWhenInTheBackground) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  const std::string name = ptsname(pty.master);
  const pid_t pid = fork();
  if (pid == 0) {
    setsid();
    const int fd = open(name.c_str(), O_RDWR);  // becomes the controlling terminal
    if (fd < 0) _exit(10);
    const pid_t background = fork();
    if (background == 0) {
      setpgid(0, 0);
      Terminal t(fd);
      _exit(t.interactive() ? 1 : 0);
    }
    int st = 0;
    waitpid(background, &st, WUNTRACED);
    if (WIFSTOPPED(st)) {
      kill(background, SIGKILL);
      waitpid(background, &st, 0);
      _exit(11);  // stopped by SIGTTOU: it touched the terminal
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) _exit(12);
    Terminal foreground(fd);
    _exit(foreground.interactive() ? 0 : 13);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "10: no pty, 11: stopped by SIGTTOU, 12: raw in background, 13: not raw in foreground";
}

// Ctrl+Z: the terminal is normal while meeluister is stopped, raw again once continued.
TEST(Terminal, SuspendRestoresAndContinueMakesRawAgain) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  const termios before = pty.settings();
  const pid_t pid = fork();
  if (pid == 0) {
    Terminal t(pty.slave);
    if (!t.interactive()) _exit(10);
    raise(SIGTSTP);  // as Ctrl+Z would
    termios now{};
    tcgetattr(pty.slave, &now);
    _exit(t.interactive() && (now.c_lflag & ICANON) == 0 ? 0 : 11);
  }
  int status = 0;
  waitpid(pid, &status, WUNTRACED);
  ASSERT_TRUE(WIFSTOPPED(status));
  EXPECT_TRUE(sameSettings(pty.settings(), before)) << "normal terminal while stopped";
  kill(pid, SIGCONT);
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "11: not raw again after SIGCONT";
}
