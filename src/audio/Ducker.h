// The programme's gain while speech plays ("ducking"): lowered by depthDb with a ramp of
// attackSeconds when speech starts, restored over releaseSeconds after it ends. The ramp
// is linear in decibels and advances per sample, so there is never a click. In pause
// mode the programme fades to -60 dB and is then held (not read) until speech ends.
// Thread contract: owned by the audio thread (Mixer::render); pure arithmetic.
#pragma once

namespace ml::audio {

struct DuckSettings {
  float depthDb = 14.0f;         // how far the programme is lowered (0..60)
  float attackSeconds = 0.1f;    // full ramp down
  float releaseSeconds = 0.5f;   // full ramp back up
  bool pause = false;            // pause the programme instead of lowering it
};

class Ducker {
 public:
  static constexpr float kPauseFloorDb = -60.0f;

  explicit Ducker(float sampleRate) : rate_(sampleRate) { configure(DuckSettings{}); }

  // Cheap when nothing changed; call once per audio block.
  void configure(const DuckSettings& s) noexcept;
  // Advances one sample; returns the programme's linear gain for it.
  float next(bool speaking) noexcept;
  // Pause mode: the programme is faded out and should not be read.
  bool holdsProgramme() const noexcept { return settings_.pause && gainDb_ <= kPauseFloorDb; }
  float gainDb() const noexcept { return gainDb_; }

 private:
  float floorDb() const noexcept { return settings_.pause ? kPauseFloorDb : -settings_.depthDb; }

  float rate_;
  DuckSettings settings_{};
  float downDbPerSample_ = 0;  // attack step
  float upDbPerSample_ = 0;    // release step
  float downFactor_ = 1;       // the same steps as gain factors
  float upFactor_ = 1;
  float gainDb_ = 0;
  float gain_ = 1;
  bool configured_ = false;
};

}  // namespace ml::audio
