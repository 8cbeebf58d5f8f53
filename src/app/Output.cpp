#include "app/Output.h"

#include "ui/Lines.h"

namespace ml::app {

void Output::say(const std::string& text, speech::Priority priority) {
  if (text.empty()) return;
  ui::line(text);
  if (speaker_ != nullptr && mode_ == OutputMode::SelfVoicing) speaker_->say(text, priority);
}

void Output::sayAll(const std::vector<std::string>& lines, speech::Priority priority) {
  for (const auto& l : lines) say(l, priority);
}

void Output::announce(const std::string& text, const std::string& shortText) {
  if (text.empty()) return;
  ui::line(text);
  if (speaker_ != nullptr && mode_ != OutputMode::ScreenReader) {
    speaker_->say(text, speech::Priority::Notification, shortText);
  }
}

void Output::stopSpeech() {
  if (speaker_ != nullptr) speaker_->stop();
}

void Output::setMode(OutputMode mode) {
  if (mode == OutputMode::ScreenReader) stopSpeech();
  mode_ = mode;
}

}  // namespace ml::app
