#include <cmath>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/Player.h"
#include "net/Url.h"
#include "sources/Fetcher.h"
#include "sources/Resolve.h"
#include "ui/Lines.h"

namespace ml::app {

// Reads the options every playing command shares into PlayOptions.
PlayOptions playOptionsFrom(const Args& a);
PlayOptions playOptionsFrom(const Args& a) {
  PlayOptions o;
  o.outputFile = a.value("output");
  o.nullOutput = a.flag("null-output");
  o.durationSeconds = a.number("duration").value_or(0);
  if (auto edge = a.number("live-edge")) {
    if (*edge < 1 || *edge > 50 || std::floor(*edge) != *edge) {
      throw UsageError("--live-edge verwacht een heel aantal stukken van 1 tot 50.");
    }
    o.fetch.liveEdgeSegments = static_cast<int>(*edge);
  }
  if (auto start = a.value("start")) {
    using S = net::FetchOptions::Start;
    if (*start == "live") {
      o.fetch.start = S::Live;
    } else if (*start == "begin") {
      o.fetch.start = S::Begin;
    } else {
      o.fetch.start = S::Position;
      o.fetch.position = a.number("start").value_or(0);
    }
  }
  return o;
}

extern const ArgSpec kPlaySpec;
const ArgSpec kPlaySpec{{"output", "duration", "start", "live-edge", "debatdirect", "opendata", "web", "date"},
                        {"null-output", "offline"}};

namespace {

// SOURCE is a stream address, or a debate (page URL, Nummer, id, room name) whose audio
// the debate sources find. Returns the URL to play; throws on what cannot be played.
std::string audioUrlFor(const std::string& source, const Args& a) {
  sources::SourceOptions so;
  so.debatDirect = a.value("debatdirect").value_or("");
  so.openData = a.value("opendata").value_or("");
  so.web = a.value("web").value_or("");
  so.date = a.value("date").value_or("");
  so.offline = a.flag("offline");
  sources::SourceConfig config;
  try {
    config = sources::configFrom(so);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  std::optional<Debate> debate = sources::resolveDebate(source, config);
  if (!debate) {
    if (!net::isHttpUrl(source)) {
      throw UsageError("BRON moet een http- of https-adres of een debat zijn: '" + source + "'.");
    }
    return source;
  }
  std::string url = debate->bestAudioUrl();
  ui::line("Debat: " + debate->title + (debate->room.name.empty() ? "" : ", " + debate->room.name) + ".");
  for (const auto& note : debate->notes) ui::line(note);
  if (url.empty()) throw sources::SourceError("Voor dit debat is geen geluid gevonden.");
  return url;
}

}  // namespace

int cmdListen(const ArgList& args) {
  Args a(args, kPlaySpec);
  if (a.positional().size() != 1) {
    throw UsageError("Gebruik: meeluister listen BRON, met als BRON het adres van een stream of een debat.");
  }
  PlayOptions o = playOptionsFrom(a);
  o.fetch.url = audioUrlFor(a.positional()[0], a);
  Player p(std::move(o));
  return p.run();
}

}  // namespace ml::app
