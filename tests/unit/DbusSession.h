// A private D-Bus session bus for one test: a dbus-daemon child listening on a socket in a
// fresh temporary folder. While it lives, DBUS_SESSION_BUS_ADDRESS points at it (the old value
// comes back afterwards). Start-up is bounded (10 s); the daemon is killed at the end.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace mltest {

// Sets an environment variable for a scope and restores it (or unsets it) afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_.c_str(), old_->c_str(), 1);
    else unsetenv(name_.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

class DbusSession {
 public:
  DbusSession() {
    char tmpl[] = "/tmp/ml-dbus-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp");
    dir_ = tmpl;
    writeConfig();
    start();
    env_.emplace("DBUS_SESSION_BUS_ADDRESS", address_.c_str());
  }
  ~DbusSession() {
    env_.reset();
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  DbusSession(const DbusSession&) = delete;
  DbusSession& operator=(const DbusSession&) = delete;

  const std::string& address() const { return address_; }

 private:
  void writeConfig() {
    std::ofstream out(dir_ / "session.conf");
    out << "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
           "<busconfig>\n  <type>session</type>\n"
        << "  <listen>unix:path=" << (dir_ / "bus").string() << "</listen>\n"
        << "  <auth>EXTERNAL</auth>\n"
           "  <policy context=\"default\">\n"
           "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
           "    <allow eavesdrop=\"true\"/>\n"
           "    <allow own=\"*\"/>\n"
           "  </policy>\n</busconfig>\n";
    if (!out) throw std::runtime_error("cannot write dbus config");
  }

  void start() {
    int p[2];
    if (pipe(p) != 0) throw std::runtime_error("pipe");
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    std::vector<std::string> args{"dbus-daemon", "--nofork", "--nopidfile",
                                  "--config-file=" + (dir_ / "session.conf").string(),
                                  "--print-address=" + std::to_string(p[1])};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // Its stderr goes to /dev/null: as root it complains about the fd limit on every start.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    int rc = posix_spawnp(&pid_, "dbus-daemon", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(p[1]);
    if (rc != 0) {
      close(p[0]);
      pid_ = -1;
      throw std::runtime_error("cannot start dbus-daemon");
    }
    address_ = readLine(p[0]);
    close(p[0]);
    if (address_.empty()) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
      throw std::runtime_error("dbus-daemon printed no address");
    }
  }

  // The first line from `fd`, waiting at most 10 s.
  static std::string readLine(int fd) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char c = 0;
      ssize_t n = read(fd, &c, 1);
      if (n <= 0 || c == '\n') break;
      line += c;
    }
    return line;
  }

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::string address_;
  std::optional<ScopedEnv> env_;
};

}  // namespace mltest
