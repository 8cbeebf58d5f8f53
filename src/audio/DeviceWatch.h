#pragma once
// Every fault ends: a sound device that stops asking for audio (its sound server stopped or
// crashed, a USB headset pulled) would leave a player or a speaking command waiting for
// ever, since their end is only reached by playing. A started device stream asks every few
// milliseconds, paused or not; DeviceWatch says when it has not asked for kSilentDevice.
// Fed from the owner's own loop (Session::onTick, SpeakLines' waits): no thread of its own.
#include <chrono>
#include <cstdint>

namespace ml::audio {

class DeviceWatch {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kSilentDevice{5};
  // The one line said when it happens (player, say, read).
  static constexpr const char* kMessage =
      "Het geluidsapparaat neemt geen geluid meer aan: is de geluidsserver gestopt? meeluister stopt.";

  // renders: Mixer::renderCount() now. True once it has not moved for kSilentDevice.
  bool silent(std::uint64_t renders, Clock::time_point now = Clock::now()) {
    if (renders != last_ || moved_ == Clock::time_point{}) {
      last_ = renders;
      moved_ = now;
      return false;
    }
    return now - moved_ >= kSilentDevice;
  }

 private:
  std::uint64_t last_ = 0;
  Clock::time_point moved_{};
};

}  // namespace ml::audio
