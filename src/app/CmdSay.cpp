// meeluister say TEXT [--output FILE] [--rate WPM] [--pitch N] [--volume N]: speaks TEXT in
// Dutch through the sound device, or into a WAV/FLAC file. Ctrl+C silences it at once.
#include <string>
#include <vector>

#include "app/Args.h"
#include "app/SpeakLines.h"

namespace ml::app {

int cmdSay(const std::vector<std::string>& args);

namespace {

const ArgSpec kSaySpec{{"output", "rate", "pitch", "volume"}, {}};

}  // namespace

int cmdSay(const std::vector<std::string>& args) {
  Args a(args, kSaySpec);
  std::string text;
  for (const auto& p : a.positional()) text += (text.empty() ? "" : " ") + p;
  if (text.empty()) {
    throw UsageError(
        "Geef de tekst die uitgesproken moet worden: meeluister say TEKST [--output BESTAND] [--rate WOORDEN] "
        "[--pitch 0-100] [--volume 0-200].");
  }
  return speakLines(SpeakRequest{{text}, voiceOptions(a), a.value("output"), false});
}

}  // namespace ml::app
