// meeluister demo: the interactive player on the bundled example debate, offline: its
// data from data/example and its stream played through the same HTTP and HLS path as a
// real debate (a loopback server started here). The day's list offers it too when the
// network is away.
#include <filesystem>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/Listening.h"
#include "app/Options.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "net/LoopbackServer.h"
#include "sources/Fetcher.h"
#include "sources/Resolve.h"
#include "sources/Sources.h"
#include "ui/Lines.h"

namespace ml::app {

SessionEnd playExample(UiContext& ctx, PlayOptions play, bool fromMenu) {
  std::filesystem::path root = paths::dataDir() / "data" / "example" / "stream";
  net::LoopbackServer server(root);
  SessionOptions so;
  so.play = std::move(play);
  so.play.fetch.url = server.url("index.m3u8");
  so.explicitStart = true;  // the example always starts at its beginning
  so.settings = ctx.settings;
  so.mpris = ctx.mpris;
  so.fromMenu = fromMenu;
  // The example debate's data, so the keys for agenda, background and where-am-I work.
  try {
    sources::SourceOptions o;
    o.example = true;
    sources::SourceConfig config = sources::configFrom(o);
    auto fetcher = sources::makeFetcher(config);
    sources::Sources src(config, *fetcher);
    Debate d = src.resolve("2023A08217");
    d.status = DebateStatus::Ended;
    so.debate = std::move(d);
  } catch (const std::exception& e) {
    log::warn("voorbeelddebat niet geladen: {}", e.what());
  }
  // The first line says what this is; the rest is printed only.
  ctx.output->say("Voorbeeld: commissiedebat over mensenhandel.");
  ctx.output->note("Donderdag 21 december 2023, Thorbeckezaal. Synthetische stem, geen opname uit de Kamer.");
  so.announceDebate = false;
  if (so.debate) {
    for (const auto& note : so.debate->notes) ctx.output->note(note);
  }
  return listenTo(std::move(so), ctx);
}

int cmdDemo(const ArgList& args) {
  Args a(args, playSpec());
  if (!a.positional().empty()) throw UsageError("demo neemt geen BRON; het speelt het meegeleverde voorbeeld.");
  auto ctx = makeUiContext(a);
  return exitCode(playExample(*ctx, playOptionsFrom(a), false));
}

}  // namespace ml::app
