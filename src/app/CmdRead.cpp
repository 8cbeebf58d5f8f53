// meeluister read DEBATE [--uitvoer FILE] [--spraaksnelheid WPM] [--datum JJJJ-MM-DD] [--debatdirect URL]
//                        [--opendata URL] [--web URL] [--offline] [--voorbeeld]
// Reads a debate aloud in the listener's reading order (sources/Reading.h): each line is
// printed just before it is spoken, through the sound device or into a WAV/FLAC file.
// Ctrl+C stops at once (exit 130). DEBATE as for `show` ("voorbeeld": the bundled example).
// On a terminal (stdin, through the sound device) the keys steer it like the player's: the
// listener's key map, keys never echo (ui::Terminal raw), see SpeakRequest.
#include <memory>
#include <string>

#include "app/Config.h"
#include "core/Log.h"

#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Options.h"
#include "app/SpeakLines.h"
#include "sources/DebateText.h"
#include "sources/Reading.h"

namespace ml::app {

int cmdRead(const ArgList& args);

int cmdRead(const ArgList& args) {
  const Args a(args, readSpec());
  SpeakRequest request;
  request.voice = voiceOptions(a);
  request.output = a.value("uitvoer");
  request.printLines = true;
  // Raw before the debate is fetched: keys typed meanwhile never echo into the lines.
  std::unique_ptr<ui::Terminal> terminal;
  ui::KeyMap keys;
  ReadKeys readKeys;
  if (!request.output) {
    terminal = std::make_unique<ui::Terminal>(0);
    if (terminal->interactive()) {
      std::vector<std::string> warnings;
      const Settings settings = loadSettings(warnings);
      keys = ui::KeyMap::load(settings.keys, warnings);
      for (const auto& w : warnings) log::warn("{}", w);
      readKeys.terminal = terminal.get();
      readKeys.keys = &keys;
    } else {
      terminal.reset();
    }
  }
  const auto debate = findDebate(
      a, "Welk debat? Bijvoorbeeld: meeluister read 2023A07965, meeluister read \"plenaire zaal\" of "
         "meeluister read voorbeeld [--uitvoer BESTAND] [--spraaksnelheid WOORDEN].");
  if (!debate) return 1;
  auto script = sources::readingScript(sources::readingOrder(*debate));
  request.lines = std::move(script.lines);
  readKeys.sections = std::move(script.sectionStarts);
  for (auto& l : sources::spokenNoteLines(debate->notes)) request.lines.push_back(std::move(l));
  return speakLines(request, &readKeys);
}

}  // namespace ml::app
