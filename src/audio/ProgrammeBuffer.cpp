#include "audio/ProgrammeBuffer.h"

#include <algorithm>
#include <ctime>

#include "audio/AudioFormat.h"

namespace ml::audio {

ProgrammeBuffer::ProgrammeBuffer(double seconds)
    : ring_(static_cast<std::size_t>(seconds * kSampleRate) * kChannels) {
  sem_init(&space_, 0, 0);
}

ProgrammeBuffer::~ProgrammeBuffer() { sem_destroy(&space_); }

bool ProgrammeBuffer::write(const float* frames, std::size_t frameCount, const CancelToken& cancel) {
  std::size_t left = frameCount * kChannels;
  while (left > 0) {
    if (cancel.cancelled()) return false;
    std::size_t n = ring_.write(frames, left);
    frames += n;
    left -= n;
    if (n > 0 && dataWatchers_.load(std::memory_order_seq_cst) > 0) data_.notify();
    if (left == 0) break;
    // A full ring: sleep until a quarter of it is free (or all that is left fits, up to
    // half of it: never wait for an empty ring), so the decoder wakes a few times a
    // second rather than after every device period.
    const std::size_t want = std::min(std::max(left, ring_.capacity() / 4), ring_.capacity() / 2);
    wantSpace_.store(want, std::memory_order_seq_cst);
    writerWaiting_.store(true, std::memory_order_seq_cst);
    if (ring_.writable() >= want) continue;  // the reader made room meanwhile
    // Bounded wait: the reader posts when it frees space; the timeout guards a reader
    // that stopped (device gone) so cancellation is still seen.
    timespec deadline{};
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 250'000'000;
    if (deadline.tv_nsec >= 1'000'000'000) {
      deadline.tv_sec += 1;
      deadline.tv_nsec -= 1'000'000'000;
    }
    sem_timedwait(&space_, &deadline);
  }
  return true;
}

void ProgrammeBuffer::markEnded() {
  ended_.store(true, std::memory_order_release);
  data_.notify();
}

void ProgrammeBuffer::wakeWriter() { sem_post(&space_); }

std::size_t ProgrammeBuffer::read(float* out, std::size_t frameCount) noexcept {
  std::size_t n = ring_.read(out, frameCount * kChannels) / kChannels;
  if (n > 0 && writerWaiting_.load(std::memory_order_seq_cst) &&
      ring_.writable() >= wantSpace_.load(std::memory_order_seq_cst) &&
      writerWaiting_.exchange(false, std::memory_order_seq_cst)) {
    sem_post(&space_);
  }
  return n;
}

}  // namespace ml::audio
