// Where the mixed audio goes: the sound device (PortAudio), a file (libsndfile), or
// nowhere at real-time pace (null). Each sink pulls from the Mixer on its own thread
// (the device's callback thread, or a thread of its own).
#pragma once
#include <memory>
#include <stdexcept>
#include <string>

#include "audio/Mixer.h"

namespace ml::audio {

// No usable sound device; what() is the listener's Dutch line.
class NoAudioDevice : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void start() = 0;  // throws std::runtime_error (Dutch) when it cannot
  virtual void stop() = 0;   // idempotent; returns when the sink no longer touches the mixer
};

// Throws NoAudioDevice when there is no output device.
std::unique_ptr<Sink> makeDeviceSink(Mixer& mixer);
// WAV, or FLAC when the name ends in .flac; 48 kHz stereo. Throws on an unwritable path.
std::unique_ptr<Sink> makeFileSink(Mixer& mixer, ProgrammeBuffer& programme, const std::string& path);
// Consumes at real-time pace and discards.
std::unique_ptr<Sink> makeNullSink(Mixer& mixer);

}  // namespace ml::audio
