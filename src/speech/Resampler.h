// Mono 16-bit speech at the synthesizer's rate -> the mixer's 48 kHz stereo float, with
// libsoxr (streaming: call flush() at the end of an utterance). One thread.
#pragma once
#include <cstddef>
#include <vector>

struct soxr;

namespace ml::speech {

class Resampler {
 public:
  Resampler(int inputRate, int outputRate);
  ~Resampler();
  Resampler(const Resampler&) = delete;
  Resampler& operator=(const Resampler&) = delete;

  // Appends interleaved stereo frames for `count` mono input samples to `out`.
  void process(const short* samples, std::size_t count, std::vector<float>& out);
  // Appends what is still inside the filter, then starts afresh for the next utterance.
  void flush(std::vector<float>& out);
  // Drops what the filter holds (an utterance was stopped).
  void reset();
  int inputRate() const { return inputRate_; }

 private:
  void drain(const short* in, std::size_t count, std::vector<float>& out);
  soxr* soxr_ = nullptr;
  int inputRate_;
  double ratio_;
  std::vector<float> mono_;
};

}  // namespace ml::speech
