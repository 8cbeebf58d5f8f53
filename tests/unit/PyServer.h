// Starts one of the Python loopback servers in tests/server/ for a test and stops it
// afterwards. The server writes its port to a file; we wait for it (bounded).
#pragma once
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mltest {

class PyServer {
 public:
  explicit PyServer(const std::string& script, std::vector<std::string> extraArgs = {}) {
    char tmpl[] = "/tmp/ml-port-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) throw std::runtime_error("mkstemp");
    close(fd);
    portFile_ = tmpl;
    std::filesystem::remove(portFile_);
    std::string path = std::string(MEELUISTER_TEST_DIR) + "/server/" + script;
    std::vector<std::string> args{MEELUISTER_PYTHON, path};
    for (auto& a : extraArgs) args.push_back(a);
    args.push_back(portFile_);
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(portFile_);
      if (in >> port_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
    throw std::runtime_error("test server did not start: " + script);
  }
  ~PyServer() { stop(); }
  PyServer(const PyServer&) = delete;
  PyServer& operator=(const PyServer&) = delete;

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    std::filesystem::remove(portFile_);
  }
  std::string portFile_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace mltest
