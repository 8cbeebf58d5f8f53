// A queue from worker threads to the app's poll() loop: push() from any thread (never
// from the audio callback), the app polls fd() and then drains with tryPop().
#pragma once
#include <deque>
#include <mutex>
#include <optional>

#include "core/Wakeup.h"

namespace ml {

template <typename T>
class EventQueue {
 public:
  void push(T event) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(event));
    }
    wakeup_.notify();
  }
  std::optional<T> tryPop() {
    std::lock_guard lock(mutex_);
    if (items_.empty()) return std::nullopt;
    T t = std::move(items_.front());
    items_.pop_front();
    return t;
  }
  int fd() const { return wakeup_.fd(); }
  void drainWakeup() { wakeup_.drain(); }

 private:
  std::mutex mutex_;
  std::deque<T> items_;
  Wakeup wakeup_;
};

}  // namespace ml
