// meeluister listen SOURCE|DEBATE: the interactive player on one stream or debate (keys
// when stdin is a terminal; plain lines and exit codes for scripts otherwise).
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <csignal>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Listening.h"
#include "app/Options.h"
#include "app/Player.h"
#include "core/Signals.h"
#include "core/Time.h"
#include "net/Url.h"
#include "sources/Fetcher.h"
#include "sources/Resolve.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

constexpr int kMaxDurationSeconds = 24 * 3600;

// Ctrl+C or SIGTERM came before the player ran: said like the player says it, 130/143.
int stoppedBeforePlaying(UiContext& ctx) {
  const int signo = takeSignal(ctx.signalFd);
  ui::line("Gestopt.");
  return exitStatusForSignal(signo != 0 ? signo : SIGINT);
}

}  // namespace

// Reads the options every playing command shares into PlayOptions.
PlayOptions playOptionsFrom(const Args& a) {
  PlayOptions o;
  o.outputFile = a.value("uitvoer");
  o.nullOutput = a.flag("geen-geluid");
  if (auto d = a.number("duur")) {
    // A positive number of seconds, at most a day: 1e300 would overflow the frame count.
    if (!(*d > 0) || *d > kMaxDurationSeconds) {
      throw UsageError(fmt::format("--duur verwacht een aantal seconden groter dan 0 en hoogstens {} (24 uur).",
                                   kMaxDurationSeconds));
    }
    o.durationSeconds = *d;
  }
  if (auto text = a.value("slaaptimer")) {
    // Minutes, with a decimal comma or point: "30", "0,5".
    std::string t = *text;
    std::replace(t.begin(), t.end(), ',', '.');
    char* end = nullptr;
    const double m = std::strtod(t.c_str(), &end);
    if (t.empty() || *end != '\0' || !(m > 0) || m > 24 * 60) {
      throw UsageError("--slaaptimer verwacht een aantal minuten groter dan 0 en hoogstens 1440 (24 uur), "
                       "bijvoorbeeld 30 of 0,5.");
    }
    o.sleepSeconds = m * 60;
  }
  if (auto edge = a.number("live-marge")) {
    if (*edge < 1 || *edge > 50 || std::floor(*edge) != *edge) {
      throw UsageError("--live-marge verwacht een heel aantal stukken van 1 tot 50.");
    }
    o.fetch.liveEdgeSegments = static_cast<int>(*edge);
  }
  if (auto start = a.value("start")) {
    using S = net::FetchOptions::Start;
    if (*start == "live") {
      o.fetch.start = S::Live;
    } else if (*start == "begin") {
      o.fetch.start = S::Begin;
    } else if (auto m = parseMoment(*start); m && m->kind == Moment::Kind::Position && start->find(':') != std::string::npos) {
      o.fetch.start = S::Position;  // "1:05:00", "12:30"
      o.fetch.position = m->seconds;
    } else if (m && m->kind == Moment::Kind::Clock &&
               start->find_first_of("uU") != std::string::npos) {  // "14u30", "14.30 uur"
      o.fetch.start = S::Begin;
      o.startClock = m->seconds;
    } else {
      // Seconds, as before (a decimal point allowed: "7.68"); so a clock time needs its
      // "u" or "uur" here ("14u30"), unlike after g in the player, where "14.30" is one.
      std::optional<double> seconds;
      try {
        seconds = a.number("start");
      } catch (const UsageError&) {
      }
      if (!seconds) {
        throw UsageError("--start verwacht live, begin, een positie (1:05:00, 12:30 of seconden) of een kloktijd "
                         "(14u30 of 14.30 uur).");
      }
      o.fetch.start = S::Position;
      o.fetch.position = *seconds;
    }
  }
  return o;
}

int cmdListen(const ArgList& args) {
  Args a(args, playSpec());
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
  // Resolving may wait on the network: Ctrl+C and SIGTERM cancel it (ctx->interrupt).
  std::optional<Debate> debate;
  try {
    debate = sources::resolveDebate(source, config, ctx->interrupt);
  } catch (const std::exception&) {
    if (!ctx->interrupt->cancelled()) throw;
  }
  if (ctx->interrupt->cancelled()) return stoppedBeforePlaying(*ctx);
  if (!debate) {
    if (!net::isHttpUrl(source)) {
      throw UsageError("BRON moet een http- of https-adres of een debat zijn: '" + source + "'.");
    }
    so.play.fetch.url = source;
  } else {
    so.play.fetch.url = debate->bestAudioUrl();
    if (so.play.fetch.url.empty()) {
      // No session runs to name the debate (the Session announces it and its notes when
      // one does): say here which debate has no audio, and why it may not.
      ctx->output->say("Debat: " + debate->title + (debate->room.name.empty() ? "" : ", " + debate->room.name) + ".");
      for (const auto& note : debate->notes) ctx->output->say(note);
      throw sources::SourceError("Voor dit debat is geen geluid gevonden.");
    }
    so.debate = std::move(debate);
    so.sources = config;
  }
  if (ctx->interrupt->cancelled()) return stoppedBeforePlaying(*ctx);
  ctx->loopReadsSignals();  // the Session reads the signalfd itself from here on
  return exitCode(listenTo(std::move(so), *ctx));
}

}  // namespace ml::app
