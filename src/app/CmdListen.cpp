// meeluister listen SOURCE|DEBATE: the interactive player on one stream or debate (keys
// when stdin is a terminal; plain lines and exit codes for scripts otherwise).
#include <cmath>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Listening.h"
#include "app/Player.h"
#include "net/Url.h"
#include "sources/Fetcher.h"
#include "sources/Resolve.h"
#include "ui/Lines.h"

namespace ml::app {

// Reads the options every playing command shares into PlayOptions.
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

const ArgSpec kPlaySpec = withUiOptions(withSourceOptions({{"output", "duration", "start", "live-edge"}, {"null-output"}}));

int cmdListen(const ArgList& args) {
  Args a(args, kPlaySpec);
  if (a.positional().size() != 1) {
    throw UsageError("Gebruik: meeluister listen BRON, met als BRON het adres van een stream of een debat.");
  }
  const std::string& source = a.positional()[0];
  auto ctx = makeUiContext(a);
  SessionOptions so;
  so.play = playOptionsFrom(a);
  so.explicitStart = a.value("start").has_value();
  so.settings = ctx->settings;
  so.mpris = ctx->mpris;
  sources::SourceConfig config = sourceConfig(a);
  // SOURCE is a stream address, or a debate (page URL, Nummer, id, room name) whose
  // audio the debate sources find.
  std::optional<Debate> debate = sources::resolveDebate(source, config);
  if (!debate) {
    if (!net::isHttpUrl(source)) {
      throw UsageError("BRON moet een http- of https-adres of een debat zijn: '" + source + "'.");
    }
    so.play.fetch.url = source;
  } else {
    ctx->output->say("Debat: " + debate->title + (debate->room.name.empty() ? "" : ", " + debate->room.name) + ".");
    for (const auto& note : debate->notes) ctx->output->say(note);
    so.play.fetch.url = debate->bestAudioUrl();
    if (so.play.fetch.url.empty()) throw sources::SourceError("Voor dit debat is geen geluid gevonden.");
    so.announceDebate = false;
    so.debate = std::move(debate);
    so.sources = config;
  }
  return exitCode(listenTo(std::move(so), *ctx));
}

}  // namespace ml::app
