#include "audio/SpeedStage.h"

#include <sonic.h>

#include <algorithm>
#include <stdexcept>

#include "audio/AudioFormat.h"

namespace ml::audio {
namespace {

sonicStream makeStream() {
  sonicStream s = sonicCreateStream(kSampleRate, kChannels);
  if (s == nullptr) throw std::runtime_error("De snelheidsregeling (sonic) kon niet starten.");
  return s;
}

}  // namespace

SpeedStage::SpeedStage() : stream_(makeStream()) {}

SpeedStage::~SpeedStage() { sonicDestroyStream(stream_); }

void SpeedStage::setSpeed(double speed) {
  speed_ = std::clamp(speed, kMinSpeed, kMaxSpeed);
  sonicSetSpeed(stream_, static_cast<float>(speed_));
}

void SpeedStage::reset() {
  sonicStream fresh = makeStream();
  sonicDestroyStream(stream_);
  stream_ = fresh;
  sonicSetSpeed(stream_, static_cast<float>(speed_));
  holding_ = false;
}

void SpeedStage::drain(std::vector<float>& out) {
  int available = 0;
  while ((available = sonicSamplesAvailable(stream_)) > 0) {
    const std::size_t at = out.size();
    out.resize(at + static_cast<std::size_t>(available) * kChannels);
    const int got = sonicReadFloatFromStream(stream_, out.data() + at, available);
    out.resize(at + static_cast<std::size_t>(std::max(got, 0)) * kChannels);
    if (got <= 0) break;
  }
}

void SpeedStage::process(const float* in, std::size_t frames, std::vector<float>& out) {
  if (passthrough()) {
    out.insert(out.end(), in, in + frames * kChannels);
    return;
  }
  scratch_.resize(frames * kChannels);
  std::transform(in, in + frames * kChannels, scratch_.begin(),
                 [](float v) { return std::clamp(v, -1.0f, 1.0f); });
  sonicWriteFloatToStream(stream_, scratch_.data(), static_cast<int>(frames));
  drain(out);
  // At 1.0 sonic copies everything it held to its output: it is empty again.
  holding_ = speed_ != 1.0;
}

void SpeedStage::flush(std::vector<float>& out) {
  if (!holding_) return;
  sonicFlushStream(stream_);
  drain(out);
  holding_ = false;
}

}  // namespace ml::audio
