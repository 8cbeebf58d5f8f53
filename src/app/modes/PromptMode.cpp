#include "app/modes/PromptMode.h"

namespace ml::app {

KeyResult PromptMode::key(const std::string& key, std::optional<ui::Action>) {
  // Keys by name, not by the listener's map: in a prompt a letter is a letter.
  if (key == "enter") {
    if (done_) done_(text_);
    return KeyResult::Leave;
  }
  if (key == "escape") {
    out_.say("Geannuleerd.", speech::Priority::Echo);
    if (cancelled_) cancelled_();
    return KeyResult::Leave;
  }
  if (key == "backspace") {
    if (text_.empty()) {
      out_.say("Leeg.", speech::Priority::Echo);
    } else {
      // Drop one UTF-8 character.
      std::size_t n = text_.size() - 1;
      while (n > 0 && (static_cast<unsigned char>(text_[n]) & 0xC0) == 0x80) --n;
      text_.erase(n);
    }
    return KeyResult::Handled;
  }
  if (key == "space") {
    text_ += ' ';
    return KeyResult::Handled;
  }
  // A printable character is a key name of one character (or one UTF-8 character).
  const auto first = static_cast<unsigned char>(key.empty() ? 0 : key[0]);
  const bool one = !key.empty() && (key.size() == 1 ? first >= 0x20 && first < 0x7f : first >= 0xC0 && key.size() <= 4);
  if (one) text_ += key;
  return KeyResult::Handled;
}

}  // namespace ml::app
