// A list walked by ear: Up/Down (the listener's previous/next keys) step and say the item,
// Home/End (go-to-start/go-live keys) the first and last, Enter chooses, Escape leaves.
// Other keys go to `other` (the owner's own keys, e.g. the day list's digits), and if that
// does not take them they pass to the mode below, or are answered "doet hier niets".
#pragma once
#include <functional>
#include <vector>

#include "app/Output.h"
#include "app/modes/Mode.h"

namespace ml::app {

class ListMode : public Mode {
 public:
  struct Hooks {
    std::function<void(std::size_t)> choose;   // Enter; empty: Enter does nothing here
    std::function<KeyResult()> back;           // Escape; empty: leave
    std::function<std::optional<KeyResult>(const std::string&, std::optional<ui::Action>)> other;
    bool passUnknown = false;                  // keys nobody took go to the mode below
    bool leaveAfterChoose = false;             // Enter chooses and closes the list
  };
  ListMode(Output& out, std::vector<std::string> items, Hooks hooks, std::size_t cursor = 0);

  KeyResult key(const std::string& key, std::optional<ui::Action> action) override;
  void sayCurrent();
  std::size_t cursor() const { return cursor_; }
  void setCursor(std::size_t c);
  std::size_t size() const { return items_.size(); }

 private:
  Output& out_;
  std::vector<std::string> items_;
  Hooks hooks_;
  std::size_t cursor_;
};

}  // namespace ml::app
