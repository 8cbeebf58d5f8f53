// Speaks lines in Dutch with meeluister's own voice, one utterance each, through the sound
// device or into a WAV/FLAC file, optionally printing each line just before it is heard.
// SIGINT and SIGTERM (Ctrl+C) silence it at once.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/Args.h"
#include "speech/SpeechEngine.h"

namespace ml::app {

struct SpeakRequest {
  std::vector<std::string> lines;
  speech::SpeechOptions voice;
  std::optional<std::string> output;  // a file; none: the sound device
  bool printLines = false;            // print each line as its speech starts
};

// The voice as the options --rate, --pitch and --volume say (those given); throws
// UsageError (Dutch) for a value out of range.
speech::SpeechOptions voiceOptions(const Args& a);

// Exit code: 0 spoken (for a file: "Opgeslagen in ..." printed), 1 no device or an
// unwritable file (the reason printed), 130 interrupted ("Gestopt." printed). Throws
// std::runtime_error when the voice cannot start.
int speakLines(const SpeakRequest& request);

}  // namespace ml::app
