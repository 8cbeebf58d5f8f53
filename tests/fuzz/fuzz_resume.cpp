// libFuzzer target: the per-debate state file's reader and writer (app/Resume.h
// parseState/formatState) and the old shared file's reader (parseEntries), on any bytes.
// Properties: no crash; positions and bookmark times finite and in range; at most
// kMaxBookmarks bookmarks, sorted by time; what is written reads back the same.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/Resume.h"

namespace {
bool inRange(double s) { return std::isfinite(s) && s >= 0 && s < 1e7; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace r = ml::app::resume;
  for (const auto& [key, seconds] : r::parseEntries(text)) {
    if (key.empty() || key.find('\n') != std::string::npos) std::abort();
    if (!inRange(seconds)) std::abort();
  }
  const r::State s = r::parseState(text);
  if (s.position && !inRange(*s.position)) std::abort();
  if (s.bookmarks.size() > r::kMaxBookmarks) std::abort();
  for (const auto& b : s.bookmarks) {
    if (!inRange(b.seconds) || b.name.find('\n') != std::string::npos) std::abort();
  }
  if (!std::is_sorted(s.bookmarks.begin(), s.bookmarks.end(),
                      [](const r::Bookmark& a, const r::Bookmark& b) { return a.seconds < b.seconds; })) {
    std::abort();
  }
  // Written and read again: the same state (a key read from a file is one line already).
  if (s.key.find('\r') == std::string::npos && s.key.find('\t') == std::string::npos) {
    const r::State back = r::parseState(r::formatState(s));
    bool namesClean = true;
    for (const auto& b : s.bookmarks) namesClean = namesClean && b.name.find_first_of("\t\r") == std::string::npos;
    if (back.key != s.key && !s.key.empty()) std::abort();
    if (back.position.has_value() != s.position.has_value()) std::abort();
    if (namesClean && back.bookmarks.size() != s.bookmarks.size()) std::abort();
  }
  return 0;
}
