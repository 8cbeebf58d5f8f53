// meeluister today [--datum JJJJ-MM-DD] [--debatdirect URL] [--opendata URL] [--web URL]
//                  [--offline] [--voorbeeld]
// The day's debates across all rooms, one plain line each: live first, then by time.
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Options.h"
#include "sources/DebateText.h"
#include "sources/Resolve.h"
#include "sources/Sources.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

void say(const std::string& text) { ui::line(text); }

}  // namespace

int cmdToday(const ArgList& args) {
  const Args a(args, debateSpec());
  if (!a.positional().empty()) throw UsageError("today kent geen argument '" + a.positional().front() + "'.");
  const sources::SourceConfig config = sourceConfig(a);
  auto fetcher = sources::makeFetcher(config);
  sources::Sources src(config, *fetcher);
  const std::string date = src.today();
  std::vector<Debate> debates;
  try {
    debates = src.day(date);
  } catch (const sources::SourceError& e) {
    ui::errorLine("Kan de debatten van " + sources::dutchDate(date) + " niet ophalen. " + e.what());
    for (const auto& l : sources::noteLines(src.notes())) ui::errorLine(l);
    return 1;
  }
  if (debates.empty()) {
    say("Geen debatten op " + sources::dutchDate(date) + ".");
  } else {
    say("Debatten op " + sources::dutchDate(date) + ": " + std::to_string(debates.size()) + ".");
    for (const auto& d : debates) say(sources::listingLine(d));
  }
  for (const auto& l : sources::noteLines(src.notes())) say(l);
  return 0;
}

}  // namespace ml::app
