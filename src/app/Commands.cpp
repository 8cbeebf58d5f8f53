#include "app/Commands.h"

#include <cstdio>
#include <exception>
#include <string_view>

#include "app/Args.h"
#include "core/Log.h"

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
    {"read", cmdRead, "read DEBAT [--output BESTAND] [--rate WOORDEN] [--date JJJJ-MM-DD] [--debatdirect URL] [--opendata URL] [--web URL] [--offline] [--example]: leest een debat voor"},
    {"say", cmdSay, "say TEKST [--output BESTAND] [--rate WOORDEN] [--pitch 0-100] [--volume 0-200]: spreekt TEKST uit"},
    {"normalize", cmdNormalize, "normalize [TEKST...]: toont precies wat de Nederlandse stem uitspreekt"},
    {"listen", cmdListen, "listen BRON|DEBAT [--output BESTAND] [--duration SECONDEN] [--start live|begin|SECONDEN] [--live-edge STUKKEN]"},
};

void printUsage(std::FILE* to) {
  std::fprintf(to, "Gebruik: meeluister OPDRACHT [OPTIES]\n");
  std::fprintf(to, "Opdrachten:\n");
  for (const auto& c : kCommands) {
    std::fprintf(to, "  meeluister %.*s\n", static_cast<int>(c.summary.size()), c.summary.data());
  }
  std::fprintf(to, "  meeluister [--date JJJJ-MM-DD] [--example]: kies uit de debatten van vandaag en luister\n");
  std::fprintf(to, "Speler (listen, demo, zonder opdracht): --modus schermlezer|spraak|beide, --uitgebreidheid alles|sprekers|uit,\n"
                   "  --spraak espeak|speechd, --spraaksnelheid WOORDEN, --geen-mpris. Toets h in de speler geeft hulp.\n");
  std::fprintf(to, "Algemene opties: --verbose (meer meldingen op stderr), --help, --version\n");
}

int runGuarded(int (*run)(const ArgList&), const ArgList& args) {
  try {
    return run(args);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "meeluister: %s\n", e.what());
    std::fprintf(stderr, "Zie 'meeluister --help'.\n");
    return 2;
  } catch (const std::exception& e) {
    std::printf("Er ging iets mis: %s\n", e.what());
    std::fflush(stdout);
    return 1;
  }
}

}  // namespace

int runMain(int argc, char** argv) {
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
    printUsage(stdout);
    return 0;
  }
  if (rest[0] == "--version") {
    std::printf("meeluister %s\n", MEELUISTER_VERSION);
    return 0;
  }
  for (const auto& c : kCommands) {
    if (rest[0] == c.name) return runGuarded(c.run, ArgList(rest.begin() + 1, rest.end()));
  }
  std::fprintf(stderr, "meeluister: onbekende opdracht '%s'. Zie 'meeluister --help'.\n",
               rest[0].c_str());
  return 2;
}

}  // namespace ml::app
