#include "app/Commands.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "app/Args.h"
#include "app/Options.h"
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
  ArgSpec (*spec)();
  std::string_view usage;    // what follows "meeluister NAME"
  std::string_view summary;  // one Dutch sentence
};

const Command kCommands[] = {
    {"listen", cmdListen, playSpec, "BRON|DEBAT [OPTIES]",
     "speelt een stream of een debat af in de speler; BRON is een http- of https-adres, DEBAT een nummer, adres, zaal of voorbeeld."},
    {"demo", cmdDemo, playSpec, "[OPTIES]", "speelt het meegeleverde voorbeelddebat af in de speler, zonder netwerk."},
    {"today", cmdToday, debateSpec, "[OPTIES]", "toont de debatten van vandaag (of van --datum), een regel per debat."},
    {"show", cmdShow, debateSpec, "DEBAT [OPTIES]", "toont een debat als platte tekst: wat, wanneer, waar, wie, agenda en achtergrond."},
    {"transcript", cmdTranscript, transcriptSpec, "BRON|DEBAT [OPTIES]",
     "toont de woorden van een opname als regels, elk met zijn positie (uit de ondertiteling van de Kamer)."},
    {"read", cmdRead, readSpec, "DEBAT [OPTIES]", "leest een debat voor met meeluisters Nederlandse stem."},
    {"say", cmdSay, saySpec, "TEKST [OPTIES]", "spreekt TEKST uit met meeluisters Nederlandse stem."},
    {"normalize", cmdNormalize, normalizeSpec, "[TEKST...]",
     "toont precies wat de Nederlandse stem uitspreekt; zonder TEKST regel voor regel van de invoer."},
    {"apparaten", cmdDevices, devicesSpec, "",
     "toont de geluidsapparaten, genummerd, het standaardapparaat gemarkeerd; een naam, deel van een naam of "
     "nummer daaruit gaat achter --apparaat of --spraak-apparaat."},
};

const Command* findCommand(std::string_view name) {
  for (const auto& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

bool isHelp(std::string_view a) { return a == "--hulp" || a == "--help" || a == "-h"; }
bool isVersion(std::string_view a) { return a == "--versie" || a == "--version"; }

// --hulp, --help or -h before any "--".
bool asksHelp(const ArgList& args) {
  for (const auto& a : args) {
    if (a == "--") return false;
    if (isHelp(a)) return true;
  }
  return false;
}

// "--uitvoer BESTAND: schrijft ... (oude naam: --output)".
std::string optionLine(const OptionInfo& o) {
  std::string text = "  --" + std::string(o.name);
  if (!o.value.empty()) text += " " + std::string(o.value);
  text += ": " + std::string(o.help);
  const auto old = oldNamesOf(o);
  if (!old.empty()) {
    text += old.size() == 1 ? " (oude naam:" : " (oude namen:";
    for (std::size_t i = 0; i < old.size(); ++i) text += (i == 0 ? " --" : ", --") + std::string(old[i]);
    text += ")";
  }
  return text + ".";
}

// The options of `spec` and the general ones, in the table's order.
void printOptions(const ArgSpec& spec) {
  const ArgSpec all = withGeneralOptions(spec);
  for (const auto& o : allOptions()) {
    const std::string name(o.name);
    if (all.valued.count(name) != 0 || all.flags.count(name) != 0) {
      // transcript's --uitvoer is a text file, not audio.
      OptionInfo shown = o;
      if (name == "uitvoer" && !spec.audioOutput) shown.help = "schrijft de tekst in één keer naar BESTAND in plaats van naar het scherm";
      ui::line(optionLine(shown));
    }
  }
}

// The listener's lines (stdout) go through ui::line like every other line.
void printUsage() {
  ui::line("Gebruik: meeluister [OPDRACHT] [OPTIES]");
  ui::line("Zonder opdracht: kies uit de debatten van vandaag en luister.");
  ui::line("Opdrachten:");
  for (const auto& c : kCommands) {
    const std::string usage = c.usage.empty() ? "" : " " + std::string(c.usage);
    ui::line("  meeluister " + std::string(c.name) + usage + ": " + std::string(c.summary));
  }
  ui::line("  meeluister help OPDRACHT: de hulp bij die opdracht, net als meeluister OPDRACHT --hulp.");
  ui::line("Opties zonder opdracht:");
  printOptions(menuSpec());
  ui::line("  --versie: toont het versienummer (oude naam: --version).");
  ui::line("-- beëindigt de opties: wat volgt is tekst, ook als het met - begint.");
  ui::line("In de speler geeft toets h hulp. Afsluitcodes: 0 gelukt, 1 mislukt, 2 verkeerd gebruik, 130 en 143 gestopt.");
}

void printCommandHelp(const Command& c) {
  ui::line("Gebruik: meeluister " + std::string(c.name) + (c.usage.empty() ? "" : " " + std::string(c.usage)));
  std::string summary(c.summary);
  // The summary starts lower case after "meeluister NAME": here it stands alone.
  if (!summary.empty() && summary[0] >= 'a' && summary[0] <= 'z') summary[0] = static_cast<char>(summary[0] - 'a' + 'A');
  ui::line(summary);
  ui::line("Opties:");
  printOptions(c.spec());
}

// For the man-page check (tests/integration/test_options.py): every command's options,
// one line each, "COMMAND --name [--oldname...]"; "meeluister" is the day's list. Not in
// --hulp: it is for tests, not for listeners.
void printOptionTable() {
  auto list = [](std::string_view command, const ArgSpec& spec) {
    const ArgSpec all = withGeneralOptions(spec);
    for (const auto& o : allOptions()) {
      const std::string name(o.name);
      if (all.valued.count(name) == 0 && all.flags.count(name) == 0) continue;
      std::string text = std::string(command) + " --" + name;
      for (auto old : oldNamesOf(o)) text += " --" + std::string(old);
      ui::line(text);
    }
  };
  list("meeluister", menuSpec());
  ui::line("meeluister --versie --version");
  for (const auto& c : kCommands) list(c.name, c.spec());
}

// Usage errors and the errors that end a command: stderr, through the one cleaner.
void tellError(std::string_view message) { ui::errorLine(message); }

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
    tellError(*failure);
    return 1;
  }
  return code;
}

int runGuarded(std::string_view command, int (*run)(const ArgList&), const ArgList& args) {
  try {
    return withSinkFailure(run(args));
  } catch (const UsageError& e) {
    tellError(e.what());
    tellError(std::string("Zie '") + (command.empty() ? "meeluister" : "meeluister " + std::string(command)) + " --hulp'.");
    return 2;
  } catch (const std::exception& e) {
    if (withSinkFailure(0) != 0) return 1;
    tellError(std::string("Er ging iets mis: ") + e.what());
    return 1;
  }
}

}  // namespace

int runMain(int argc, char** argv) {
  installSignalHandlers();
  ArgList args(argv + 1, argv + argc);
  // Global flags may stand anywhere before "--"; they are taken out before the command
  // sees its args.
  ArgList rest;
  bool optionsEnded = false;
  for (const auto& a : args) {
    if (optionsEnded) {
      rest.push_back(a);
    } else if (a == "--uitvoerig" || a == "--verbose") {
      log::setLevel(log::Level::Debug);
    } else if (a == "--alleen-fouten" || a == "--quiet-log") {
      log::setLevel(log::Level::Error);
    } else {
      optionsEnded = a == "--";
      rest.push_back(a);
    }
  }
  if (rest.empty()) return runGuarded({}, cmdInteractive, rest);
  const std::string& first = rest[0];
  if (first == "--opties") {
    printOptionTable();
    return 0;
  }
  if (isVersion(first)) {
    ui::line(std::string("meeluister ") + MEELUISTER_VERSION);
    return 0;
  }
  if (first == "help" || first == "hulp") {
    if (rest.size() == 1) {
      printUsage();
      return 0;
    }
    if (const Command* c = findCommand(rest[1])) {
      printCommandHelp(*c);
      return 0;
    }
    tellError("onbekende opdracht '" + rest[1] + "'. Zie 'meeluister --hulp'.");
    return 2;
  }
  if (first.rfind("-", 0) == 0) {  // options without a command: the day's list
    if (asksHelp(rest)) {
      printUsage();
      return 0;
    }
    return runGuarded({}, cmdInteractive, rest);
  }
  if (const Command* c = findCommand(first)) {
    const ArgList commandArgs(rest.begin() + 1, rest.end());
    if (asksHelp(commandArgs)) {
      printCommandHelp(*c);
      return 0;
    }
    return runGuarded(c->name, c->run, commandArgs);
  }
  tellError("onbekende opdracht '" + first + "'. Zie 'meeluister --hulp'.");
  return 2;
}

}  // namespace ml::app
