#include "app/modes/ListMode.h"

namespace ml::app {

ListMode::ListMode(Output& out, std::vector<std::string> items, Hooks hooks, std::size_t cursor)
    : out_(out), items_(std::move(items)), hooks_(std::move(hooks)), cursor_(0) {
  setCursor(cursor);
}

void ListMode::setCursor(std::size_t c) { cursor_ = items_.empty() ? 0 : std::min(c, items_.size() - 1); }

void ListMode::sayCurrent() {
  if (items_.empty()) return;
  out_.say(items_[cursor_], speech::Priority::Echo);
}

KeyResult ListMode::key(const std::string& key, std::optional<ui::Action> action) {
  using A = ui::Action;
  if (hooks_.other) {
    if (auto r = hooks_.other(key, action)) return *r;
  }
  if (action) {
    switch (*action) {
      case A::Next:
        if (cursor_ + 1 < items_.size()) ++cursor_;
        sayCurrent();
        return KeyResult::Handled;
      case A::Previous:
        if (cursor_ > 0) --cursor_;
        sayCurrent();
        return KeyResult::Handled;
      case A::GoToStart:
        cursor_ = 0;
        sayCurrent();
        return KeyResult::Handled;
      case A::GoLive:
        if (!items_.empty()) cursor_ = items_.size() - 1;
        sayCurrent();
        return KeyResult::Handled;
      case A::Select:
        if (hooks_.choose) {
          hooks_.choose(cursor_);
          return hooks_.leaveAfterChoose ? KeyResult::Leave : KeyResult::Handled;
        }
        break;
      case A::Back: return hooks_.back ? hooks_.back() : KeyResult::Leave;
      default: break;
    }
  }
  if (hooks_.passUnknown) return KeyResult::Pass;
  if (key != "onbekend") out_.say(ui::dutchKeyName(key) + " doet hier niets.", speech::Priority::Echo);
  return KeyResult::Handled;
}

}  // namespace ml::app
