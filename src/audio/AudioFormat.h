// The mixer's one format: everything is converted to this before it reaches a ring.
#pragma once

namespace ml::audio {
constexpr int kSampleRate = 48000;
constexpr int kChannels = 2;  // interleaved float32 stereo
}  // namespace ml::audio
