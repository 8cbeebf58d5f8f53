// libFuzzer target: ml::printable (the cleaner every stdout and stderr line passes) never
// crashes, always gives valid UTF-8 with no control character a terminal acts on (C0, DEL,
// C1, bidi overrides and isolates), is idempotent, and never more than triples the text
// (one U+FFFD per ill-formed byte at most). The decoder agrees with itself on the way.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/Utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::string out = ml::printable(in);
  if (!ml::utf8::isValid(out)) std::abort();
  if (out.size() > 3 * in.size() + 3) std::abort();
  for (std::size_t i = 0; i < out.size();) {
    const auto d = ml::utf8::decode(out, i);
    if (d.status != ml::utf8::Decoded::Status::Ok || d.length == 0) std::abort();
    const char32_t cp = d.cp;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) std::abort();
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) std::abort();
    i += d.length;
  }
  if (ml::printable(out) != out) std::abort();
  // The decoder always moves forward and never past the end.
  for (std::size_t i = 0; i < in.size();) {
    const auto d = ml::utf8::decode(in, i);
    if (d.length == 0 || i + d.length > in.size()) std::abort();
    i += d.length;
  }
  return 0;
}
