// meeluister (no command): today's debates, live ones first, read out and printed; choose
// one and listen; Escape in the player comes back to the list.
#include <unistd.h>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Listening.h"
#include "app/Menu.h"
#include "sources/DebateText.h"
#include "sources/Fetcher.h"
#include "sources/Resolve.h"
#include "sources/Sources.h"
#include "ui/Lines.h"

namespace ml::app {
namespace {

// Lets the last words finish before the program moves on (bounded).
void waitSpoken(speech::Speaker* s, int ms) {
  for (int waited = 0; s != nullptr && !s->idle() && waited < ms; waited += 20) usleep(20000);
  if (s != nullptr) usleep(300000);
}

}  // namespace

int cmdInteractive(const ArgList& args) {
  Args a(args, withUiOptions(withSourceOptions({})));
  if (!a.positional().empty()) throw UsageError("onbekende opdracht '" + a.positional().front() + "'. Zie 'meeluister --help'.");
  auto ctx = makeUiContext(a);
  const sources::SourceConfig config = sourceConfig(a);
  auto fetcher = sources::makeFetcher(config);
  sources::Sources src(config, *fetcher);
  const std::string date = src.today();
  std::vector<Debate> debates;
  {
    SpeechOnlyAudio voice(*ctx);
    try {
      debates = src.day(date);
    } catch (const sources::SourceError& e) {
      ctx->output->say("Kan de debatten van " + sources::dutchDate(date) + " niet ophalen. " + e.what(), speech::Priority::Error);
    }
    for (const auto& l : sources::noteLines(src.notes())) ctx->output->say(l);
    if (debates.empty()) {
      ctx->output->say("Geen debatten op " + sources::dutchDate(date) + ". Probeer meeluister demo voor het voorbeeld.");
      if (ctx->output->speaker()) waitSpoken(ctx->output->speaker(), 10000);
      return 0;
    }
    ctx->output->say("Debatten op " + sources::dutchDate(date) + ": " + std::to_string(debates.size()) + ".");
    if (!ctx->interactive()) {
      for (std::size_t i = 0; i < debates.size(); ++i) ui::line(std::to_string(i + 1) + ". " + sources::listingLine(debates[i]));
      ui::line("Geen toetsenbord: luister met meeluister listen DEBAT.");
      return 0;
    }
  }
  bool first = true;
  while (true) {
    std::optional<std::size_t> pick;
    bool interrupted = false;
    {
      SpeechOnlyAudio voice(*ctx);
      Menu menu(debates, *ctx->output, *ctx->terminal, ctx->keys, ctx->signalFd);
      pick = menu.choose(first);
      interrupted = menu.interrupted();
      if (!pick && !interrupted && ctx->output->speaker()) waitSpoken(ctx->output->speaker(), 2000);
    }
    first = false;
    if (interrupted) {
      ui::line("Gestopt.");
      return 130;
    }
    if (!pick) return 0;
    Debate chosen = debates[*pick];
    try {
      chosen = src.resolve(!chosen.id.empty() ? chosen.id : chosen.activityNumber);
    } catch (const std::exception& e) {
      ctx->output->say(e.what());
    }
    SessionOptions so;
    so.play.fetch.url = chosen.bestAudioUrl();
    if (so.play.fetch.url.empty()) {
      ctx->output->say("Voor dit debat is geen geluid gevonden. Kies een ander.");
      continue;
    }
    so.debate = chosen;
    so.sources = config;
    so.settings = ctx->settings;
    so.fromMenu = true;
    so.mpris = ctx->mpris;
    SessionEnd end = listenTo(std::move(so), *ctx);
    if (end != SessionEnd::Back && end != SessionEnd::Ended && end != SessionEnd::Failed) return exitCode(end);
  }
}

}  // namespace ml::app
