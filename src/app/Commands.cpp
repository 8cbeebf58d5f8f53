#include "app/Commands.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "app/Args.h"
#include "audio/Sink.h"
#include "core/Log.h"
#include "core/Signals.h"
#include "core/Utf8.h"
#include "ui/Lines.h"
#include "ui/Terminal.h"

namespace ml::app {
namespace {

struct Command {
  std::string_view name;
  int (*run)(const ArgList&);
  std::string_view summary;
};

const Command kCommands[] = {
    {"demo", cmdDemo, "demo [--output BESTAND] [--duration SECONDEN]: het meegeleverde voorbeeld, zonder netwerk"},
    {"today", cmdToday, "today [--date JJJJ-MM-DD] [--debatdirect URL] [--opendata URL] [--web URL] [--offline] [--example]: de debatten van een dag"},
    {"show", cmdShow, "show DEBAT [--date JJJJ-MM-DD] [--debatdirect URL] [--opendata URL] [--web URL] [--offline] [--example]: een debat als platte tekst"},
    {"read", cmdRead, "read DEBAT [--output BESTAND] [--rate WOORDEN] [--apparaat NAAM] [--date JJJJ-MM-DD] [--debatdirect URL] [--opendata URL] [--web URL] [--offline] [--example]: leest een debat voor"},
    {"say", cmdSay, "say TEKST [--output BESTAND] [--rate WOORDEN] [--pitch 0-100] [--volume 0-200] [--apparaat NAAM]: spreekt TEKST uit"},
    {"normalize", cmdNormalize, "normalize [TEKST...]: toont precies wat de Nederlandse stem uitspreekt"},
    {"apparaten", cmdDevices, "apparaten: de geluidsapparaten, genummerd; achter het standaardapparaat staat (standaard)"},
    {"listen", cmdListen, "listen BRON|DEBAT [--output BESTAND] [--duration SECONDEN] [--start live|begin|SECONDEN] [--live-edge STUKKEN]"},
};

// The listener's lines (stdout) go through ui::line like every other line.
void printUsage() {
  ui::line("Gebruik: meeluister OPDRACHT [OPTIES]");
  ui::line("Opdrachten:");
  for (const auto& c : kCommands) ui::line("  meeluister " + std::string(c.summary));
  ui::line("  meeluister [--date JJJJ-MM-DD] [--example]: kies uit de debatten van vandaag en luister");
  ui::line("Speler (listen, demo, zonder opdracht): --modus schermlezer|spraak|beide, --uitgebreidheid alles|sprekers|uit,");
  ui::line("  --spraak espeak|speechd, --spraaksnelheid WOORDEN, --geen-mpris. Toets h in de speler geeft hulp.");
  ui::line("Geluid (speler, say, read): --apparaat NAAM (het geluidsapparaat), --spraak-apparaat NAAM (een ander");
  ui::line("  apparaat voor de stem van meeluister); NAAM uit 'meeluister apparaten': naam, deel van de naam of nummer.");
  ui::line("Algemene opties: --verbose (meer meldingen op stderr), --help, --version");
}

// A message for stderr (usage errors), made printable like every log line.
void tellError(std::string_view message) {
  const std::string text = printable(message);
  std::fprintf(stderr, "meeluister: %s\n", text.c_str());
}

// SIGINT/SIGTERM while no poll() loop reads them (before the signalfd is made, or when a
// SignalWatch lets a stuck phase go): the terminal back, then exit 130/143. Only
// async-signal-safe calls.
extern "C" void onExitSignal(int sig) {
  ui::restoreTerminal();
  _exit(exitStatusForSignal(sig));
}

void installSignalHandlers() {
  // A closed stdout (`| head -2`) must not kill the process before a file is finalised:
  // writes to it fail with EPIPE instead, and the lines are lost.
  std::signal(SIGPIPE, SIG_IGN);
  struct sigaction sa {};
  sa.sa_handler = onExitSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// A sink that failed (a write to --output) decides the outcome: its line, exit 1.
int withSinkFailure(int code) {
  if (auto failure = audio::sinkFailure()) {
    ui::line(*failure);
    return 1;
  }
  return code;
}

int runGuarded(int (*run)(const ArgList&), const ArgList& args) {
  try {
    return withSinkFailure(run(args));
  } catch (const UsageError& e) {
    tellError(e.what());
    std::fprintf(stderr, "Zie 'meeluister --help'.\n");
    return 2;
  } catch (const std::exception& e) {
    if (withSinkFailure(0) != 0) return 1;
    ui::line(std::string("Er ging iets mis: ") + e.what());
    return 1;
  }
}

}  // namespace

int runMain(int argc, char** argv) {
  installSignalHandlers();
  ArgList args(argv + 1, argv + argc);
  // Global flags may stand anywhere; they are taken out before the command sees its args.
  ArgList rest;
  for (const auto& a : args) {
    if (a == "--verbose") {
      log::setLevel(log::Level::Debug);
    } else if (a == "--quiet-log") {
      log::setLevel(log::Level::Error);
    } else {
      rest.push_back(a);
    }
  }
  if (rest.empty() || (rest[0].rfind("--", 0) == 0 && rest[0] != "--help" && rest[0] != "--version")) {
    return runGuarded(cmdInteractive, rest);
  }
  if (rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
    printUsage();
    return 0;
  }
  if (rest[0] == "--version") {
    ui::line(std::string("meeluister ") + MEELUISTER_VERSION);
    return 0;
  }
  for (const auto& c : kCommands) {
    if (rest[0] == c.name) return runGuarded(c.run, ArgList(rest.begin() + 1, rest.end()));
  }
  tellError("onbekende opdracht '" + rest[0] + "'. Zie 'meeluister --help'.");
  return 2;
}

}  // namespace ml::app
