// Playback speed with the pitch kept (0.5x to 3.0x), for listening back and live.
// Time-stretches 48 kHz interleaved stereo float with libsonic. Decoder thread only: no
// locking, not shared.
//
// 1.0 is a bit-exact passthrough with no processing. Speed changes take effect at the
// next block and are seamless: going from 1.0 to another speed feeds sonic from the next
// sample on (sonic holds back about 31 ms before its first output; the stream stays
// continuous, it is only later); going back to 1.0 lets sonic pass what it holds
// through unchanged, then the passthrough resumes. Inside sonic audio is 16-bit.
#pragma once
#include <cstddef>
#include <vector>

struct sonicStreamStruct;

namespace ml::audio {

class SpeedStage {
 public:
  static constexpr double kMinSpeed = 0.5;
  static constexpr double kMaxSpeed = 3.0;

  SpeedStage();
  ~SpeedStage();
  SpeedStage(const SpeedStage&) = delete;
  SpeedStage& operator=(const SpeedStage&) = delete;

  void setSpeed(double speed);  // 0.5..3.0, clamped; 1.0 = passthrough with no processing
  double speed() const { return speed_; }
  // True while input goes straight to the output (speed 1.0 and sonic holds nothing).
  bool passthrough() const { return speed_ == 1.0 && !holding_; }

  // Appends processed output for `frames` input frames to `out` (may be fewer/more frames).
  void process(const float* in, std::size_t frames, std::vector<float>& out);
  void flush(std::vector<float>& out);  // end of stream: what is left
  void reset();                         // after a seek: drop state

 private:
  void drain(std::vector<float>& out);

  sonicStreamStruct* stream_ = nullptr;
  double speed_ = 1.0;
  bool holding_ = false;       // sonic may hold input or output
  std::vector<float> scratch_;  // input clamped to [-1, 1] (sonic converts without clamping)
};

}  // namespace ml::audio
