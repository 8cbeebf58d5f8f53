// Bounded blocking queue between the fetcher thread (push) and the decoder thread (pop).
// Both block with a condition variable; close() wakes both for shutdown.
#pragma once
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

#include "net/MediaChunk.h"

namespace ml::net {

class ChunkQueue {
 public:
  explicit ChunkQueue(std::size_t capacity) : capacity_(capacity) {}

  // Blocks while full. Returns false when the queue was closed.
  bool push(MediaChunk chunk) {
    std::unique_lock lock(mutex_);
    notFull_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(chunk));
    notEmpty_.notify_one();
    return true;
  }
  // Blocks while empty. Returns nullopt when the queue was closed.
  std::optional<MediaChunk> pop() {
    std::unique_lock lock(mutex_);
    notEmpty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    MediaChunk c = std::move(items_.front());
    items_.pop_front();
    notFull_.notify_one();
    return c;
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    notFull_.notify_all();
    notEmpty_.notify_all();
  }
  // Drops queued chunks (seek); the queue stays open.
  void clear() {
    std::lock_guard lock(mutex_);
    items_.clear();
    notFull_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable notFull_, notEmpty_;
  std::deque<MediaChunk> items_;
  std::size_t capacity_;
  bool closed_ = false;
};

}  // namespace ml::net
