// libFuzzer target: mojibake repair never crashes, never grows text, and leaves text with
// nothing to repair exactly as it was (repairing a repair changes nothing more than twice).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/Mojibake.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto r = ml::text::repairMojibakeDetailed(text);
  if (r.text.size() > text.size()) std::abort();  // a repair always shortens
  if (r.sequences == 0 && r.text != text) std::abort();
  return 0;
}
