#include "app/modes/HelpMode.h"

namespace ml::app {

std::string keyFor(const ui::KeyMap& keys, ui::Action action) {
  const auto k = keys.keysFor(action);
  return k.empty() ? std::string() : ui::dutchKeyName(k.front());
}

std::string keyHint(const ui::KeyMap& keys, ui::Action action, const std::string& what) {
  const std::string k = keyFor(keys, action);
  return k.empty() ? std::string() : "Toets " + k + " " + what + ".";
}

std::vector<std::string> helpLines(const ui::KeyMap& keys) {
  std::vector<std::string> lines;
  for (ui::Action a : ui::allActions()) {
    const auto k = keys.keysFor(a);
    if (k.empty()) continue;
    std::string names;
    for (const auto& key : k) names += (names.empty() ? "" : " of ") + ui::dutchKeyName(key);
    // A sentence: capital first ("Spatie: ...").
    if (!names.empty() && names[0] >= 'a' && names[0] <= 'z') names[0] = static_cast<char>(names[0] - 'a' + 'A');
    lines.push_back(names + ": " + ui::dutchDescription(a) + ".");
  }
  lines.push_back("Elke toets laat de stem van meeluister meteen zwijgen.");
  return lines;
}

HelpMode::HelpMode(Output& out, const ui::KeyMap& keys)
    : out_(out), keys_(keys), list_(out, helpLines(keys), ListMode::Hooks{{}, {}, {}, true}) {}

std::string HelpMode::opening() const {
  const std::string up = keyFor(keys_, ui::Action::Previous), down = keyFor(keys_, ui::Action::Next);
  const std::string esc = keyFor(keys_, ui::Action::Back);
  std::string walk = !up.empty() && !down.empty() ? up + " en " + down + " lopen door de toetsen"
                     : !down.empty()              ? down + " loopt door de toetsen"
                                                  : "";
  std::string line = "Hulp";
  if (!walk.empty()) line += ": " + walk;
  if (!esc.empty()) line += (walk.empty() ? ": " : ", ") + esc + " sluit";
  return line + ".";
}

KeyResult HelpMode::key(const std::string& key, std::optional<ui::Action> action) {
  // The first Down says the first key (not the second).
  if (!moved_ && action == ui::Action::Next) {
    moved_ = true;
    list_.setCursor(0);
    list_.sayCurrent();
    return KeyResult::Handled;
  }
  if (action == ui::Action::Next || action == ui::Action::Previous) moved_ = true;
  if (action == ui::Action::Back) {
    out_.say("Hulp gesloten.", speech::Priority::Echo);
    return KeyResult::Leave;
  }
  return list_.key(key, action);
}

}  // namespace ml::app
