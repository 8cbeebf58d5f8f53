// meeluister read DEBATE [--uitvoer FILE] [--spraaksnelheid WPM] [--modus MODE] [--apparaat NAME]
//                        [--spraak-apparaat NAME] [--datum JJJJ-MM-DD] [--debatdirect URL]
//                        [--opendata URL] [--web URL] [--offline] [--voorbeeld]
// Reads a debate aloud in the listener's reading order (sources/Reading.h): each line is
// printed just before it is spoken, through the sound device or into a WAV/FLAC file.
// Ctrl+C stops at once (exit 130). On a terminal the output mode decides: spraak speaks
// without printing the lines, schermlezer and beide print them without speaking. DEBATE as for `show` ("voorbeeld": the bundled example).
// On a terminal (stdin, through the sound device) the keys steer it like the player's: the
// listener's key map, keys never echo (ui::Terminal raw), see SpeakRequest.
#include <unistd.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "app/Config.h"
#include "core/Log.h"

#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Options.h"
#include "app/SoundDevices.h"
#include "app/SpeakLines.h"
#include "sources/DebateText.h"
#include "sources/Reading.h"
#include "ui/Lines.h"

namespace ml::app {

int cmdRead(const ArgList& args);

int cmdRead(const ArgList& args) {
  const Args a(args, readSpec());
  SpeakRequest request;
  request.voice = voiceOptions(a);
  request.output = a.value("uitvoer");
  // Nothing heard twice (docs/spraak.md): on a terminal a line is either printed (for the
  // screen reader or braille) or spoken by meeluister, by the output mode (--modus, else the
  // config's). Into a file, or with stdout not a terminal, every spoken line is printed too.
  std::optional<OutputMode> mode;
  if (auto m = a.value("modus")) {
    try {
      mode = outputModeFromName(*m);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--modus: ") + e.what() + ".");
    }
  }
  const bool toTerminal = isatty(1) == 1;
  // The config file (not for --uitvoer): its output mode, its device keys and the listener's keys.
  std::vector<std::string> warnings;
  const Settings settings = request.output ? Settings{} : loadSettings(warnings);
  if (!mode && toTerminal && !request.output) mode = settings.mode;
  const bool printOnly = !request.output && mode && *mode != OutputMode::SelfVoicing;
  request.printLines = request.output.has_value() || !toTerminal || printOnly;
  request.device = speechDeviceFor(a, settings);  // refuses device options with --uitvoer
  // Raw before the debate is fetched: keys typed meanwhile never echo into the lines.
  std::unique_ptr<ui::Terminal> terminal;
  ui::KeyMap keys;
  ReadKeys readKeys;
  if (!request.output && !printOnly) {
    terminal = std::make_unique<ui::Terminal>(0);
    if (terminal->interactive()) {
      keys = ui::KeyMap::load(settings.keys, warnings);
      readKeys.terminal = terminal.get();
      readKeys.keys = &keys;
    } else {
      terminal.reset();
    }
  }
  for (const auto& w : warnings) log::warn("{}", w);
  const auto debate = findDebate(
      a, "Welk debat? Bijvoorbeeld: meeluister read 2023A07965, meeluister read \"plenaire zaal\" of "
         "meeluister read voorbeeld [--uitvoer BESTAND] [--spraaksnelheid WOORDEN].");
  if (!debate) return 1;
  auto script = sources::readingScript(sources::readingOrder(*debate));
  request.lines = std::move(script.lines);
  readKeys.sections = std::move(script.sectionStarts);
  for (auto& l : sources::spokenNoteLines(debate->notes)) request.lines.push_back(std::move(l));
  if (printOnly) {  // schermlezer and beide: the screen reader reads; meeluister does not speak
    for (const auto& l : request.lines) ui::line(l);
    return 0;
  }
  return speakLines(request, &readKeys);
}

}  // namespace ml::app
