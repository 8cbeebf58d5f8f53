#include "audio/Ducker.h"

#include <algorithm>
#include <cmath>

namespace ml::audio {
namespace {
float dbToGain(float db) { return std::pow(10.0f, db / 20.0f); }
}  // namespace

void Ducker::configure(const DuckSettings& s) noexcept {
  if (configured_ && s.depthDb == settings_.depthDb && s.attackSeconds == settings_.attackSeconds &&
      s.releaseSeconds == settings_.releaseSeconds && s.pause == settings_.pause) {
    return;
  }
  settings_ = s;
  settings_.depthDb = std::clamp(s.depthDb, 0.0f, 60.0f);
  const float span = -floorDb();
  // A ramp over the full span takes the configured time (at least one sample).
  downDbPerSample_ = span / std::max(1.0f, settings_.attackSeconds * rate_);
  upDbPerSample_ = span / std::max(1.0f, settings_.releaseSeconds * rate_);
  downFactor_ = dbToGain(-downDbPerSample_);
  upFactor_ = dbToGain(upDbPerSample_);
  configured_ = true;
}

float Ducker::next(bool speaking) noexcept {
  const float target = speaking ? floorDb() : 0.0f;
  if (gainDb_ > target) {
    gainDb_ -= downDbPerSample_;
    gain_ *= downFactor_;
    if (gainDb_ <= target) {
      gainDb_ = target;
      gain_ = dbToGain(target);
    }
  } else if (gainDb_ < target) {
    gainDb_ += upDbPerSample_;
    gain_ *= upFactor_;
    if (gainDb_ >= target) {
      gainDb_ = target;
      gain_ = dbToGain(target);
    }
  }
  return gain_;
}

}  // namespace ml::audio
