#include "app/modes/PromptMode.h"

namespace ml::app {
namespace {

// A typed character as the voice says it: the signs a time or a search holds by name.
std::string spokenChar(const std::string& c) {
  if (c == " ") return "spatie";
  if (c == ":") return "dubbele punt";
  if (c == ".") return "punt";
  if (c == ",") return "komma";
  if (c == "-") return "streepje";
  if (c == "/") return "schuine streep";
  return c;
}

}  // namespace

void PromptMode::echo(const std::string& text) {
  // Typed characters are heard when meeluister speaks (in schermlezer and beide the screen
  // reader echoes typed keys itself; the answer to Enter repeats what was typed).
  if (out_.speaksReplies()) out_.say(text, speech::Priority::Echo);
}

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
      echo("weg: " + spokenChar(text_.substr(n)));
      text_.erase(n);
    }
    return KeyResult::Handled;
  }
  if (key == "space") {
    text_ += ' ';
    echo(spokenChar(" "));
    return KeyResult::Handled;
  }
  // A printable character is a key name of one character (or one UTF-8 character).
  const auto first = static_cast<unsigned char>(key.empty() ? 0 : key[0]);
  const bool one = !key.empty() && (key.size() == 1 ? first >= 0x20 && first < 0x7f : first >= 0xC0 && key.size() <= 4);
  if (one) {
    text_ += key;
    echo(spokenChar(key));
  }
  return KeyResult::Handled;
}

}  // namespace ml::app
