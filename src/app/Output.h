// The listener's lines, printed or spoken according to the output mode, and never both, so a
// screen reader reading new output and meeluister's own voice never say the same words
// (docs/spraak.md):
//   schermlezer (ScreenReader)  every line printed; meeluister's voice says nothing
//   spraak (SelfVoicing)        Speak lines and live announcements spoken, not printed;
//                               Print lines and note() printed, not spoken
//   beide (Both)                every line printed; live announcements spoken (so they duck
//                               the debate), not printed
// Without a speaker (speech could not start) every mode prints like schermlezer.
// Log lines go to the log only, in every mode. App thread only.
#pragma once
#include <string>
#include <vector>

#include "app/Config.h"
#include "speech/Speaker.h"
#include "ui/Lines.h"

namespace ml::app {

// How much the listener needs a line (the speech budget, docs/spraak.md):
//   Log    technical (which host, connecting): only in the log (--verbose), never printed
//          nor spoken
//   Print  worth reading, not worth burying the debate under: printed, never spoken by
//          meeluister's own voice
//   Speak  changes what the listener hears or answers a key: said according to the
//          output mode
enum class Weight { Log, Print, Speak };

class Output {
 public:
  // `colour`: errors in red and live announcements in bold (only when asked for, never with
  // NO_COLOR, and only on a terminal).
  Output(OutputMode mode, speech::Speaker* speaker, bool colour = false);

  // A line for the listener. Echo/Reply/Error as in speech::Priority.
  void say(const std::string& text, speech::Priority priority = speech::Priority::Reply);
  // A line of the given weight (Log: the log only; Print: printed only; Speak: as say()).
  void say(const std::string& text, speech::Priority priority, Weight weight);
  // A line that is only ever printed (details, lists), never spoken by meeluister's voice.
  void note(const std::string& text);
  void sayAll(const std::vector<std::string>& lines, speech::Priority priority = speech::Priority::Reply);
  // A live announcement (may be shortened or dropped by the speech queue when busy).
  void announce(const std::string& text, const std::string& shortText);
  // Silences meeluister's own speech at once (a key was pressed).
  void stopSpeech();

  OutputMode mode() const { return mode_; }
  void setMode(OutputMode mode);
  speech::Speaker* speaker() const { return speaker_; }
  bool voiced() const { return speaker_ != nullptr && mode_ != OutputMode::ScreenReader; }
  // say() speaks (spraak) rather than prints: a caller may then choose a shorter line.
  bool speaksReplies() const { return speaker_ != nullptr && mode_ == OutputMode::SelfVoicing; }

 private:
  void print(const std::string& text, ui::Style style);
  void speak(const std::string& text, speech::Priority priority, const std::string& shortText = {});

  OutputMode mode_;
  speech::Speaker* speaker_;
  bool colour_;
};

}  // namespace ml::app
