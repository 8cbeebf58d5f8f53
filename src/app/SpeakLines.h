// Speaks lines in Dutch with meeluister's own voice, one utterance each, through the sound
// device or into a WAV/FLAC file, optionally printing each line just before it is heard.
// SIGINT and SIGTERM (Ctrl+C) silence it at once.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/Args.h"
#include "app/Config.h"
#include "audio/Devices.h"
#include "speech/SpeechEngine.h"
#include "ui/KeyMap.h"
#include "ui/Terminal.h"

namespace ml::app {

struct SpeakRequest {
  std::vector<std::string> lines;
  speech::SpeechOptions voice;
  std::optional<std::string> output;  // a file; none: the sound device
  audio::DeviceChoice device;         // which sound device (--spraak-apparaat, else --apparaat)
  bool printLines = false;            // print each line as its speech starts (always logged)
};

// Keys (`read` on a terminal, through the sound device only): the terminal in raw mode the
// keys come from and the listener's key map. play-pause pauses and resumes (the line is
// started again), next/previous go to the next/previous section (`sections`: the index of
// each section's first line, ascending), stop-speech, back and quit stop; any other key
// pauses and says how to go on.
struct ReadKeys {
  std::vector<std::size_t> sections;
  ui::Terminal* terminal = nullptr;
  const ui::KeyMap* keys = nullptr;
};

// The voice as the options --spraaksnelheid, --toonhoogte and --volume say (those given); throws
// UsageError (Dutch) for a value out of range.
speech::SpeechOptions voiceOptions(const Args& a);
// The device for say and read: --spraak-apparaat, else --apparaat, else the config keys of
// the same names (see SoundDevices.h); none with --output. Throws UsageError.
audio::DeviceChoice speechDeviceFor(const Args& a, const Settings& settings);

// Exit code: 0 spoken or stopped by a key ("Gestopt." printed), 1 no device or an
// unwritable file (the reason printed), 130 interrupted ("Gestopt." printed). Throws
// std::runtime_error when the voice cannot start.
// keys: null (or no terminal, or an output file): no keys, as without a terminal.
int speakLines(const SpeakRequest& request, const ReadKeys* keys = nullptr);

}  // namespace ml::app
