// libFuzzer target: the key decoder never crashes, never names a key with raw bytes of a
// sequence in it, names only keys a key map can bind (or "onbekend"), and gives the same
// keys however the bytes are split over reads.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ui/KeyDecoder.h"
#include "ui/KeyMap.h"

namespace {
std::vector<std::string> decode(std::string_view bytes, std::size_t chunk) {
  ml::ui::KeyDecoder d;
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < bytes.size(); i += chunk) {
    for (auto& k : d.feed(bytes.substr(i, chunk))) keys.push_back(std::move(k));
  }
  for (auto& k : d.flush()) keys.push_back(std::move(k));
  if (d.pending()) std::abort();
  return keys;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = 1 + data[0] % 7;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto whole = decode(bytes, bytes.size() + 1);
  if (decode(bytes, chunk) != whole) std::abort();
  std::size_t total = 0;
  for (const auto& k : whole) {
    if (k.empty()) std::abort();
    for (const char c : k) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) std::abort();  // no raw control bytes
    }
    if (k != ml::ui::kUnknownKey && ml::ui::canonicalKeyName(k) != k) std::abort();
    total += 1;
  }
  if (total > bytes.size()) std::abort();  // every key takes at least one byte
  return 0;
}
