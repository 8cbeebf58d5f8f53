#include "app/Output.h"

#include <unistd.h>

#include "ui/Lines.h"

namespace ml::app {

Output::Output(OutputMode mode, speech::Speaker* speaker, bool colour)
    : mode_(mode), speaker_(speaker), colour_(colour && isatty(1) == 1) {}

// The colour codes wrap the whole line, so a screen reader still gets the plain text.
void Output::print(const std::string& text, const char* colour) {
  if (colour_ && colour != nullptr) ui::line(std::string(colour) + text + "\x1b[0m");
  else ui::line(text);
}

void Output::say(const std::string& text, speech::Priority priority) {
  if (text.empty()) return;
  print(text, priority == speech::Priority::Error ? "\x1b[1;31m" : nullptr);
  if (speaker_ != nullptr && mode_ == OutputMode::SelfVoicing) speaker_->say(text, priority);
}

void Output::sayAll(const std::vector<std::string>& lines, speech::Priority priority) {
  for (const auto& l : lines) say(l, priority);
}

void Output::announce(const std::string& text, const std::string& shortText) {
  if (text.empty()) return;
  print(text, "\x1b[1m");
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
