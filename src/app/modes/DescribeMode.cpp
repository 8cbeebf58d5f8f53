#include "app/modes/DescribeMode.h"

namespace ml::app {

KeyResult DescribeMode::key(const std::string& key, std::optional<ui::Action> action) {
  if (action == ui::Action::DescribeKeys || action == ui::Action::Back) {
    out_.say("Toetsbeschrijving uit.");
    return KeyResult::Leave;
  }
  if (action) {
    out_.say(ui::dutchKeyName(key) + ": " + ui::dutchDescription(*action) + ".", speech::Priority::Echo);
  } else {
    out_.say(ui::dutchKeyName(key) + ": geen functie.", speech::Priority::Echo);
  }
  return KeyResult::Handled;
}

}  // namespace ml::app
