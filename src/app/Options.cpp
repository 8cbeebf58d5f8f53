#include "app/Options.h"

#include <algorithm>

#include "app/DebateArgs.h"
#include "app/SoundDevices.h"
#include "app/UiContext.h"

namespace ml::app {
namespace {

constexpr OptionInfo kOptions[] = {
    // Playing (listen, demo, the day's list) and speaking (say, read).
    {"uitvoer", "BESTAND", "output", "schrijft het geluid naar een WAV- of FLAC-bestand in plaats van naar het geluidsapparaat"},
    {"duur", "SECONDEN", "duration", "stopt na zoveel seconden geluid"},
    {"start", "live|begin|POSITIE|KLOKTIJD", "", "waar het afspelen begint: live, bij het begin, op een positie in een opname (1:05:00, 12:30 of seconden) of op een kloktijd in de zaal (14u30 of 14.30 uur)"},
    {"live-marge", "STUKKEN", "live-edge", "hoeveel stukken van ongeveer 4 seconden achter live het begint, 1 tot 50, standaard 3"},
    {"slaaptimer", "MINUTEN", "", "het debat zwakt na zoveel minuten af en meeluister stopt (ook met toets z)"},
    {"geen-geluid", "", "null-output", "speelt af zonder geluidsapparaat; het geluid gaat nergens heen (voor tests en scripts)"},
    // The debate sources.
    {"datum", "JJJJ-MM-DD", "date", "de debatten van die dag in plaats van vandaag"},
    {"debatdirect", "URL", "", "een ander adres voor de Debat Direct-API"},
    {"opendata", "URL", "", "een ander adres voor de open data van de Tweede Kamer (OData)"},
    {"web", "URL", "", "een ander adres voor tweedekamer.nl"},
    {"offline", "", "", "gebruikt geen netwerk: alleen wat in de cache staat"},
    {"voorbeeld", "", "example", "gebruikt het meegeleverde voorbeelddebat in plaats van de Kamer"},
    // How meeluister speaks and shows.
    {"modus", "schermlezer|spraak|beide", "", "wie de regels voorleest: je schermlezer, meeluister zelf, of beide"},
    {"uitgebreidheid", "alles|sprekers|uit", "", "welke meldingen er tijdens een debat komen"},
    {"spraak", "espeak|speechd", "", "meeluisters eigen stem (espeak) of speech-dispatcher (speechd)"},
    {"spraaksnelheid", "WOORDEN", "rate", "spreeksnelheid in woorden per minuut, 80 tot 900, standaard 175"},
    {"toonhoogte", "0-100", "pitch", "toonhoogte van de stem, standaard 50"},
    {"volume", "0-200", "", "volume van de stem in procent, standaard 100"},
    {"ondertiteling", "", "", "toont de ondertiteling van de Kamer als regels, elk op het moment dat de woorden klinken (ook met toets c)"},
    {"geen-mpris", "", "", "meldt meeluister niet aan als mediaspeler (MPRIS) op de sessiebus"},
    // Sound devices (names from 'meeluister apparaten').
    {"apparaat", "NAAM", "", "het geluidsapparaat: een naam, deel van een naam of nummer uit 'meeluister apparaten'"},
    {"spraak-apparaat", "NAAM", "", "een ander geluidsapparaat voor meeluisters eigen stem, bijvoorbeeld de koptelefoon"},
    // Everywhere.
    {"uitvoerig", "", "verbose", "meer technische meldingen op stderr"},
    {"alleen-fouten", "", "quiet-log", "alleen fouten op stderr, geen waarschuwingen"},
    {"hulp", "", "help", "toont deze hulp; ook -h"},
    {"versie", "", "version", "toont het versienummer"},
};

}  // namespace

std::span<const OptionInfo> allOptions() { return kOptions; }

std::vector<std::string_view> oldNamesOf(const OptionInfo& o) {
  std::vector<std::string_view> out;
  std::string_view rest = o.oldNames;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    out.push_back(rest.substr(0, space));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return out;
}

const OptionInfo* findOption(std::string_view name) {
  for (const auto& o : kOptions) {
    if (o.name == name) return &o;
  }
  for (const auto& o : kOptions) {
    const auto old = oldNamesOf(o);
    if (std::find(old.begin(), old.end(), name) != old.end()) return &o;
  }
  return nullptr;
}

ArgSpec playSpec() {
  return withUiOptions(withSourceOptions({{"uitvoer", "duur", "start", "live-marge", "slaaptimer"}, {"geen-geluid"}}));
}
ArgSpec debateSpec() { return withSourceOptions({}); }
ArgSpec transcriptSpec() {
  ArgSpec spec = withSourceOptions({{"uitvoer"}, {}});
  spec.audioOutput = false;
  return spec;
}
ArgSpec readSpec() { return withDeviceOptions(withSourceOptions({{"uitvoer", "spraaksnelheid", "modus"}, {}})); }
ArgSpec saySpec() { return withDeviceOptions({{"uitvoer", "spraaksnelheid", "toonhoogte", "volume"}, {}}); }
ArgSpec normalizeSpec() { return {}; }
ArgSpec devicesSpec() { return {}; }
ArgSpec menuSpec() { return withUiOptions(withSourceOptions({})); }

ArgSpec withGeneralOptions(ArgSpec spec) {
  spec.flags.insert({"uitvoerig", "alleen-fouten", "hulp"});
  return spec;
}

}  // namespace ml::app
