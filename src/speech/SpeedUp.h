// Speech faster than eSpeak NG's own maximum (450 words a minute): libsonic shortens the
// synthesized audio with the pitch kept. A factor of 1 passes samples through. One thread.
#pragma once
#include <cstddef>
#include <vector>

struct sonicStreamStruct;

namespace ml::speech {

class SpeedUp {
 public:
  explicit SpeedUp(int sampleRate);
  ~SpeedUp();
  SpeedUp(const SpeedUp&) = delete;
  SpeedUp& operator=(const SpeedUp&) = delete;

  void setFactor(float factor);  // 1 = unchanged, 2 = twice as fast
  // Appends the sped-up samples for `count` input samples to `out`.
  void process(const short* samples, std::size_t count, std::vector<short>& out);
  // End of an utterance: appends what sonic still holds.
  void flush(std::vector<short>& out);
  // Drops what sonic holds (an utterance was stopped).
  void reset();

 private:
  void readAll(std::vector<short>& out);
  sonicStreamStruct* stream_ = nullptr;
  int rate_;
  float factor_ = 1.0f;
};

}  // namespace ml::speech
