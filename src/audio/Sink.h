// Where the mixed audio goes: the sound device (PortAudio), a file (libsndfile), or
// nowhere at real-time pace (null). Each sink pulls from the Mixer on its own thread
// (the device's callback thread, or a thread of its own).
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "audio/Devices.h"
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
  // A seek on a device: drop what the device still holds and stop asking for audio
  // (hold), then start again once the new audio is there (release), so the new position
  // is heard at once instead of after the device's buffer of the old one. false: this
  // sink cannot (files, the null sink); the caller clears the programme the usual way.
  virtual bool hold() { return false; }
  virtual void release() {}
};

// What a device stream carries decides its buffer, and so its cost and how soon it is heard.
// - Speech: meeluister's voice, 30 ms, so a key is answered at once (say, read, the day's
//   list, and the voice beside a debate).
// - Debate: the debate while the voice has a stream of its own, 200 ms: a small buffer
//   costs a wake-up of the callback and the sound server's plugin every few milliseconds
//   (at 30 ms the debate cost 1.3 times ffplay's CPU; at 200 ms 0.4 times).
enum class DeviceRole { Speech, Debate };

// The sound device (PortAudio): the system's default, or the output `device` names.
// Throws NoAudioDevice (a Dutch line) when there is none or it cannot be opened.
std::unique_ptr<Sink> makeDeviceSink(Mixer& mixer, const DeviceChoice& device = {},
                                     DeviceRole role = DeviceRole::Speech);
// meeluister's voice beside a debate: a Speech stream of its own that runs only while
// there is speech. start() arms it; a thread of the sink starts the stream when speech is
// queued (`speech` becomes active or gets a block) and stops it one second after the last,
// so a silent voice costs no wake-ups. `speech` must outlive the sink.
std::unique_ptr<Sink> makeSpeechOnDemandSink(Mixer& mixer, SpeechBuffer& speech, const DeviceChoice& device = {});
// PortAudio's output devices (ALSA, JACK, OSS), its default marked; empty when there are
// none. Used when no sound server answers (a system without PulseAudio or PipeWire).
std::vector<OutputDevice> portAudioDevices();
// WAV, or FLAC when the name ends in .flac; 48 kHz stereo. Throws (Dutch) on an unwritable
// path or a name ending in anything but .wav or .flac (any case). Every write is checked: when
// one fails (disk full, file too large), the sink closes the file at once (valid up to what
// was written), reports the failure (below) and wakes the app (raiseSinkFailed).
std::unique_ptr<Sink> makeFileSink(Mixer& mixer, ProgrammeBuffer& programme, const std::string& path);
// The file types makeFileSink writes, for messages: ".wav, .flac".
const char* knownOutputTypes();
// True when `path` ends in one of them (any case).
bool isKnownOutputType(const std::string& path);

// A sink that could not go on says why here (one Dutch line; the first report counts); the
// command prints it after the player has stopped and exits 1. Thread-safe.
void reportSinkFailure(const std::string& dutch);
std::optional<std::string> sinkFailure();

// Consumes at real-time pace and discards.
std::unique_ptr<Sink> makeNullSink(Mixer& mixer);

}  // namespace ml::audio
