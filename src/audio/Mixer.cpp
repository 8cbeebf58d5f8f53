#include "audio/Mixer.h"

#include <algorithm>

#include "audio/AudioFormat.h"

namespace ml::audio {

void Mixer::setDucking(const DuckSettings& s) {
  duckDepthDb_.store(s.depthDb);
  duckAttack_.store(s.attackSeconds);
  duckRelease_.store(s.releaseSeconds);
  duckPause_.store(s.pause);
}

std::size_t Mixer::pullProgramme(float* out, std::size_t frames) noexcept {
  if (paused_.load(std::memory_order_relaxed) || finished_.load(std::memory_order_relaxed)) return 0;
  const std::uint64_t limit = stopAfter_.load(std::memory_order_relaxed);
  const std::uint64_t played = played_.load(std::memory_order_relaxed);
  if (limit > 0) frames = static_cast<std::size_t>(std::min<std::uint64_t>(frames, limit - std::min(limit, played)));
  std::size_t n = programme_.read(out, frames);
  played_.store(played + n, std::memory_order_relaxed);
  return n;
}

bool Mixer::programmeDone() const noexcept {
  const std::uint64_t limit = stopAfter_.load(std::memory_order_relaxed);
  return (limit > 0 && played_.load(std::memory_order_relaxed) >= limit) ||
         (programme_.ended() && programme_.readableFrames() == 0);
}

bool Mixer::speechBusy() noexcept {
  if (remote_ != nullptr) return (speech_ != nullptr && speech_->active()) || remote_->speechSounding();
  if (speech_ == nullptr) return false;
  // active() first: once it reads false, every block written before is visible to empty().
  const bool active = speech_->active();
  return active || !speech_->empty();
}

void Mixer::applyGains(float* out, std::size_t frames, std::size_t speechFrames, bool speechActive) noexcept {
  const float target = muted_.load(std::memory_order_relaxed) ? 0.0f : volume_.load(std::memory_order_relaxed);
  const float speechGain = speechVolume_.load(std::memory_order_relaxed);
  // A per-sample ramp of ~10 ms towards the target: no clicks on volume or mute.
  constexpr float kStep = 1.0f / (0.010f * kSampleRate);
  for (std::size_t i = 0; i < frames; ++i) {
    if (currentGain_ < target) currentGain_ = std::min(target, currentGain_ + kStep);
    else if (currentGain_ > target) currentGain_ = std::max(target, currentGain_ - kStep);
    const bool speaking = i < speechFrames || speechActive;
    const float g = currentGain_ * ducker_.next(speaking);
    for (std::size_t c = 0; c < 2; ++c) {
      float& v = out[2 * i + c];
      v *= g;
      // Where speech is added the sum is kept in range (the programme alone is left as it was).
      if (i < speechFrames) v = std::clamp(v + speechScratch_[2 * i + c] * speechGain, -1.0f, 1.0f);
    }
  }
}

void Mixer::clearNow() noexcept {
  programme_.clear();
  finished_.store(false, std::memory_order_release);
  clear_.store(false, std::memory_order_release);
}

std::size_t Mixer::mixChunk(float* out, std::size_t frames, bool fill) noexcept {
  if (clear_.load(std::memory_order_acquire)) clearNow();
  ducker_.configure({duckDepthDb_.load(std::memory_order_relaxed), duckAttack_.load(std::memory_order_relaxed),
                     duckRelease_.load(std::memory_order_relaxed), duckPause_.load(std::memory_order_relaxed)});
  const bool held = ducker_.holdsProgramme();
  const std::size_t p = held ? 0 : pullProgramme(out, frames);
  const bool flowing = !held && !paused_.load(std::memory_order_relaxed) && !programmeDone();
  std::size_t s = 0;
  bool speechActive = false;
  if (remote_ != nullptr) {
    // The speech is heard on another device: duck for it, read none of it.
    speechActive = (speech_ != nullptr && speech_->active()) || remote_->speechSounding();
  } else if (speech_ != nullptr) {
    speechActive = speech_->active();
    s = speech_->read(speechScratch_.data(), (fill || !flowing) ? frames : p);
    speechPlayed_.fetch_add(s, std::memory_order_relaxed);
    sounding_.store(s > 0, std::memory_order_relaxed);
  }
  const std::size_t n = fill ? frames : std::max(p, s);
  if (p < n) std::fill(out + p * kChannels, out + n * kChannels, 0.0f);
  if (fill && p < frames && !held) {
    bool playing = !paused_.load(std::memory_order_relaxed) && played_.load(std::memory_order_relaxed) > 0 &&
                   !programme_.ended();
    if (playing) underrun_.fetch_add(frames - p, std::memory_order_relaxed);
  }
  applyGains(out, n, s, speechActive);
  return n;
}

void Mixer::checkFinished() noexcept {
  if (finished_.load(std::memory_order_relaxed)) return;
  if (programmeDone() && !speechBusy()) {
    finished_.store(true, std::memory_order_release);
    finishedWakeup_.notify();
  }
}

void Mixer::render(float* out, std::size_t frames) noexcept {
  for (std::size_t done = 0; done < frames;) {
    const std::size_t n = std::min(kChunk, frames - done);
    mixChunk(out + done * kChannels, n, true);
    done += n;
  }
  renders_.fetch_add(1, std::memory_order_relaxed);
  checkFinished();
}

std::size_t Mixer::renderAvailable(float* out, std::size_t maxFrames) noexcept {
  std::size_t done = 0;
  while (done < maxFrames) {
    const std::size_t want = std::min(kChunk, maxFrames - done);
    const std::size_t n = mixChunk(out + done * kChannels, want, false);
    done += n;
    if (n < want) break;
  }
  checkFinished();
  return done;
}

}  // namespace ml::audio
