// libFuzzer target: the WebVTT parser (text/WebVtt) on any bytes never crashes, and what it
// gives is fit to show: every cue has lines, each non-empty, valid UTF-8 without a control
// character a terminal acts on (C0, DEL, C1, bidi overrides and isolates), no longer than
// kMaxLineBytes, trimmed; at most kMaxLinesPerCue lines and kMaxCues cues; end >= start.
// Roll-up merging of consecutive cues only ever returns a tail of the next cue's lines.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/Utf8.h"
#include "text/WebVtt.h"

namespace {

bool fitToShow(const std::string& line) {
  if (line.empty() || line.size() > ml::text::vtt::kMaxLineBytes) return false;
  if (line.front() == ' ' || line.back() == ' ' || line.find("  ") != std::string::npos) return false;
  for (std::size_t i = 0; i < line.size();) {
    const auto d = ml::utf8::decode(line, i);
    if (d.status != ml::utf8::Decoded::Status::Ok) return false;
    const char32_t cp = d.cp;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return false;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return false;
    i += d.length;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace vtt = ml::text::vtt;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)vtt::parseTimestamp(text);
  vtt::File file;
  try {
    file = vtt::parse(text);
  } catch (const vtt::VttError&) {
    return 0;
  }
  if (file.cues.size() > vtt::kMaxCues) std::abort();
  const std::vector<std::string>* shown = nullptr;
  for (const vtt::Cue& cue : file.cues) {
    if (cue.lines.empty() || cue.lines.size() > vtt::kMaxLinesPerCue) std::abort();
    if (!(cue.end >= cue.start) || !(cue.start >= 0)) std::abort();
    for (const std::string& line : cue.lines) {
      if (!fitToShow(line)) std::abort();
    }
    if (!cue.speaker.empty() && !fitToShow(cue.speaker)) std::abort();
    if (cue.text().empty()) std::abort();
    if (shown) {
      const auto fresh = vtt::newLines(*shown, cue.lines);
      if (fresh.size() > cue.lines.size()) std::abort();
      if (!std::equal(fresh.begin(), fresh.end(), cue.lines.end() - static_cast<std::ptrdiff_t>(fresh.size()))) {
        std::abort();
      }
    }
    shown = &cue.lines;
  }
  return 0;
}
