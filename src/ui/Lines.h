// The listener's lines: the only code that writes to stdout. One whole line per call,
// flushed at once, never redrawn; safe from any thread (not from the audio callback).
#pragma once
#include <string_view>

namespace ml::ui {

// How a line is shown when the listener asked for colour (Output decides; the codes are
// added here, around text that has already been made printable).
enum class Style { Plain, Bold, Error };

void line(std::string_view text);
void line(std::string_view text, Style style);

}  // namespace ml::ui
