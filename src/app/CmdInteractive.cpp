// meeluister (no command): today's debates, live ones first, one short line each, status
// first; choose one and listen; Escape in the player comes back to the list. Without the
// network (or on a day without debates) it says so in one line and offers, as a list, to
// try again or to play the bundled example: never a dead end.
#include <unistd.h>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Listening.h"
#include "app/Menu.h"
#include "app/Options.h"
#include "app/modes/HelpMode.h"
#include "core/Log.h"
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

enum class Fallback { Retry, Example, Quit, Signal };

// Offline or an empty day: one line, then a list of what can be done instead.
Fallback offerFallback(UiContext& ctx, const std::string& why, int& signo) {
  const std::string enter = keyFor(ctx.keys, ui::Action::Select);
  const std::string down = keyFor(ctx.keys, ui::Action::Next);
  std::string line = why;
  if (!enter.empty()) {
    line += " " + enter + " probeert opnieuw";
    line += down.empty() ? "." : ", " + down + " en " + enter + " spelen het voorbeeld.";
  }
  Menu menu({"Opnieuw proberen.", "Het voorbeeld beluisteren: een commissiedebat over mensenhandel."}, {}, *ctx.output,
            *ctx.terminal, ctx.keys, ctx.signalFd);
  std::optional<std::size_t> pick;
  {
    SpeechOnlyAudio voice(ctx);
    pick = menu.choose({line});
    if (!pick && menu.signal() == 0 && ctx.output->speaker()) waitSpoken(ctx.output->speaker(), 2000);
  }
  if (menu.signal() != 0) {
    signo = menu.signal();
    return Fallback::Signal;
  }
  if (!pick) return Fallback::Quit;
  return *pick == 0 ? Fallback::Retry : Fallback::Example;
}

}  // namespace

int cmdInteractive(const ArgList& args) {
  Args a(args, menuSpec());
  if (!a.positional().empty()) throw UsageError("onbekende opdracht '" + a.positional().front() + "'.");
  auto ctx = makeUiContext(a);
  const sources::SourceConfig config = sourceConfig(a);
  auto fetcher = sources::makeFetcher(config, ctx->interrupt);
  sources::Sources src(config, *fetcher);
  std::vector<Debate> debates;
  std::string date;
  while (true) {
    date = src.today();
    bool offline = false;
    debates.clear();
    try {
      debates = src.day(date);
    } catch (const sources::SourceError& e) {
      // Which source failed, and how, is for the log: the listener hears what it means.
      log::info("debatten van {} niet op te halen: {}", date, e.what());
      offline = true;
    }
    for (const auto& l : sources::noteLines(src.notes())) log::info("{}", l);
    if (!debates.empty()) break;
    const std::string why = offline ? "Geen verbinding: de debatten van vandaag zijn nu niet te krijgen."
                                    : "Vandaag, " + sources::dutchDate(date) + ", zijn er geen debatten.";
    if (!ctx->interactive()) {
      const std::string text = why + " Probeer het later opnieuw, of luister naar het voorbeeld met meeluister demo.";
      if (offline) ui::errorLine(text);  // ends the command with 1: an error
      else ui::line(text);
      return offline ? 1 : 0;
    }
    int signo = 0;
    switch (offerFallback(*ctx, why, signo)) {
      case Fallback::Retry: continue;
      case Fallback::Quit: return 0;
      case Fallback::Signal:
        ui::line("Gestopt.");
        return exitCode(signalEnd(signo));
      case Fallback::Example: {
        const SessionEnd end = playExample(*ctx, PlayOptions{}, true);
        if (end != SessionEnd::Back && end != SessionEnd::Ended && end != SessionEnd::Failed) return exitCode(end);
        continue;
      }
    }
  }
  const std::string title = "Debatten op " + sources::dutchDate(date) + ": " + std::to_string(debates.size()) + ".";
  if (!ctx->interactive()) {
    ui::line(title);
    for (std::size_t i = 0; i < debates.size(); ++i) ui::line(std::to_string(i + 1) + ". " + listLine(debates[i]));
    ui::line("Geen toetsenbord: luister met meeluister listen DEBAT.");
    return 0;
  }
  Menu menu = Menu::forDebates(debates, *ctx->output, *ctx->terminal, ctx->keys, ctx->signalFd);
  bool first = true;
  while (true) {
    std::optional<std::size_t> pick;
    {
      SpeechOnlyAudio voice(*ctx);
      std::vector<std::string> intro;
      if (first) {
        // One spoken line: how many, and the first (live ones come first) with the key
        // that plays it; the list itself is printed.
        const std::string enter = keyFor(ctx->keys, ui::Action::Select);
        const std::string help = keyFor(ctx->keys, ui::Action::Help);
        std::string line = title + " " + listLine(debates.front());
        if (!enter.empty()) line += " " + enter + " luistert.";
        intro.push_back(line);
        if (!help.empty()) intro.push_back("Toets " + help + " voor hulp.");
      }
      pick = menu.choose(intro);
      if (!pick && menu.signal() == 0 && ctx->output->speaker()) waitSpoken(ctx->output->speaker(), 2000);
    }
    first = false;
    if (menu.signal() != 0) {
      ui::line("Gestopt.");
      return exitCode(signalEnd(menu.signal()));
    }
    if (!pick) return 0;
    Debate chosen = debates[*pick];
    try {
      chosen = src.resolve(!chosen.id.empty() ? chosen.id : chosen.activityNumber);
    } catch (const std::exception& e) {
      log::info("debat niet opnieuw opgehaald: {}", e.what());
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
