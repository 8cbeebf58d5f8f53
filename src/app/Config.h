// The listener's settings: $XDG_CONFIG_DIRS/meeluister/config (default
// /etc/xdg/meeluister/config), then paths::configDir()/config, an ini-style file in Dutch.
//
//   # comment (also ; at the start of a line)
//   [algemeen]
//   modus = spraak            schermlezer | spraak | beide
//   uitgebreidheid = alles    alles | sprekers | uit
//   spraak = espeak           espeak | speechd
//   spraaksnelheid = 175      words a minute, 80..900
//   volume = 100              the debate, percent 0..200
//   dempen-db = 14            how far the debate goes down while meeluister speaks, 0..60
//   dempen-aanzet-ms = 100    how fast it goes down, 0..2000
//   dempen-loslaat-ms = 500   how fast it comes back, 0..10000
//   dempen-pauzeert = nee     ja: pause the debate while reading instead of ducking
//   snelheid = 1,0            playback speed 0.5..3.0 (comma or point)
//   kleur = nee               colour only when asked; NO_COLOR (non-empty) always wins
//   hervatten = ja            continue recordings where the listener stopped
//   apparaat =                the sound device (name, part of it, or number; empty: default)
//   spraak-apparaat =         another device for meeluister's own voice (empty: as apparaat)
//   [toetsen]
//   mute = m                  action-id = keys, as in data/keys.conf; empty = switched off
//
// Lines before any section count as [algemeen]. Unknown names and bad values give a Dutch
// warning naming the line; the default is kept. Nothing here throws except the *FromName
// functions used for command-line options. Plain values, no threads.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ml::app {

enum class OutputMode { ScreenReader, SelfVoicing, Both };  // "schermlezer", "spraak", "beide"
enum class Verbosity { All, Speakers, Off };                // "alles", "sprekers", "uit"
enum class SpeechBackend { Espeak, SpeechDispatcher };      // "espeak", "speechd"

struct Settings {
  OutputMode mode = OutputMode::SelfVoicing;
  Verbosity verbosity = Verbosity::All;
  SpeechBackend backend = SpeechBackend::Espeak;
  int speechRate = 175;          // words a minute 80..900
  int volumePercent = 100;       // programme 0..200
  double duckDb = 14, duckAttackSeconds = 0.1, duckReleaseSeconds = 0.5;
  bool duckPause = false;        // pause the debate while reading instead of ducking
  double speed = 1.0;            // playback speed 0.5..3.0
  bool colour = false;           // only when asked; NO_COLOR (any non-empty value) forces false
  bool resume = true;            // continue recordings where the listener stopped
  bool subtitles = false;        // "ondertiteling": print the Kamer's subtitles as lines (issue 12)
  std::string device;            // "apparaat": as --apparaat; empty: the system's default
  std::string speechDevice;      // "spraak-apparaat": as --spraak-apparaat; empty: as device
  std::map<std::string, std::string> keys;  // the [toetsen] section: action-id -> keys
};

// Parses config text. Warnings say "instellingen, regel N: ...".
Settings parseSettings(std::string_view text, std::vector<std::string>& warnings);
// The same, with warnings naming `source` (e.g. the file's path) instead of "instellingen".
Settings parseSettings(std::string_view text, std::vector<std::string>& warnings,
                       std::string_view source);
// The same on top of `base`: what the text sets replaces base's value (per setting, and per
// action in [toetsen]; a key it binds is taken from base's other actions).
Settings parseSettings(std::string_view text, std::vector<std::string>& warnings,
                       std::string_view source, Settings base);
// The system's config files (paths::systemConfigDirs()/config, /etc/xdg/meeluister/config
// by default), then paths::configDir()/config; the user's wins per setting. A missing file
// changes nothing; an unreadable or binary one is skipped with a warning.
Settings loadSettings(std::vector<std::string>& warnings);

// For --modus / --uitgebreidheid: throw std::invalid_argument with a Dutch message.
OutputMode outputModeFromName(std::string_view);
Verbosity verbosityFromName(std::string_view);
SpeechBackend speechBackendFromName(std::string_view);
const char* dutchName(OutputMode);
const char* dutchName(Verbosity);
const char* dutchName(SpeechBackend);

}  // namespace ml::app
