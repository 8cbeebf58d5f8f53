// libFuzzer: the one ISO 8601 parser and the TZif/POSIX-rule reader (core/Time, core/DutchZone).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/DutchZone.h"
#include "core/Time.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto t = ml::parseIso(text)) (void)ml::zone::dutchOffsetSeconds(t->utcSeconds);
  ml::zone::Zone z;
  if (ml::zone::parseTzif(text, z)) {
    for (std::int64_t t : {std::int64_t{-4000000000}, std::int64_t{0}, std::int64_t{1700000000}, std::int64_t{4000000000}}) {
      (void)ml::zone::offsetAt(z, t);
    }
  }
  ml::zone::PosixRule r;
  if (ml::zone::parsePosixRule(text, r)) {
    ml::zone::Zone rule;
    rule.rule = r;
    (void)ml::zone::offsetAt(rule, 1700000000);
  }
  return 0;
}
