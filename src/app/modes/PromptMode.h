// Typing a line (for "go to a moment", and search): printable characters are added,
// Backspace takes the last one off, Enter gives the line to `done`, Escape cancels. The
// terminal's echo is off; when meeluister speaks, each typed character is said (the signs
// by name: "dubbele punt"), otherwise the screen reader's own key echo does it. Nothing is
// printed per character (no redrawn line); the answer to Enter repeats what was typed.
#pragma once
#include <functional>
#include <string>

#include "app/Output.h"
#include "app/modes/Mode.h"

namespace ml::app {

class PromptMode : public Mode {
 public:
  PromptMode(Output& out, std::function<void(const std::string&)> done, std::function<void()> cancelled = {})
      : out_(out), done_(std::move(done)), cancelled_(std::move(cancelled)) {}
  KeyResult key(const std::string& key, std::optional<ui::Action> action) override;
  const std::string& text() const { return text_; }

 private:
  void echo(const std::string& text);
  Output& out_;
  std::function<void(const std::string&)> done_;
  std::function<void()> cancelled_;
  std::string text_;
};

}  // namespace ml::app
