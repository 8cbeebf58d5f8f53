// Which key does what. The bindings are data: data/keys.conf holds the defaults, the user's
// config file ([toetsen]) changes them. Key names are those of KeyDecoder ("space", "ctrl+up",
// "L"). Insert and CapsLock belong to the screen reader and are never bound; the numeric
// keypad is not used; Ctrl+C, Ctrl+Z and Ctrl+\ are the terminal's (they send signals).
// Plain values: copy freely, read from any thread once built.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ml::ui {

enum class Action {
  PlayPause, Next, Previous, LevelNext, LevelPrevious, SeekBack, SeekForward,
  SeekBackLong, SeekForwardLong, GoLive, GoToStart, GoTo, Parts, Bookmark, Bookmarks, SleepTimer,
  Subtitles, Repeat, RepeatAloud, Search, SearchNext, SearchPrevious, ReadAgenda, ReadBackground, ReadInfo, WhereAmI,
  Time, Help, DescribeKeys, VolumeUp, VolumeDown, Mute, SpeechRateUp, SpeechRateDown, SpeedUp,
  SpeedDown, SpeedNormal, Verbosity, OutputMode, StopSpeech, Select, Back, Quit
};

const char* actionId(Action);                        // "play-pause", "next", ... (as in data files)
std::optional<Action> actionFromId(std::string_view);
std::string dutchDescription(Action);                // "afspelen of pauzeren"
std::vector<Action> allActions();                    // in the order help lists them

// "spatie", "pijl omhoog", "Ctrl+pijl omhoog", "hoofdletter L", "vraagteken", "onbekende toets".
std::string dutchKeyName(std::string_view key);

// The canonical decoder name for a key as a person may write it in a config file
// ("Ctrl+Up" -> "ctrl+up", "shift+a" -> "A", "spatie" -> "space"); nullopt when the decoder
// can never produce it. Says nothing about whether the key may be bound.
std::optional<std::string> canonicalKeyName(std::string_view written);

class KeyMap {
 public:
  // defaults: the text of data/keys.conf (`action-id = key key ...`, `#` comments);
  // overrides: action-id -> keys from the user's [toetsen] section; they replace that action's
  // keys ("" switches it off). A key bound twice: the later binding wins, with a warning.
  // Bad lines and refused keys give Dutch warnings; never throws.
  static KeyMap build(std::string_view defaults, const std::map<std::string, std::string>& overrides,
                      std::vector<std::string>& warnings);
  // Reads paths::dataDir()/data/keys.conf (a warning when it cannot be read).
  static KeyMap loadDefault(std::vector<std::string>& warnings);
  // The defaults from data/keys.conf with the user's overrides on top.
  static KeyMap load(const std::map<std::string, std::string>& overrides,
                     std::vector<std::string>& warnings);

  std::optional<Action> action(std::string_view key) const;
  std::vector<std::string> keysFor(Action) const;  // in the order they were bound
  // For the key describer: "spatie: afspelen of pauzeren", "x: geen functie".
  std::string describe(std::string_view key) const;

 private:
  void bind(Action action, std::string_view written, const std::string& where,
            std::vector<std::string>& warnings);
  void unbindAll(Action action);
  void bindLine(Action action, std::string_view keys, const std::string& where,
                std::vector<std::string>& warnings);

  std::map<std::string, Action, std::less<>> byKey_;
  std::map<Action, std::vector<std::string>> keys_;
};

}  // namespace ml::ui
