#include "ui/KeyMap.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include "core/Paths.h"
#include "core/SmallFile.h"

namespace ml::ui {
namespace {

struct ActionInfo {
  Action action;
  const char* id;
  const char* dutch;
};

// In the order help lists them.
constexpr std::array<ActionInfo, 43> kActions = {{
    {Action::PlayPause, "play-pause", "afspelen of pauzeren"},
    {Action::Next, "next", "volgende op het gekozen niveau"},
    {Action::Previous, "previous", "vorige op het gekozen niveau"},
    {Action::LevelNext, "level-next", "volgend niveau kiezen"},
    {Action::LevelPrevious, "level-previous", "vorig niveau kiezen"},
    {Action::SeekBack, "seek-back", "10 seconden terug"},
    {Action::SeekForward, "seek-forward", "10 seconden vooruit"},
    {Action::SeekBackLong, "seek-back-long", "een minuut terug"},
    {Action::SeekForwardLong, "seek-forward-long", "een minuut vooruit"},
    {Action::GoLive, "go-live", "naar live, of naar het einde van een opname"},
    {Action::GoToStart, "go-to-start", "naar het begin"},
    {Action::GoTo, "go-to", "naar een moment: een positie zoals 12:30 of een kloktijd zoals 14.30"},
    {Action::Parts, "parts", "lijst van de sprekers en agendapunten met hun tijden; Enter speelt"},
    {Action::Bookmark, "bookmark", "een bladwijzer zetten"},
    {Action::Bookmarks, "bookmarks", "lijst van de bladwijzers; Enter speelt, Delete verwijdert"},
    {Action::SleepTimer, "sleep-timer", "slaaptimer: uit, 15, 30 of 60 minuten, of tot het einde van deze spreekbeurt of dit agendapunt"},
    {Action::Subtitles, "subtitles", "ondertiteling aan of uit: wat er gezegd wordt als regels"},
    {Action::Repeat, "repeat", "de laatste zin herhalen; nog eens: de zin daarvoor"},
    {Action::RepeatAloud, "repeat-aloud", "de laatste zin laten voorlezen"},
    {Action::Search, "search", "zoeken in wat er gezegd is"},
    {Action::SearchNext, "search-next", "naar de volgende plek die gevonden is"},
    {Action::SearchPrevious, "search-previous", "naar de vorige plek die gevonden is"},
    {Action::ReadAgenda, "read-agenda", "de agenda voorlezen"},
    {Action::ReadBackground, "read-background", "de achtergrond voorlezen"},
    {Action::ReadInfo, "read-info", "wat, wanneer en waar voorlezen"},
    {Action::WhereAmI, "where-am-i", "zeggen waar je bent"},
    {Action::Time, "time", "de tijd zeggen"},
    {Action::Help, "help", "hulp: alle toetsen opnoemen"},
    {Action::DescribeKeys, "describe-keys", "toetsen verkennen: een toets zegt wat hij doet"},
    {Action::VolumeUp, "volume-up", "harder"},
    {Action::VolumeDown, "volume-down", "zachter"},
    {Action::Mute, "mute", "geluid uit of weer aan"},
    {Action::SpeechRateUp, "speech-rate-up", "de stem sneller laten praten"},
    {Action::SpeechRateDown, "speech-rate-down", "de stem langzamer laten praten"},
    {Action::SpeedUp, "speed-up", "sneller afspelen"},
    {Action::SpeedDown, "speed-down", "langzamer afspelen"},
    {Action::SpeedNormal, "speed-normal", "op normale snelheid afspelen"},
    {Action::Verbosity, "verbosity", "meldingen: alles, alleen sprekers, of uit"},
    {Action::OutputMode, "output-mode", "uitvoer: schermlezer, spraak of beide"},
    {Action::StopSpeech, "stop-speech", "de stem stil"},
    {Action::Select, "select", "kiezen"},
    {Action::Back, "back", "terug"},
    {Action::Quit, "quit", "stoppen"},
}};

const ActionInfo& info(Action a) {
  return *std::find_if(kActions.begin(), kActions.end(), [a](const ActionInfo& i) { return i.action == a; });
}

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  while (true) {
    s = trim(s);
    if (s.empty()) return out;
    const auto end = std::min(s.find_first_of(" \t"), s.size());
    out.push_back(s.substr(0, end));
    s.remove_prefix(end);
  }
}

// Why a key can never be bound, or "" when it can.
std::string refusal(std::string_view key) {
  if (key == "capslock") return "Caps Lock is van de schermlezer en kan niet gebruikt worden";
  if (key == "numlock") return "het numerieke toetsenblok wordt niet gebruikt";
  if (key == "insert" || key.ends_with("+insert")) {
    return "Insert is van de schermlezer en kan niet gebruikt worden";
  }
  if (key == "ctrl+c" || key == "ctrl+z" || key == "ctrl+\\") {
    return fmt::format("{} is van de terminal (stoppen of onderbreken) en kan niet gebruikt worden",
                       dutchKeyName(key));
  }
  if (key == "ctrl+h" || key == "ctrl+i" || key == "ctrl+j" || key == "ctrl+m") {
    return fmt::format("{} komt bij meeluister aan als een andere toets (Backspace, Tab of Enter)",
                       dutchKeyName(key));
  }
  return "";
}

// keys.conf through SmallFile: a FIFO or device there cannot hang the program; it is a few
// KB, so 256 KB is plenty (a longer file is read up to its last whole line).
std::optional<std::string> readFile(const std::filesystem::path& path) {
  SmallFile f = readSmallFile(path, 256 * 1024);
  if (f.status != SmallFile::Status::Ok) return std::nullopt;
  if (f.truncated) {
    const auto nl = f.text.rfind('\n');
    f.text.resize(nl == std::string::npos ? 0 : nl + 1);
  }
  return std::move(f.text);
}

}  // namespace

const char* actionId(Action a) { return info(a).id; }

std::optional<Action> actionFromId(std::string_view id) {
  for (const auto& i : kActions) {
    if (id == i.id) return i.action;
  }
  return std::nullopt;
}

std::string dutchDescription(Action a) { return info(a).dutch; }

std::vector<Action> allActions() {
  std::vector<Action> out;
  for (const auto& i : kActions) out.push_back(i.action);
  return out;
}

void KeyMap::unbindAll(Action action) {
  for (const auto& key : keys_[action]) byKey_.erase(key);
  keys_.erase(action);
}

void KeyMap::bind(Action action, std::string_view written, const std::string& where,
                  std::vector<std::string>& warnings) {
  const auto key = canonicalKeyName(written);
  if (!key) {
    warnings.push_back(fmt::format("{}: onbekende toets '{}'; die wordt overgeslagen.", where, written));
    return;
  }
  if (const auto why = refusal(*key); !why.empty()) {
    warnings.push_back(fmt::format("{}: {}.", where, why));
    return;
  }
  if (const auto old = byKey_.find(*key); old != byKey_.end()) {
    if (old->second == action) return;
    warnings.push_back(fmt::format("{}: {} was al '{}' en wordt nu '{}'.", where, dutchKeyName(*key),
                                   dutchDescription(old->second), dutchDescription(action)));
    auto& list = keys_[old->second];
    list.erase(std::remove(list.begin(), list.end(), *key), list.end());
  }
  byKey_[*key] = action;
  keys_[action].push_back(*key);
}

void KeyMap::bindLine(Action action, std::string_view keys, const std::string& where,
                      std::vector<std::string>& warnings) {
  for (const auto key : words(keys)) bind(action, key, where, warnings);
}

KeyMap KeyMap::build(std::string_view defaults, const std::map<std::string, std::string>& overrides,
                     std::vector<std::string>& warnings) {
  KeyMap map;
  int number = 0;
  std::size_t start = 0;
  while (start < defaults.size()) {
    const auto end = std::min(defaults.find('\n', start), defaults.size());
    const auto line = trim(defaults.substr(start, end - start));
    start = end + 1;
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto where = fmt::format("keys.conf, regel {}", number);
    const auto eq = line.find('=');
    const auto action = eq == std::string_view::npos ? std::nullopt : actionFromId(trim(line.substr(0, eq)));
    if (!action) {
      warnings.push_back(fmt::format("{}: '{}' is geen 'actie = toetsen'; overgeslagen.", where, line));
      continue;
    }
    map.bindLine(*action, line.substr(eq + 1), where, warnings);
  }
  for (const auto& [id, keys] : overrides) {
    const auto where = fmt::format("instellingen [toetsen], {}", id);
    const auto action = actionFromId(trim(id));
    if (!action) {
      warnings.push_back(fmt::format("{}: onbekende actie; overgeslagen.", where));
      continue;
    }
    map.unbindAll(*action);
    map.bindLine(*action, keys, where, warnings);
  }
  if (map.keysFor(Action::Quit).empty()) {
    warnings.push_back("Er is geen toets om te stoppen; Ctrl+C stopt meeluister altijd.");
  }
  return map;
}

KeyMap KeyMap::load(const std::map<std::string, std::string>& overrides,
                    std::vector<std::string>& warnings) {
  const auto path = paths::dataDir() / "data" / "keys.conf";
  const auto text = readFile(path);
  if (!text) warnings.push_back(fmt::format("De standaardtoetsen ({}) zijn niet te lezen.", path.string()));
  return build(text.value_or(""), overrides, warnings);
}

KeyMap KeyMap::loadDefault(std::vector<std::string>& warnings) { return load({}, warnings); }

std::optional<Action> KeyMap::action(std::string_view key) const {
  const auto it = byKey_.find(key);
  if (it == byKey_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> KeyMap::keysFor(Action a) const {
  const auto it = keys_.find(a);
  return it == keys_.end() ? std::vector<std::string>{} : it->second;
}

std::string KeyMap::describe(std::string_view key) const {
  const auto a = action(key);
  return fmt::format("{}: {}", dutchKeyName(key), a ? dutchDescription(*a) : "geen functie");
}

}  // namespace ml::ui
