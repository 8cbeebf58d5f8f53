// libFuzzer target: the settings parser never throws or crashes, keeps every value in its
// range, keeps only known actions in [toetsen], and the key map built from the same text
// (as defaults and as overrides) never binds a refused key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "app/Config.h"
#include "ui/KeyMap.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> warnings;
  const auto s = ml::app::parseSettings(text, warnings);
  if (s.speechRate < 80 || s.speechRate > 900) std::abort();
  if (s.volumePercent < 0 || s.volumePercent > 200) std::abort();
  if (!(s.speed >= 0.5 && s.speed <= 3.0)) std::abort();
  if (!(s.duckDb >= 0 && s.duckDb <= 60)) std::abort();
  if (!(s.duckAttackSeconds >= 0 && s.duckAttackSeconds <= 2)) std::abort();
  if (!(s.duckReleaseSeconds >= 0 && s.duckReleaseSeconds <= 10)) std::abort();
  for (const auto& [action, keys] : s.keys) {
    if (!ml::ui::actionFromId(action)) std::abort();
  }
  const auto map = ml::ui::KeyMap::build(text, s.keys, warnings);
  for (const char* refused : {"insert", "capslock", "ctrl+c", "ctrl+insert", "ctrl+m"}) {
    if (map.action(refused)) std::abort();
  }
  for (const auto a : ml::ui::allActions()) {
    for (const auto& k : map.keysFor(a)) {
      if (map.action(k) != a) std::abort();  // both directions agree
    }
  }
  return 0;
}
