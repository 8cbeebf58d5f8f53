// meeluister show DEBATE [--date JJJJ-MM-DD] [--debatdirect URL] [--opendata URL] [--web URL]
//                        [--offline] [--example]
// One debate as plain lines for a screen reader. DEBATE: a Debat Direct or tweedekamer.nl
// address, a meeting number (2023A07965), a Debat Direct id, a room name ("plenaire zaal":
// what is on there now), or "voorbeeld" (the bundled example, offline).
#include <stdexcept>

#include "app/Args.h"
#include "app/Commands.h"
#include "sources/DebateText.h"
#include "sources/Resolve.h"
#include "sources/Sources.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

void say(const std::string& text) { ui::line(text); }

std::string joinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

int cmdShow(const ArgList& args) {
  const Args a(args, ArgSpec{{"date", "debatdirect", "opendata", "web"}, {"offline", "example"}});
  const std::string ref = joinWords(a.positional());
  if (ref.empty()) {
    throw UsageError("Welk debat? Bijvoorbeeld: meeluister show 2023A07965, meeluister show \"plenaire zaal\" "
                     "of meeluister show voorbeeld.");
  }
  sources::SourceOptions o;
  o.debatDirect = a.value("debatdirect").value_or("");
  o.openData = a.value("opendata").value_or("");
  o.web = a.value("web").value_or("");
  o.date = a.value("date").value_or("");
  o.offline = a.flag("offline");
  o.example = a.flag("example") || sources::isExampleRef(ref);
  sources::SourceConfig config;
  try {
    config = sources::configFrom(o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  auto fetcher = sources::makeFetcher(config);
  sources::Sources src(config, *fetcher);
  try {
    const Debate d = src.resolve(sources::isExampleRef(ref) ? std::string(sources::kExampleNumber) : ref);
    for (const auto& line : sources::showLines(d)) say(line);
  } catch (const sources::SourceError& e) {
    say(e.what());
    for (const auto& l : sources::noteLines(src.notes())) say(l);
    return 1;
  }
  return 0;
}

}  // namespace ml::app
