// A child program for a test, started with posix_spawnp (no shell), its stdout and stderr
// captured through non-blocking pipes. The test drives it: poll fds(), call drain(), check
// exited(). The destructor kills and reaps it if it still runs.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace mltest {

class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& args) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2");
    if (pipe2(err, O_CLOEXEC) != 0) {
      close(out[0]);
      close(out[1]);
      throw std::runtime_error("pipe2");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);
    out_ = out[0];
    err_ = err[0];
    fcntl(out_, F_SETFL, O_NONBLOCK);
    fcntl(err_, F_SETFL, O_NONBLOCK);
    if (rc != 0) {
      pid_ = -1;
      closeAll();
      throw std::runtime_error("cannot start " + args.at(0));
    }
  }
  ~ChildProcess() {
    kill();
    closeAll();
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The open output pipes, for poll().
  std::vector<pollfd> fds() const {
    std::vector<pollfd> p;
    if (out_ >= 0) p.push_back({out_, POLLIN, 0});
    if (err_ >= 0) p.push_back({err_, POLLIN, 0});
    return p;
  }
  // Reads what the pipes hold now; closes a pipe at end of file.
  void drain() {
    drainOne(out_, stdout_);
    drainOne(err_, stderr_);
  }
  // True once the child exited and both pipes reached end of file.
  bool finished() {
    if (pid_ > 0) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
    }
    return pid_ < 0 && out_ < 0 && err_ < 0;
  }
  void kill() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
      exitCode_ = 128 + SIGKILL;
    }
  }

  const std::string& out() const { return stdout_; }
  const std::string& err() const { return stderr_; }
  int exitCode() const { return exitCode_; }

 private:
  static void drainOne(int& fd, std::string& into) {
    if (fd < 0) return;
    std::array<char, 4096> buf{};
    for (;;) {
      ssize_t n = read(fd, buf.data(), buf.size());
      if (n > 0) {
        into.append(buf.data(), static_cast<std::size_t>(n));
      } else if (n == 0) {
        close(fd);
        fd = -1;
        return;
      } else {
        return;  // EAGAIN (or an error: try again later)
      }
    }
  }
  void closeAll() {
    if (out_ >= 0) close(out_);
    if (err_ >= 0) close(err_);
    out_ = err_ = -1;
  }
  pid_t pid_ = -1;
  int out_ = -1, err_ = -1;
  int exitCode_ = -1;
  std::string stdout_, stderr_;
};

}  // namespace mltest
