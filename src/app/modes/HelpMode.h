// Help you can walk through: opening it says one line; Up/Down (the listener's own
// previous/next keys) step through the keys one by one, "key: what it does", in the
// listener's own key map; Escape leaves; any other key leaves help and does its work.
#pragma once
#include <string>
#include <vector>

#include "app/Output.h"
#include "app/modes/ListMode.h"

namespace ml::app {

// The Dutch name of the listener's first key for `action` ("" when none is bound).
std::string keyFor(const ui::KeyMap& keys, ui::Action action);
// "Toets h voor hulp." with the listener's own key ("" when the action has no key).
std::string keyHint(const ui::KeyMap& keys, ui::Action action, const std::string& what);

// One line per bound action: "Spatie: afspelen of pauzeren." (keys joined with "of").
std::vector<std::string> helpLines(const ui::KeyMap& keys);

class HelpMode : public Mode {
 public:
  HelpMode(Output& out, const ui::KeyMap& keys);
  // The one line said on opening.
  std::string opening() const;
  KeyResult key(const std::string& key, std::optional<ui::Action> action) override;

 private:
  Output& out_;
  const ui::KeyMap& keys_;
  ListMode list_;
  bool moved_ = false;
};

}  // namespace ml::app
