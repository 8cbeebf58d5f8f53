// A single-producer single-consumer lock-free ring of floats.
// Thread contract: exactly one thread calls write(), exactly one (maybe the audio
// callback) calls read(); both are wait-free: no lock, no allocation, no syscall.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>

namespace ml::audio {

class SpscRing {
 public:
  explicit SpscRing(std::size_t minCapacity) {
    std::size_t cap = 1;
    while (cap < minCapacity) cap <<= 1;
    capacity_ = cap;
    mask_ = cap - 1;
    data_ = std::make_unique<float[]>(cap);
  }

  std::size_t capacity() const { return capacity_; }
  std::size_t readable() const {
    return head_.load(std::memory_order_acquire) - tail_.load(std::memory_order_relaxed);
  }
  std::size_t writable() const {
    return capacity_ - (head_.load(std::memory_order_relaxed) - tail_.load(std::memory_order_acquire));
  }

  // Producer side: copies up to n floats, returns how many.
  std::size_t write(const float* src, std::size_t n) {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t tail = tail_.load(std::memory_order_acquire);
    n = std::min(n, capacity_ - (head - tail));
    const std::size_t first = std::min(n, capacity_ - (head & mask_));
    std::copy_n(src, first, data_.get() + (head & mask_));
    if (n > first) std::copy_n(src + first, n - first, data_.get());
    head_.store(head + n, std::memory_order_release);
    return n;
  }

  // Consumer side: copies up to n floats, returns how many.
  std::size_t read(float* dst, std::size_t n) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    const std::size_t head = head_.load(std::memory_order_acquire);
    n = std::min(n, head - tail);
    const std::size_t first = std::min(n, capacity_ - (tail & mask_));
    std::copy_n(data_.get() + (tail & mask_), first, dst);
    if (n > first) std::copy_n(data_.get(), n - first, dst + first);
    tail_.store(tail + n, std::memory_order_release);
    return n;
  }

  // Consumer side: drops everything readable now (used on seek).
  void clear() { tail_.store(head_.load(std::memory_order_acquire), std::memory_order_release); }

 private:
  std::unique_ptr<float[]> data_;
  std::size_t capacity_ = 0;
  std::size_t mask_ = 0;
  alignas(64) std::atomic<std::size_t> head_{0};
  alignas(64) std::atomic<std::size_t> tail_{0};
};

}  // namespace ml::audio
