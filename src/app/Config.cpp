#include "app/Config.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "core/Paths.h"
#include "core/SmallFile.h"
#include "core/Utf8.h"
#include "ui/KeyMap.h"

namespace ml::app {
namespace {

constexpr std::size_t kMaxConfigBytes = 1 << 20;  // a config file is a few hundred bytes

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

// "14 dB" -> "14" when unit is "db" (case-insensitive); other text unchanged.
std::string_view withoutUnit(std::string_view v, std::string_view unit) {
  if (!unit.empty() && v.size() > unit.size() && lower(v.substr(v.size() - unit.size())) == unit) {
    return trim(v.substr(0, v.size() - unit.size()));
  }
  return v;
}

// A number with a decimal comma or point; nullopt unless the whole text is one.
std::optional<double> number(std::string_view v) {
  std::string text(v);
  std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty() || text[0] == '+') return std::nullopt;
  double d = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), d);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::optional<double> inRange(std::string_view v, std::string_view unit, double lo, double hi) {
  const auto d = number(withoutUnit(v, unit));
  if (!d || *d < lo || *d > hi) return std::nullopt;
  return d;
}

bool setInt(std::string_view v, std::string_view unit, int lo, int hi, int& out) {
  const auto d = inRange(v, unit, lo, hi);
  if (!d || *d != std::floor(*d)) return false;
  out = static_cast<int>(*d);
  return true;
}

bool setDouble(std::string_view v, std::string_view unit, double lo, double hi, double scale, double& out) {
  const auto d = inRange(v, unit, lo, hi);
  if (!d) return false;
  out = *d * scale;
  return true;
}

bool setBool(std::string_view v, bool& out) {
  const std::string l = lower(v);
  if (l == "ja" || l == "aan" || l == "1") return out = true, true;
  if (l == "nee" || l == "uit" || l == "0") return out = false, true;
  return false;
}

// Free text of one line (a device's name); at most 200 bytes.
bool setText(std::string_view v, std::string& out) {
  if (v.size() > 200) return false;
  out = std::string(v);
  return true;
}

template <typename T>
bool setChoice(std::string_view v, T (*fromName)(std::string_view), T& out) {
  try {
    out = fromName(v);
    return true;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

struct Entry {
  const char* name;
  const char* expected;  // said in the warning for a bad value
  std::function<bool(std::string_view, Settings&)> set;
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> list = {
      {"modus", "schermlezer, spraak of beide",
       [](auto v, Settings& s) { return setChoice(v, outputModeFromName, s.mode); }},
      {"uitgebreidheid", "alles, sprekers of uit",
       [](auto v, Settings& s) { return setChoice(v, verbosityFromName, s.verbosity); }},
      {"spraak", "espeak of speechd",
       [](auto v, Settings& s) { return setChoice(v, speechBackendFromName, s.backend); }},
      {"spraaksnelheid", "een heel getal van 80 tot 900 (woorden per minuut)",
       [](auto v, Settings& s) { return setInt(v, "", 80, 900, s.speechRate); }},
      {"volume", "een heel getal van 0 tot 200 (procent)",
       [](auto v, Settings& s) { return setInt(v, "%", 0, 200, s.volumePercent); }},
      {"dempen-db", "een getal van 0 tot 60 (decibel)",
       [](auto v, Settings& s) { return setDouble(v, "db", 0, 60, 1, s.duckDb); }},
      {"dempen-aanzet-ms", "een getal van 0 tot 2000 (milliseconden)",
       [](auto v, Settings& s) { return setDouble(v, "ms", 0, 2000, 0.001, s.duckAttackSeconds); }},
      {"dempen-loslaat-ms", "een getal van 0 tot 10000 (milliseconden)",
       [](auto v, Settings& s) { return setDouble(v, "ms", 0, 10000, 0.001, s.duckReleaseSeconds); }},
      {"dempen-pauzeert", "ja of nee", [](auto v, Settings& s) { return setBool(v, s.duckPause); }},
      {"snelheid", "een getal van 0,5 tot 3",
       [](auto v, Settings& s) { return setDouble(v, "x", 0.5, 3.0, 1, s.speed); }},
      {"kleur", "ja of nee", [](auto v, Settings& s) { return setBool(v, s.colour); }},
      {"hervatten", "ja of nee", [](auto v, Settings& s) { return setBool(v, s.resume); }},
      {"ondertiteling", "ja of nee", [](auto v, Settings& s) { return setBool(v, s.subtitles); }},
      {"apparaat", "de naam of het nummer van een geluidsapparaat (zie meeluister apparaten)",
       [](auto v, Settings& s) { return setText(v, s.device); }},
      {"spraak-apparaat", "de naam of het nummer van een geluidsapparaat (zie meeluister apparaten)",
       [](auto v, Settings& s) { return setText(v, s.speechDevice); }},
  };
  return list;
}

// A value in [algemeen]: without a trailing comment (" # ..." or " ; ...") and quotes.
std::string_view generalValue(std::string_view v) {
  // A quoted value may hold " #" (a device's name); a comment may follow the quotes.
  if (v.size() >= 2 && v.front() == '"') {
    const auto close = v.find('"', 1);
    if (close != std::string_view::npos) {
      const auto rest = trim(v.substr(close + 1));
      if (rest.empty() || rest.front() == '#' || rest.front() == ';') return v.substr(1, close - 1);
    }
  }
  for (std::size_t i = 1; i < v.size(); ++i) {
    if ((v[i] == '#' || v[i] == ';') && (v[i - 1] == ' ' || v[i - 1] == '\t')) {
      v = trim(v.substr(0, i));
      break;
    }
  }
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

enum class Section { General, Keys, Unknown };

class Parser {
 public:
  Parser(std::vector<std::string>& warnings, std::string_view source, Settings base = {})
      : settings(std::move(base)), warnings_(warnings), source_(source) {}

  void line(std::string_view raw) {
    ++number_;
    const auto text = trim(raw);
    if (text.empty() || text[0] == '#' || text[0] == ';') return;
    if (text.front() == '[') return header(text);
    if (section_ == Section::Unknown) return;
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || trim(text.substr(0, eq)).empty()) {
      return warn(fmt::format("'{}' is geen 'naam = waarde'; overgeslagen.", text));
    }
    const std::string name = lower(trim(text.substr(0, eq)));
    const auto value = trim(text.substr(eq + 1));
    if (section_ == Section::Keys) return key(name, value);
    general(name, generalValue(value));
  }

  Settings settings;

 private:
  void warn(const std::string& message) {
    warnings_.push_back(fmt::format("{}, regel {}: {}", source_, number_, message));
  }

  void header(std::string_view text) {
    const std::string name = text.back() == ']' ? lower(trim(text.substr(1, text.size() - 2))) : "";
    if (name == "algemeen") {
      section_ = Section::General;
    } else if (name == "toetsen") {
      section_ = Section::Keys;
    } else {
      section_ = Section::Unknown;
      warn(fmt::format("onbekend onderdeel '{}' (wel: [algemeen], [toetsen]); het wordt overgeslagen.", text));
    }
  }

  void repeated(const std::string& name) {
    const auto [it, fresh] = seen_.emplace(name, number_);
    if (!fresh) {
      warn(fmt::format("'{}' stond al op regel {}; de laatste telt.", name, it->second));
      it->second = number_;
    }
  }

  void general(const std::string& name, std::string_view value) {
    const auto& list = entries();
    const auto entry = std::find_if(list.begin(), list.end(), [&](const Entry& e) { return name == e.name; });
    if (entry == list.end()) return warn(fmt::format("onbekende instelling '{}'; overgeslagen.", name));
    if (!entry->set(value, settings)) {
      return warn(fmt::format("'{}' past niet bij {}: verwacht {}. De regel wordt overgeslagen.", value,
                              name, entry->expected));
    }
    repeated(name);
  }

  void key(const std::string& action, std::string_view keys) {
    if (!ui::actionFromId(action)) {
      return warn(fmt::format("onbekende actie '{}' (zie keys.conf voor de namen); overgeslagen.", action));
    }
    repeated("[toetsen] " + action);
    settings.keys[action] = std::string(keys);
    for (const auto& word : words(keys)) claim(action, word);
  }

  // A key on two [toetsen] lines goes to the later line: it is taken off the earlier one.
  void claim(const std::string& action, const std::string& written) {
    const auto key = ui::canonicalKeyName(written);
    if (!key) return;  // the key map says what is wrong with it
    const auto [it, fresh] = keyOwners_.try_emplace(*key, action, number_);
    if (fresh) {
      // A key an earlier file (the system's config) gave to another action is this file's now.
      for (auto& [other, bound] : settings.keys) {
        if (other == action) continue;
        std::string kept;
        for (const auto& w : words(bound)) {
          if (ui::canonicalKeyName(w) != key) kept += (kept.empty() ? "" : " ") + w;
        }
        bound = kept;
      }
      return;
    }
    if (it->second.first == action) return;
    const auto [earlier, line] = it->second;
    warn(fmt::format("{} stond al bij {} (regel {}); de laatste telt.", ui::dutchKeyName(*key), earlier, line));
    std::string kept;
    for (const auto& w : words(settings.keys[earlier])) {
      if (ui::canonicalKeyName(w) != key) kept += (kept.empty() ? "" : " ") + w;
    }
    settings.keys[earlier] = kept;
    it->second = {action, number_};
  }

  std::vector<std::string>& warnings_;
  std::string source_;
  int number_ = 0;
  Section section_ = Section::General;
  std::map<std::string, int> seen_;
  std::map<std::string, std::pair<std::string, int>> keyOwners_;  // key -> action, line
};

bool noColourRequested() {
  const char* v = std::getenv("NO_COLOR");
  return v != nullptr && *v != '\0';
}

}  // namespace

Settings parseSettings(std::string_view text, std::vector<std::string>& warnings, std::string_view source,
                       Settings base) {
  Parser parser(warnings, source, std::move(base));
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    parser.line(text.substr(start, end - start));
    start = end + 1;
  }
  if (noColourRequested()) parser.settings.colour = false;
  return parser.settings;
}

Settings parseSettings(std::string_view text, std::vector<std::string>& warnings, std::string_view source) {
  return parseSettings(text, warnings, source, Settings{});
}

Settings parseSettings(std::string_view text, std::vector<std::string>& warnings) {
  return parseSettings(text, warnings, "instellingen");
}

namespace {

// One config file on top of `base` (a missing file changes nothing; a bad one warns and
// changes nothing).
Settings loadFile(const std::filesystem::path& path, Settings base, std::vector<std::string>& warnings) {
  // Opened without blocking: a FIFO or a device there is refused, never waited on.
  const SmallFile f = readSmallFile(path, kMaxConfigBytes);
  switch (f.status) {
    case SmallFile::Status::Missing: return base;
    case SmallFile::Status::NotRegular:
      warnings.push_back(fmt::format("{} is geen gewoon bestand; het wordt overgeslagen.", path.string()));
      return base;
    case SmallFile::Status::Unreadable:
      warnings.push_back(fmt::format("{} is niet te lezen; het wordt overgeslagen.", path.string()));
      return base;
    case SmallFile::Status::Ok: break;
  }
  std::string_view text = f.text;
  if (f.truncated) text = text.substr(0, text.rfind('\n') == std::string_view::npos ? text.size() : text.rfind('\n'));
  // A binary file (NUL bytes, not UTF-8) is no config file: one warning, not one per line.
  if (text.find('\0') != std::string_view::npos || !utf8::isValid(text)) {
    warnings.push_back(fmt::format("{} is geen tekstbestand; het wordt overgeslagen.", path.string()));
    return base;
  }
  if (f.truncated) {
    warnings.push_back(fmt::format("{} is groter dan 1 MB; alleen het begin wordt gelezen.", path.string()));
  }
  return parseSettings(text, warnings, path.string(), std::move(base));
}

}  // namespace

Settings loadSettings(std::vector<std::string>& warnings) {
  // The system's files first, the least important first ($XDG_CONFIG_DIRS lists the most
  // important first), then the listener's own: a later file wins per setting and per action.
  Settings s = parseSettings("", warnings);
  const auto system = paths::systemConfigDirs();
  for (auto it = system.rbegin(); it != system.rend(); ++it) s = loadFile(*it / "config", std::move(s), warnings);
  return loadFile(paths::configDir() / "config", std::move(s), warnings);
}

OutputMode outputModeFromName(std::string_view name) {
  const std::string l = lower(trim(name));
  if (l == "schermlezer") return OutputMode::ScreenReader;
  if (l == "spraak") return OutputMode::SelfVoicing;
  if (l == "beide") return OutputMode::Both;
  throw std::invalid_argument(fmt::format("onbekende modus '{}': kies schermlezer, spraak of beide", name));
}

Verbosity verbosityFromName(std::string_view name) {
  const std::string l = lower(trim(name));
  if (l == "alles") return Verbosity::All;
  if (l == "sprekers") return Verbosity::Speakers;
  if (l == "uit") return Verbosity::Off;
  throw std::invalid_argument(
      fmt::format("onbekende uitgebreidheid '{}': kies alles, sprekers of uit", name));
}

SpeechBackend speechBackendFromName(std::string_view name) {
  const std::string l = lower(trim(name));
  if (l == "espeak" || l == "espeak-ng") return SpeechBackend::Espeak;
  if (l == "speechd" || l == "speech-dispatcher") return SpeechBackend::SpeechDispatcher;
  throw std::invalid_argument(fmt::format("onbekende spraak '{}': kies espeak of speechd", name));
}

const char* dutchName(OutputMode m) {
  switch (m) {
    case OutputMode::ScreenReader: return "schermlezer";
    case OutputMode::SelfVoicing: return "spraak";
    case OutputMode::Both: return "beide";
  }
  return "spraak";
}

const char* dutchName(Verbosity v) {
  switch (v) {
    case Verbosity::All: return "alles";
    case Verbosity::Speakers: return "sprekers";
    case Verbosity::Off: return "uit";
  }
  return "alles";
}

const char* dutchName(SpeechBackend b) {
  switch (b) {
    case SpeechBackend::Espeak: return "espeak";
    case SpeechBackend::SpeechDispatcher: return "speechd";
  }
  return "espeak";
}

}  // namespace ml::app
