// Speech audio between the speech engine's thread (writer) and the mixer (reader, maybe
// the audio callback), in the mixer's format (48 kHz interleaved stereo float).
// Stopping: flush() (any thread) raises the flush generation. Every block in the ring is
// tagged with the generation it was written under, and the reader skips blocks of an
// older generation, so speech already in the ring goes silent at the next read, also
// mid-sentence; a writer that still writes an old generation is refused.
// Thread contract: one writer thread (write/endUtterance/setActive), one reader thread
// (read/empty: real-time safe: no lock, no allocation, at most one sem_post when the
// writer sleeps on a full ring); flush(), close(), generation() and active() from any
// thread (they wake a sleeping writer).
#pragma once
#include <semaphore.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/Wakeup.h"

namespace ml::audio {

class SpeechBuffer {
 public:
  static constexpr std::size_t kBlockFrames = 256;  // 5.3 ms at 48 kHz

  explicit SpeechBuffer(double seconds = 1.0);
  ~SpeechBuffer();
  SpeechBuffer(const SpeechBuffer&) = delete;
  SpeechBuffer& operator=(const SpeechBuffer&) = delete;

  // Any thread: drops all speech written so far (stop at once). Returns the new generation.
  std::uint64_t flush() noexcept;
  std::uint64_t generation() const noexcept { return generation_.load(std::memory_order_acquire); }

  // Writer: appends frames for generation `gen`; waits while the ring is full. Returns
  // false (and writes nothing more) once `gen` is no longer current or close() was called.
  bool write(const float* frames, std::size_t frameCount, std::uint64_t gen);
  // Writer: pushes out a partly filled block (end of an utterance).
  void endUtterance(std::uint64_t gen);
  // Writer (or the thread that queues speech): whether more speech is on its way.
  void setActive(bool active) noexcept;
  bool active() const noexcept { return active_.load(std::memory_order_acquire); }
  // Any thread: unblocks a waiting writer for good (shutdown).
  void close() noexcept;
  // A wakeup notified after each block written and when activity starts or ends (a file
  // sink, or the speech's on-demand device sink, waits on it).
  void setDataWakeup(Wakeup* wakeup) noexcept { wakeup_.store(wakeup, std::memory_order_release); }

  // Reader (real-time safe): copies up to frameCount frames of the current generation.
  std::size_t read(float* out, std::size_t frameCount) noexcept;
  // Reader: true when no frame of the current generation is buffered.
  bool empty() noexcept;
  // Any thread: whether blocks wait in the ring (maybe of an old generation): a hint for a
  // sink that starts its stream when there is speech.
  bool pending() const noexcept {
    return tail_.load(std::memory_order_acquire) != head_.load(std::memory_order_acquire);
  }

 private:
  struct Block {
    std::uint64_t gen = 0;
    std::uint32_t frames = 0;
    std::array<float, kBlockFrames * 2> data{};
  };
  bool pushBlock(std::uint64_t gen);
  bool writerMustStop(std::uint64_t gen) const noexcept;
  void skipStale() noexcept;
  void notify() noexcept;
  void wakeWriter() noexcept;

  std::unique_ptr<Block[]> blocks_;
  std::size_t count_ = 0;  // a power of two
  Block pending_;          // writer-owned: the block being filled
  std::size_t readOffset_ = 0;  // reader-owned: frames consumed of the tail block
  alignas(64) std::atomic<std::size_t> head_{0};
  alignas(64) std::atomic<std::size_t> tail_{0};
  std::atomic<std::uint64_t> generation_{1};
  std::atomic<bool> active_{false};
  std::atomic<bool> closed_{false};
  std::atomic<Wakeup*> wakeup_{nullptr};
  std::atomic<bool> writerWaiting_{false};
  sem_t space_;  // posted when a waiting writer may go on
};

}  // namespace ml::audio
