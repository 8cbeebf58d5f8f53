// meeluister say TEXT [--uitvoer FILE] [--spraaksnelheid WPM] [--toonhoogte N] [--volume N]: speaks TEXT in
// Dutch through the sound device, or into a WAV/FLAC file. Ctrl+C silences it at once.
#include <string>
#include <vector>

#include "app/Args.h"
#include "app/Options.h"
#include "app/SpeakLines.h"

namespace ml::app {

int cmdSay(const std::vector<std::string>& args);

int cmdSay(const std::vector<std::string>& args) {
  Args a(args, saySpec());
  std::string text;
  for (const auto& p : a.positional()) text += (text.empty() ? "" : " ") + p;
  if (text.empty()) {
    throw UsageError(
        "Geef de tekst die uitgesproken moet worden: meeluister say TEKST [--uitvoer BESTAND] [--spraaksnelheid WOORDEN] "
        "[--toonhoogte 0-100] [--volume 0-200].");
  }
  return speakLines(SpeakRequest{{text}, voiceOptions(a), a.value("uitvoer"), false});
}

}  // namespace ml::app
