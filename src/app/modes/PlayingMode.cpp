#include "app/modes/PlayingMode.h"

#include "app/Session.h"
#include "app/modes/HelpMode.h"

namespace ml::app {

KeyResult PlayingMode::key(const std::string& key, std::optional<ui::Action> action) {
  if (!action) {
    if (key != "onbekend") {
      const std::string hint = keyHint(keys_, ui::Action::Help, "voor hulp");
      out_.say(ui::dutchKeyName(key) + " doet niets." + (hint.empty() ? "" : " " + hint), speech::Priority::Echo);
    }
    return KeyResult::Handled;
  }
  session_.perform(*action);
  return KeyResult::Handled;
}

}  // namespace ml::app
