// meeluister demo: the bundled example debate's stream, played offline through the
// same HTTP and HLS path as a real debate (a loopback server started here).
#include <filesystem>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/Player.h"
#include "core/Paths.h"
#include "net/LoopbackServer.h"
#include "ui/Lines.h"

namespace ml::app {

PlayOptions playOptionsFrom(const Args& a);
extern const ArgSpec kPlaySpec;

int cmdDemo(const ArgList& args) {
  Args a(args, kPlaySpec);
  if (!a.positional().empty()) throw UsageError("demo neemt geen BRON; het speelt het meegeleverde voorbeeld.");
  std::filesystem::path root = paths::dataDir() / "data" / "example" / "stream";
  net::LoopbackServer server(root);
  ui::line("Voorbeeld: commissiedebat over het programma Samen tegen mensenhandel, "
           "donderdag 21 december 2023, Thorbeckezaal. Synthetische stem, geen opname uit de Kamer.");
  PlayOptions o = playOptionsFrom(a);
  o.fetch.url = server.url("index.m3u8");
  Player p(std::move(o));
  return p.run();
}

}  // namespace ml::app
