#include "speech/SpeedUp.h"

#include <sonic.h>

#include <stdexcept>

namespace ml::speech {

SpeedUp::SpeedUp(int sampleRate) : stream_(sonicCreateStream(sampleRate, 1)), rate_(sampleRate) {
  if (stream_ == nullptr) throw std::runtime_error("De spraakversneller (sonic) kon niet starten.");
}

SpeedUp::~SpeedUp() { sonicDestroyStream(stream_); }

void SpeedUp::reset() {
  sonicStream fresh = sonicCreateStream(rate_, 1);
  if (fresh == nullptr) return;
  sonicDestroyStream(stream_);
  stream_ = fresh;
  sonicSetSpeed(stream_, factor_);
}

void SpeedUp::setFactor(float factor) {
  factor_ = factor;
  sonicSetSpeed(stream_, factor);
}

void SpeedUp::readAll(std::vector<short>& out) {
  short buf[4096];
  int n = 0;
  while ((n = sonicReadShortFromStream(stream_, buf, 4096)) > 0) out.insert(out.end(), buf, buf + n);
}

void SpeedUp::process(const short* samples, std::size_t count, std::vector<short>& out) {
  if (factor_ == 1.0f) {
    out.insert(out.end(), samples, samples + count);
    return;
  }
  // sonic's API takes a non-const pointer but does not write through it.
  sonicWriteShortToStream(stream_, const_cast<short*>(samples), static_cast<int>(count));
  readAll(out);
}

void SpeedUp::flush(std::vector<short>& out) {
  if (factor_ == 1.0f) return;
  sonicFlushStream(stream_);
  readAll(out);
}

}  // namespace ml::speech
