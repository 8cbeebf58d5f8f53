// The listener's lines: the only code that writes to stdout (and errorLine: the errors
// that end a command, on stderr). One whole line per call,
// flushed at once, never redrawn; safe from any thread (not from the audio callback).
// Every line passes ml::printable (core/Utf8.h) first: control characters, escape
// sequences, bidi overrides and ill-formed UTF-8 from the network never reach the terminal,
// and a line break inside the text becomes " / ". A closed stdout (a pipe whose reader
// left) is not fatal: SIGPIPE is ignored and the line is lost.
#pragma once
#include <string_view>

namespace ml::ui {

// How a line is shown when the listener asked for colour (Output decides; the codes are
// added here, around text that has already been made printable).
enum class Style { Plain, Bold, Error };

void line(std::string_view text);
void line(std::string_view text, Style style);

// An error that ends the command (or a usage error): "meeluister: TEXT" on stderr, made
// printable the same way, so that `meeluister show X > file` does not capture it. Lines
// meant for the listener while something plays stay on stdout (ui::line).
void errorLine(std::string_view text);

}  // namespace ml::ui
