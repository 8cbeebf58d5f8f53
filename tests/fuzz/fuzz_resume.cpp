// libFuzzer target: the resume file's reader (app/Resume.h parseEntries) on any bytes.
// Properties: no crash; every entry has a key without newline and a finite position in range.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/Resume.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& [key, seconds] : ml::app::resume::parseEntries(text)) {
    if (key.empty() || key.find('\n') != std::string::npos) std::abort();
    if (!std::isfinite(seconds) || seconds < 0 || seconds >= 1e7) std::abort();
  }
  return 0;
}
