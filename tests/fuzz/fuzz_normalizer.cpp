// libFuzzer target for the Dutch normaliser: any bytes in, plain safe text out.
// Aborts when the output holds markup characters, control characters or invalid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/DutchNormalizer.h"
#include "text/Utf8Clean.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ml::text::DutchNormalizer normalizer(
      std::filesystem::path(MEELUISTER_SOURCE_DATA_DIR) / "voices" / "nl");
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string out = normalizer.normalize(input);
  if (!ml::text::utf8::isValid(out)) std::abort();
  for (char c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '<' || c == '>' || c == '&' || u < 0x20 || u == 0x7F) std::abort();
  }
  return 0;
}
