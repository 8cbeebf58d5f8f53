#include <cmath>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/Player.h"
#include "net/Url.h"

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
const ArgSpec kPlaySpec{{"output", "duration", "start", "live-edge"}, {"null-output"}};

int cmdListen(const ArgList& args) {
  Args a(args, kPlaySpec);
  if (a.positional().size() != 1) {
    throw UsageError("Gebruik: meeluister listen BRON, met als BRON het adres van een stream.");
  }
  PlayOptions o = playOptionsFrom(a);
  o.fetch.url = a.positional()[0];
  if (!net::isHttpUrl(o.fetch.url)) {
    throw UsageError("BRON moet een http- of https-adres zijn: '" + o.fetch.url + "'.");
  }
  Player p(std::move(o));
  return p.run();
}

}  // namespace ml::app
