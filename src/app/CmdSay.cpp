// meeluister say TEXT [--uitvoer FILE] [--spraaksnelheid WPM] [--toonhoogte N] [--volume N]
//                     [--apparaat NAME] [--spraak-apparaat NAME]: speaks TEXT in Dutch
// through the sound device (the speech device when one is chosen), or into a WAV/FLAC file.
// Ctrl+C silences it at once.
#include <string>
#include <vector>

#include "app/Args.h"
#include "app/Config.h"
#include "app/Options.h"
#include "app/SoundDevices.h"
#include "app/SpeakLines.h"
#include "core/Log.h"

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
  SpeakRequest request{{text}, voiceOptions(a), a.value("uitvoer"), {}, false};
  if (!request.output) {
    // The config file only for its device keys (apparaat, spraak-apparaat).
    std::vector<std::string> warnings;
    const Settings settings = loadSettings(warnings);
    for (const auto& w : warnings) log::warn("{}", w);
    request.device = speechDeviceFor(a, settings);
  } else {
    request.device = speechDeviceFor(a, Settings{});  // refuses device options with --uitvoer
  }
  return speakLines(request);
}

}  // namespace ml::app
