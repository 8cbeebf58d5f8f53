// meeluister show DEBATE [--datum JJJJ-MM-DD] [--debatdirect URL] [--opendata URL] [--web URL]
//                        [--offline] [--voorbeeld]
// One debate as plain lines for a screen reader. DEBATE: a Debat Direct or tweedekamer.nl
// address, a meeting number (2023A07965), a Debat Direct id, a room name ("plenaire zaal":
// what is on there now), or "voorbeeld" (the bundled example, offline).
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Options.h"
#include "sources/DebateText.h"
#include "ui/Lines.h"

namespace ml::app {

int cmdShow(const ArgList& args) {
  const Args a(args, debateSpec());
  const auto d = findDebate(a, "Welk debat? Bijvoorbeeld: meeluister show 2023A07965, meeluister show \"plenaire zaal\" "
                               "of meeluister show voorbeeld.");
  if (!d) return 1;
  for (const auto& line : sources::showLines(*d)) ui::line(line);
  return 0;
}

}  // namespace ml::app
