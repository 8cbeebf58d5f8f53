// Sums what the listener hears: the programme (debate) and, when attached, speech.
// While speech plays the programme is ducked (see Ducker) or paused (DuckSettings::pause),
// also when the speech plays through another mixer on another device (duckFor).
// render() runs on the audio callback: it never blocks, allocates, logs or throws; it
// reads lock-free rings, ramps gains per sample, sums and counts. Controls are atomics
// set from the app thread. Volume and mute act on the programme; speech has its own
// volume, so a muted debate can still be spoken over.
#pragma once
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "audio/AudioFormat.h"
#include "audio/Ducker.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/SpeechBuffer.h"
#include "core/Wakeup.h"

namespace ml::audio {

class Mixer {
 public:
  explicit Mixer(ProgrammeBuffer& programme) : programme_(programme) {}
  Mixer(ProgrammeBuffer& programme, SpeechBuffer& speech) : programme_(programme), speech_(&speech) {}
  Mixer(ProgrammeBuffer& programme, SpeechBuffer* speech) : programme_(programme), speech_(speech) {}

  // Device sinks: always fills `frames` frames (silence where nothing is buffered).
  void render(float* out, std::size_t frames) noexcept;
  // File sinks: renders only buffered audio, at most maxFrames; returns the count. While
  // the programme is still coming, speech is mixed into programme frames; once it ended
  // (or is paused for speech), speech alone is rendered.
  std::size_t renderAvailable(float* out, std::size_t maxFrames) noexcept;

  // Stop after this many programme frames were played (0: no limit).
  void setStopAfterFrames(std::uint64_t frames) { stopAfter_.store(frames); }
  void setVolume(float gain) { volume_.store(gain); }  // programme, 0..2, linear
  void setMuted(bool muted) { muted_.store(muted); }   // programme
  void setPaused(bool paused) { paused_.store(paused); }
  void setSpeechVolume(float gain) { speechVolume_.store(gain); }  // 0..2, linear
  bool paused() const { return paused_.load(); }
  bool muted() const { return muted_.load(); }
  float volume() const { return volume_.load(); }
  // Seek: asks the reader to drop the buffered programme at its next block and to play
  // again after an end (the writer must be stopped). clearPending() is true until done.
  void requestClear() { clear_.store(true, std::memory_order_release); }
  bool clearPending() const { return clear_.load(std::memory_order_acquire); }
  // Without a running reader (no sink yet): the same, done by the caller.
  void clearNow() noexcept;
  // Ducking: any thread, takes effect at the next audio block.
  void setDucking(const DuckSettings& s);
  // Speech on another device (--spraak-apparaat): `speechMixer` plays the speech there.
  // This mixer then reads none of it, but still ducks (or pauses) the programme while
  // speech is on its way or sounds there, and counts it as busy for finished(). Call
  // before any sink runs; `speechMixer` must outlive this mixer's sink.
  void duckFor(const Mixer& speechMixer) { remote_ = &speechMixer; }
  // True while this mixer's last block held speech (read by a mixer that ducks for it).
  bool speechSounding() const { return sounding_.load(std::memory_order_relaxed); }

  std::uint64_t programmeFramesPlayed() const { return played_.load(std::memory_order_relaxed); }
  std::uint64_t underrunFrames() const { return underrun_.load(std::memory_order_relaxed); }
  std::uint64_t speechFramesPlayed() const { return speechPlayed_.load(std::memory_order_relaxed); }
  // True once the programme ended and was played out (or the stop limit was reached) and
  // no speech is playing or on its way.
  bool finished() const { return finished_.load(std::memory_order_acquire); }
  // How many times a device has asked for audio (render calls, paused or not): a device
  // that stops asking (its sound server gone) is noticed by the player (Session).
  std::uint64_t renderCount() const { return renders_.load(std::memory_order_relaxed); }
  Wakeup& finishedWakeup() { return finishedWakeup_; }

 private:
  static constexpr std::size_t kChunk = 512;  // frames mixed per step (scratch size)

  std::size_t mixChunk(float* out, std::size_t frames, bool fill) noexcept;
  std::size_t pullProgramme(float* out, std::size_t frames) noexcept;
  void applyGains(float* out, std::size_t frames, std::size_t speechFrames, bool speechActive) noexcept;
  bool programmeDone() const noexcept;
  bool speechBusy() noexcept;
  void checkFinished() noexcept;

  ProgrammeBuffer& programme_;
  SpeechBuffer* speech_ = nullptr;
  const Mixer* remote_ = nullptr;  // the mixer that plays the speech elsewhere, if any
  std::atomic<bool> sounding_{false};
  std::atomic<std::uint64_t> stopAfter_{0};
  std::atomic<std::uint64_t> played_{0};
  std::atomic<std::uint64_t> renders_{0};
  std::atomic<std::uint64_t> underrun_{0};
  std::atomic<std::uint64_t> speechPlayed_{0};
  std::atomic<float> volume_{1.0f};
  std::atomic<float> speechVolume_{1.0f};
  std::atomic<bool> muted_{false};
  std::atomic<bool> paused_{false};
  std::atomic<bool> finished_{false};
  std::atomic<bool> clear_{false};
  std::atomic<float> duckDepthDb_{14.0f};
  std::atomic<float> duckAttack_{0.1f};
  std::atomic<float> duckRelease_{0.5f};
  std::atomic<bool> duckPause_{false};
  // Callback-owned state.
  float currentGain_ = 1.0f;  // the ramped volume/mute gain
  Ducker ducker_{static_cast<float>(kSampleRate)};
  std::array<float, kChunk * 2> speechScratch_{};
  Wakeup finishedWakeup_;
};

}  // namespace ml::audio
