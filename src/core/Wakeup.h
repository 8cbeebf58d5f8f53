// An eventfd that one thread signals and another waits on with poll(): how lower layers
// (and the audio callback) wake the app's loop. notify() is real-time safe: one
// non-blocking write(2), no lock, no allocation.
#pragma once
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace ml {

class Wakeup {
 public:
  Wakeup() : fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("eventfd mislukt");
  }
  ~Wakeup() { close(fd_); }
  Wakeup(const Wakeup&) = delete;
  Wakeup& operator=(const Wakeup&) = delete;

  void notify() noexcept {
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(fd_, &one, sizeof one);
  }
  // Clears pending notifications (call after poll() reported the fd readable).
  void drain() noexcept {
    std::uint64_t v = 0;
    [[maybe_unused]] ssize_t n = read(fd_, &v, sizeof v);
  }
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace ml
