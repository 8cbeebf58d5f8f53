// A mode of the player's keys: each has its own small class and its own key handling, so
// a new feature is a mode of its own rather than another flag in Session.
//   playing  the player's actions (PlayingMode, Session's actions)
//   list     a list walked with Up/Down, Enter chooses, Escape leaves (ListMode: the
//            day's list; help is one too)
//   help     the keys as a list to walk (HelpMode)
//   describe every key says what it does instead of doing it (DescribeMode)
//   prompt   typing a line, Enter gives it, Escape cancels (PromptMode; no key opens it yet)
#pragma once
#include <optional>
#include <string>

#include "ui/KeyMap.h"

namespace ml::app {

// What a mode did with a key.
enum class KeyResult {
  Handled,  // the mode stays
  Leave,    // the mode is done: back to the one below (playing)
  Pass,     // not this mode's key: the mode closes and the key goes to the one below
};

class Mode {
 public:
  virtual ~Mode() = default;
  // `action` is what the listener's key map says the key does (if anything).
  virtual KeyResult key(const std::string& key, std::optional<ui::Action> action) = 0;
};

}  // namespace ml::app
