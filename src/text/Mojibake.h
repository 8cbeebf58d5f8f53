// Repair of mojibake: UTF-8 text that was once read in a single-byte code page and
// encoded as UTF-8 again ("CreĆ«ren" for "Creëren": Windows-1257, "CafÃ©" for "Café":
// Windows-1252). Pure functions over tables; thread-safe.
#pragma once
#include <string>
#include <string_view>

namespace ml::text {

struct MojibakeRepair {
  std::string text;           // the repaired text (the input when nothing was repaired)
  std::string_view codePage;  // the code page undone ("" when none)
  int sequences = 0;          // how many misread characters were repaired
};

// Looks for runs of characters that, encoded again in one code page (Windows-1252,
// -1257, -1250, ISO-8859-1, -15, -2, -13), form valid multi-byte UTF-8 for a plausible
// character, and decodes them. Picks the code page that explains the most runs and
// repairs twice at most (double mojibake). Correct text ("Creëren", "café", "één", "€")
// is left alone; invalid UTF-8 input is returned unchanged.
MojibakeRepair repairMojibakeDetailed(std::string_view utf8);

// repairMojibakeDetailed(utf8).text
std::string repairMojibake(std::string_view utf8);

}  // namespace ml::text
