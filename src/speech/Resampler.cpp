#include "speech/Resampler.h"

#include <soxr.h>

#include <cmath>
#include <stdexcept>

namespace ml::speech {

Resampler::Resampler(int inputRate, int outputRate)
    : inputRate_(inputRate), ratio_(static_cast<double>(outputRate) / inputRate) {
  soxr_error_t err = nullptr;
  const soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_FLOAT32_I);
  const soxr_quality_spec_t q = soxr_quality_spec(SOXR_MQ, 0);
  soxr_ = soxr_create(inputRate, outputRate, 1, &err, &io, &q, nullptr);
  if (soxr_ == nullptr || err != nullptr) throw std::runtime_error("De spraak kon niet worden omgezet (soxr).");
}

Resampler::~Resampler() { soxr_delete(soxr_); }

void Resampler::drain(const short* in, std::size_t count, std::vector<float>& out) {
  // in == nullptr asks soxr for the filter's tail; it may take several calls.
  std::size_t consumed = 0;
  while (true) {
    mono_.resize(static_cast<std::size_t>(std::ceil(static_cast<double>(count - consumed) * ratio_)) + 256);
    std::size_t idone = 0;
    std::size_t odone = 0;
    soxr_process(soxr_, in != nullptr ? in + consumed : nullptr, in != nullptr ? count - consumed : 0, &idone,
                 mono_.data(), mono_.size(), &odone);
    consumed += idone;
    for (std::size_t i = 0; i < odone; ++i) {
      out.push_back(mono_[i]);
      out.push_back(mono_[i]);
    }
    if (in != nullptr ? consumed >= count && odone < mono_.size() : odone == 0) break;
  }
}

void Resampler::process(const short* samples, std::size_t count, std::vector<float>& out) {
  if (count > 0) drain(samples, count, out);
}

void Resampler::flush(std::vector<float>& out) {
  drain(nullptr, 0, out);
  soxr_clear(soxr_);
}

void Resampler::reset() { soxr_clear(soxr_); }

}  // namespace ml::speech
