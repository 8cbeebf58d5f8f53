// Typing a line (for "go to a time" and search): printable characters are added, Backspace
// takes the last one off, Enter gives the line to `done`, Escape cancels. Nothing is echoed
// per character (the terminal's echo is off); Backspace on an empty line says so.
// No key opens a prompt yet: the features that use it bind their own key.
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
  Output& out_;
  std::function<void(const std::string&)> done_;
  std::function<void()> cancelled_;
  std::string text_;
};

}  // namespace ml::app
