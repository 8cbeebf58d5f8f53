#include "audio/SpeechBuffer.h"

#include <algorithm>
#include <cerrno>
#include <cmath>

#include "audio/AudioFormat.h"

namespace ml::audio {

SpeechBuffer::SpeechBuffer(double seconds) {
  const auto wanted = static_cast<std::size_t>(std::ceil(seconds * kSampleRate / kBlockFrames));
  count_ = 2;
  while (count_ < wanted) count_ <<= 1;
  blocks_ = std::make_unique<Block[]>(count_);
  sem_init(&space_, 0, 0);
}

SpeechBuffer::~SpeechBuffer() { sem_destroy(&space_); }

void SpeechBuffer::wakeWriter() noexcept {
  if (writerWaiting_.exchange(false)) sem_post(&space_);
}

std::uint64_t SpeechBuffer::flush() noexcept {
  const std::uint64_t gen = generation_.fetch_add(1) + 1;
  wakeWriter();
  return gen;
}

void SpeechBuffer::close() noexcept {
  closed_.store(true);
  wakeWriter();
}

bool SpeechBuffer::writerMustStop(std::uint64_t gen) const noexcept {
  return closed_.load() || generation_.load() != gen;
}

void SpeechBuffer::notify() noexcept {
  if (Wakeup* w = wakeup_.load(std::memory_order_acquire)) w->notify();
}

void SpeechBuffer::setActive(bool active) noexcept {
  active_.store(active, std::memory_order_release);
  notify();
}

bool SpeechBuffer::pushBlock(std::uint64_t gen) {
  pending_.gen = gen;
  while (true) {
    if (writerMustStop(gen)) return false;
    const std::size_t head = head_.load(std::memory_order_relaxed);
    if (head - tail_.load(std::memory_order_acquire) < count_) {
      blocks_[head & (count_ - 1)] = pending_;
      head_.store(head + 1, std::memory_order_release);
      pending_.frames = 0;
      notify();
      return true;
    }
    // Full: sleep until the reader frees a block, or a flush or close. The flag is set
    // before the second look, so a wake-up between the two is not lost.
    writerWaiting_.store(true);
    if (head - tail_.load() < count_ || writerMustStop(gen)) {
      writerWaiting_.store(false);
      continue;
    }
    while (sem_wait(&space_) != 0 && errno == EINTR) {
    }
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
  if (tail != tail_.load(std::memory_order_relaxed)) {
    tail_.store(tail, std::memory_order_release);
    wakeWriter();
  }
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
      wakeWriter();
    }
  }
  return done;
}

bool SpeechBuffer::empty() noexcept {
  skipStale();
  return tail_.load(std::memory_order_relaxed) == head_.load(std::memory_order_acquire);
}

}  // namespace ml::audio
