// meeluister read DEBATE [--output FILE] [--rate WPM] [--date JJJJ-MM-DD] [--debatdirect URL]
//                        [--opendata URL] [--web URL] [--offline] [--example]
// Reads a debate aloud in the listener's reading order (sources/Reading.h): each line is
// printed just before it is spoken, through the sound device or into a WAV/FLAC file.
// Ctrl+C stops at once (exit 130). DEBATE as for `show` ("voorbeeld": the bundled example).
#include <string>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/SpeakLines.h"
#include "sources/DebateText.h"
#include "sources/Reading.h"

namespace ml::app {

int cmdRead(const ArgList& args);

int cmdRead(const ArgList& args) {
  const Args a(args, withSourceOptions(ArgSpec{{"output", "rate"}, {}}));
  SpeakRequest request;
  request.voice = voiceOptions(a);
  request.output = a.value("output");
  request.printLines = true;
  const auto debate = findDebate(
      a, "Welk debat? Bijvoorbeeld: meeluister read 2023A07965, meeluister read \"plenaire zaal\" of "
         "meeluister read voorbeeld [--output BESTAND] [--rate WOORDEN].");
  if (!debate) return 1;
  request.lines = sources::readingLines(sources::readingOrder(*debate));
  for (auto& l : sources::noteLines(debate->notes)) request.lines.push_back(std::move(l));
  return speakLines(request);
}

}  // namespace ml::app
