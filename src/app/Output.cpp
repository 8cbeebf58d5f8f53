#include "app/Output.h"

#include <unistd.h>

#include "core/Log.h"
#include "ui/Lines.h"

namespace ml::app {

Output::Output(OutputMode mode, speech::Speaker* speaker, bool colour)
    : mode_(mode), speaker_(speaker), colour_(colour && isatty(1) == 1) {}

// The colour codes wrap the whole line, so a screen reader still gets the plain text.
void Output::print(const std::string& text, ui::Style style) {
  if (colour_) ui::line(text, style);
  else ui::line(text);
}

// What meeluister's voice says is logged (--verbose), so a run shows both streams.
void Output::speak(const std::string& text, speech::Priority priority, const std::string& shortText) {
  log::info("gesproken: {}", text);
  speaker_->say(text, priority, shortText);
}

void Output::say(const std::string& text, speech::Priority priority) {
  if (text.empty()) return;
  if (speaksReplies()) speak(text, priority);
  else print(text, priority == speech::Priority::Error ? ui::Style::Error : ui::Style::Plain);
}

void Output::say(const std::string& text, speech::Priority priority, Weight weight) {
  switch (weight) {
    case Weight::Log: log::info("{}", text); break;
    case Weight::Print: note(text); break;
    case Weight::Speak: say(text, priority); break;
  }
}

void Output::note(const std::string& text) {
  if (!text.empty()) print(text, ui::Style::Plain);
}

void Output::sayAll(const std::vector<std::string>& lines, speech::Priority priority) {
  for (const auto& l : lines) say(l, priority);
}

void Output::announce(const std::string& text, const std::string& shortText) {
  if (text.empty()) return;
  if (speaker_ != nullptr && mode_ != OutputMode::ScreenReader) speak(text, speech::Priority::Notification, shortText);
  else print(text, ui::Style::Bold);
}

void Output::stopSpeech() {
  if (speaker_ != nullptr) speaker_->stop();
}

void Output::setMode(OutputMode mode) {
  if (mode == OutputMode::ScreenReader) stopSpeech();
  mode_ = mode;
}

}  // namespace ml::app
