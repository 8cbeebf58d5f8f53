// The listener's lines: the only code that writes to stdout. One whole line per call,
// flushed at once, never redrawn; safe from any thread (not from the audio callback).
#pragma once
#include <string_view>

namespace ml::ui {

void line(std::string_view text);

}  // namespace ml::ui
