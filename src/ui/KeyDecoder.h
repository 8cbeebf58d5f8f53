// Turns the bytes a terminal sends in raw mode into key names. Pure: no I/O, no clock.
//
// Understands plain characters (ASCII and whole UTF-8 characters), control keys, the xterm and
// VT sequences (CSI "ESC [" and SS3 "ESC O", with modifiers such as ESC[1;5A = "ctrl+up"), the
// rxvt and Linux-console variants, and Alt as ESC followed by a character ("alt+x").
// A sequence may arrive split over several reads: feed() keeps the unfinished part and waits.
// A lone ESC cannot be told from the start of a sequence, so it waits too; the caller calls
// flush() after about 50 ms without input and gets "escape".
// Anything not understood is consumed whole and gives the name "onbekend" (never stray
// letters from the middle of a sequence).
//
// Key names: "a", "A", "?", "é" (the character itself), "space", "enter", "escape",
// "backspace", "tab", "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
// "delete", "insert", "f1".."f12", "ctrl+a".."ctrl+z" (but ctrl+h/i/j/m arrive as
// backspace/tab/enter/enter), modifiers as "ctrl+", "alt+", "shift+" prefixes in that order
// ("ctrl+shift+up"), "shift+tab", and "onbekend".
//
// Not thread-safe: one decoder per input, used by one thread.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ml::ui {

inline constexpr std::string_view kUnknownKey = "onbekend";

class KeyDecoder {
 public:
  // Adds bytes; returns the keys completed so far, in order.
  std::vector<std::string> feed(std::string_view bytes);
  // Call after ~50 ms without input: what waits is decided now (a lone ESC is "escape",
  // ESC [ is "alt+[", ESC O is "alt+O", any other unfinished part is "onbekend").
  std::vector<std::string> flush();
  // An incomplete sequence waits for more bytes (or for flush()).
  bool pending() const;

  // How long a caller should wait for the rest of a sequence before calling flush().
  static constexpr int kFlushMilliseconds = 50;

 private:
  void decode(std::vector<std::string>& keys);
  bool skipOverlongSequence();

  std::string buffer_;
  bool skipping_ = false;  // inside an over-long CSI sequence whose start was reported
};

}  // namespace ml::ui
