// A cancellation token shared between the thread that asks to stop and the threads that
// must notice: curl's progress callback, FFmpeg's interrupt callback, waits on queues.
// Any thread may call cancel(); cancelled() is lock-free and safe anywhere.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace ml {

class CancelToken {
 public:
  void cancel() {
    {
      std::lock_guard lock(mutex_);
      flag_.store(true);
    }
    cv_.notify_all();
  }
  bool cancelled() const { return flag_.load(std::memory_order_relaxed); }

  // Sleeps up to `d`; returns early (true) when cancelled. Use instead of a bare sleep.
  template <typename Rep, typename Period>
  bool sleepFor(std::chrono::duration<Rep, Period> d) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, d, [this] { return flag_.load(); });
  }

 private:
  std::atomic<bool> flag_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
};

using CancelPtr = std::shared_ptr<CancelToken>;

}  // namespace ml
