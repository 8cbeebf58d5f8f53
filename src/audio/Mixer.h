// Sums what the listener hears: the programme (debate) now; speech joins it later.
// render() runs on the audio callback: it never blocks, allocates, logs or throws; it
// reads lock-free rings, ramps gains, sums and counts. Controls are atomics set from
// the app thread.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "audio/ProgrammeBuffer.h"
#include "core/Wakeup.h"

namespace ml::audio {

class Mixer {
 public:
  explicit Mixer(ProgrammeBuffer& programme) : programme_(programme) {}

  // Device sinks: always fills `frames` frames (silence where nothing is buffered).
  void render(float* out, std::size_t frames) noexcept;
  // File sinks: renders only buffered audio, at most maxFrames; returns the count.
  std::size_t renderAvailable(float* out, std::size_t maxFrames) noexcept;

  // Stop after this many programme frames were played (0: no limit).
  void setStopAfterFrames(std::uint64_t frames) { stopAfter_.store(frames); }
  void setVolume(float gain) { volume_.store(gain); }  // 0..2, linear
  void setMuted(bool muted) { muted_.store(muted); }
  void setPaused(bool paused) { paused_.store(paused); }

  std::uint64_t programmeFramesPlayed() const { return played_.load(std::memory_order_relaxed); }
  std::uint64_t underrunFrames() const { return underrun_.load(std::memory_order_relaxed); }
  // True once the programme ended and was played out, or the stop limit was reached.
  bool finished() const { return finished_.load(std::memory_order_acquire); }
  Wakeup& finishedWakeup() { return finishedWakeup_; }

 private:
  std::size_t pullProgramme(float* out, std::size_t frames) noexcept;
  void applyGain(float* out, std::size_t frames) noexcept;
  void checkFinished() noexcept;

  ProgrammeBuffer& programme_;
  std::atomic<std::uint64_t> stopAfter_{0};
  std::atomic<std::uint64_t> played_{0};
  std::atomic<std::uint64_t> underrun_{0};
  std::atomic<float> volume_{1.0f};
  std::atomic<bool> muted_{false};
  std::atomic<bool> paused_{false};
  std::atomic<bool> finished_{false};
  float currentGain_ = 1.0f;  // callback-owned: the ramped gain
  Wakeup finishedWakeup_;
};

}  // namespace ml::audio
