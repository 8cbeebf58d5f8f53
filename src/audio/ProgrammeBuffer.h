// Decoded programme audio between the decoder thread (writer) and the mixer (reader,
// possibly the audio callback). Interleaved float frames in the mixer's format.
// Thread contract: one writer thread, one reader; read() is real-time safe (a lock-free
// ring, atomics, and at most one sem_post when the writer sleeps on a full ring and a
// quarter of it has become free).
#pragma once
#include <semaphore.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "audio/SpscRing.h"
#include "core/Cancel.h"
#include "core/Wakeup.h"

namespace ml::audio {

class ProgrammeBuffer {
 public:
  explicit ProgrammeBuffer(double seconds);
  ~ProgrammeBuffer();
  ProgrammeBuffer(const ProgrammeBuffer&) = delete;
  ProgrammeBuffer& operator=(const ProgrammeBuffer&) = delete;

  // Writer: blocks while the ring is full; false when cancelled first.
  bool write(const float* frames, std::size_t frameCount, const CancelToken& cancel);
  // Writer: no more audio will come (end of stream or fatal error).
  void markEnded();
  // Any thread: wakes a writer blocked in write() (after cancelling its token).
  void wakeWriter();

  // Reader (real-time safe): copies up to frameCount frames, returns how many.
  std::size_t read(float* out, std::size_t frameCount) noexcept;
  std::size_t readableFrames() const { return ring_.readable() / 2; }
  bool ended() const { return ended_.load(std::memory_order_acquire); }
  // Reader: drops what is buffered (seek). Only while the writer is not writing.
  void clear() { ring_.clear(); ended_.store(false); }

  // Notified after each write while someone watches (watchData), and at the end: a
  // reader that waits (the file sink, the player before it starts the device) polls it.
  // The audio callback never waits, so a device sink costs the decoder no write(2) per block.
  Wakeup& dataWakeup() { return data_; }
  // Any thread: watch (true) before checking readableFrames() and polling; false when done.
  void watchData(bool on) { dataWatchers_.fetch_add(on ? 1 : -1, std::memory_order_seq_cst); }

 private:
  SpscRing ring_;
  sem_t space_;
  std::atomic<bool> writerWaiting_{false};
  std::atomic<std::size_t> wantSpace_{0};  // what the sleeping writer waits for
  std::atomic<bool> ended_{false};
  std::atomic<int> dataWatchers_{0};
  Wakeup data_;
};

}  // namespace ml::audio
