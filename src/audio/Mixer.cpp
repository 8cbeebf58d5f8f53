#include "audio/Mixer.h"

#include <algorithm>

#include "audio/AudioFormat.h"

namespace ml::audio {

std::size_t Mixer::pullProgramme(float* out, std::size_t frames) noexcept {
  if (paused_.load(std::memory_order_relaxed) || finished_.load(std::memory_order_relaxed)) return 0;
  const std::uint64_t limit = stopAfter_.load(std::memory_order_relaxed);
  const std::uint64_t played = played_.load(std::memory_order_relaxed);
  if (limit > 0) frames = static_cast<std::size_t>(std::min<std::uint64_t>(frames, limit - std::min(limit, played)));
  std::size_t n = programme_.read(out, frames);
  played_.store(played + n, std::memory_order_relaxed);
  return n;
}

void Mixer::applyGain(float* out, std::size_t frames) noexcept {
  const float target = muted_.load(std::memory_order_relaxed) ? 0.0f : volume_.load(std::memory_order_relaxed);
  // A per-sample ramp of ~10 ms towards the target: no clicks on volume or mute.
  constexpr float kStep = 1.0f / (0.010f * kSampleRate);
  for (std::size_t i = 0; i < frames; ++i) {
    if (currentGain_ < target) currentGain_ = std::min(target, currentGain_ + kStep);
    else if (currentGain_ > target) currentGain_ = std::max(target, currentGain_ - kStep);
    out[2 * i] *= currentGain_;
    out[2 * i + 1] *= currentGain_;
  }
}

void Mixer::checkFinished() noexcept {
  if (finished_.load(std::memory_order_relaxed)) return;
  const std::uint64_t limit = stopAfter_.load(std::memory_order_relaxed);
  bool done = (limit > 0 && played_.load(std::memory_order_relaxed) >= limit) ||
              (programme_.ended() && programme_.readableFrames() == 0);
  if (done) {
    finished_.store(true, std::memory_order_release);
    finishedWakeup_.notify();
  }
}

void Mixer::render(float* out, std::size_t frames) noexcept {
  std::size_t n = pullProgramme(out, frames);
  if (n < frames) {
    std::fill(out + n * kChannels, out + frames * kChannels, 0.0f);
    bool playing = !paused_.load(std::memory_order_relaxed) && played_.load(std::memory_order_relaxed) > 0 &&
                   !programme_.ended();
    if (playing) underrun_.fetch_add(frames - n, std::memory_order_relaxed);
  }
  applyGain(out, frames);
  checkFinished();
}

std::size_t Mixer::renderAvailable(float* out, std::size_t maxFrames) noexcept {
  std::size_t n = pullProgramme(out, maxFrames);
  applyGain(out, n);
  checkFinished();
  return n;
}

}  // namespace ml::audio
