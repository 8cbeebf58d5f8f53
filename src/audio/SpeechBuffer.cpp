#include "audio/SpeechBuffer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "audio/AudioFormat.h"

namespace ml::audio {

SpeechBuffer::SpeechBuffer(double seconds) {
  const auto wanted = static_cast<std::size_t>(std::ceil(seconds * kSampleRate / kBlockFrames));
  count_ = 2;
  while (count_ < wanted) count_ <<= 1;
  blocks_ = std::make_unique<Block[]>(count_);
}

void SpeechBuffer::notify() noexcept {
  if (Wakeup* w = wakeup_.load(std::memory_order_acquire)) w->notify();
}

void SpeechBuffer::setActive(bool active) noexcept {
  active_.store(active, std::memory_order_release);
  if (!active) notify();
}

bool SpeechBuffer::pushBlock(std::uint64_t gen) {
  pending_.gen = gen;
  // The writer waits for room in short naps: it is never the audio thread, and a flush
  // makes room at once (the reader skips stale blocks).
  while (true) {
    if (closed_.load(std::memory_order_acquire) || generation() != gen) return false;
    const std::size_t head = head_.load(std::memory_order_relaxed);
    if (head - tail_.load(std::memory_order_acquire) < count_) {
      blocks_[head & (count_ - 1)] = pending_;
      head_.store(head + 1, std::memory_order_release);
      pending_.frames = 0;
      notify();
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

bool SpeechBuffer::write(const float* frames, std::size_t frameCount, std::uint64_t gen) {
  if (pending_.gen != gen) pending_.frames = 0;  // leftovers of a stopped utterance
  pending_.gen = gen;
  while (frameCount > 0) {
    if (generation() != gen) return false;
    const std::size_t room = kBlockFrames - pending_.frames;
    const std::size_t n = std::min(room, frameCount);
    std::copy_n(frames, n * 2, pending_.data.begin() + static_cast<std::ptrdiff_t>(pending_.frames * 2));
    pending_.frames += static_cast<std::uint32_t>(n);
    frames += n * 2;
    frameCount -= n;
    if (pending_.frames == kBlockFrames && !pushBlock(gen)) return false;
  }
  return true;
}

void SpeechBuffer::endUtterance(std::uint64_t gen) {
  if (pending_.frames > 0 && pending_.gen == gen) pushBlock(gen);
  pending_.frames = 0;
}

void SpeechBuffer::skipStale() noexcept {
  const std::uint64_t gen = generation();
  std::size_t tail = tail_.load(std::memory_order_relaxed);
  const std::size_t head = head_.load(std::memory_order_acquire);
  while (tail != head && blocks_[tail & (count_ - 1)].gen != gen) {
    ++tail;
    readOffset_ = 0;
  }
  tail_.store(tail, std::memory_order_release);
}

std::size_t SpeechBuffer::read(float* out, std::size_t frameCount) noexcept {
  std::size_t done = 0;
  while (done < frameCount) {
    skipStale();
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire)) break;
    const Block& b = blocks_[tail & (count_ - 1)];
    const std::size_t n = std::min<std::size_t>(b.frames - readOffset_, frameCount - done);
    std::copy_n(b.data.begin() + static_cast<std::ptrdiff_t>(readOffset_ * 2), n * 2, out + done * 2);
    done += n;
    readOffset_ += n;
    if (readOffset_ >= b.frames) {
      readOffset_ = 0;
      tail_.store(tail + 1, std::memory_order_release);
    }
  }
  return done;
}

bool SpeechBuffer::empty() noexcept {
  skipStale();
  return tail_.load(std::memory_order_relaxed) == head_.load(std::memory_order_acquire);
}

}  // namespace ml::audio
