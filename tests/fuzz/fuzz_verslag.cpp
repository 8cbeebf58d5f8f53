// libFuzzer target: the verbatim record's reader (sources/Verslag) and its small XML
// tokenizer never crash, hang or grow without bound; what it gives is printable and bounded.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/Utf8.h"
#include "sources/Verslag.h"

namespace {

// Every text that leaves the parser is valid UTF-8 and already printable.
void check(const std::string& text, std::size_t limit = 20000) {
  if (text.size() > limit || !ml::utf8::isValid(text) || ml::printable(text) != text) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  namespace vlos = ml::sources::vlos;
  try {
    const vlos::Record r = vlos::parse(xml);
    check(r.status);
    check(r.kind);
    check(r.title);
    check(r.room);
    double sum = r.start.value_or(0) + r.end.value_or(0);
    for (const auto& item : r.items) {
      check(item.title);
      check(item.subject);
      check(item.kind);
      check(item.number);
      sum += item.start.value_or(0) + item.end.value_or(0);
      const vlos::Speech* previous = nullptr;
      for (const auto& s : item.speeches) {
        check(s.speaker.name);
        check(s.speaker.party);
        check(s.speaker.role);
        check(s.speaker.salutation);
        check(s.kind);
        sum += s.start.value_or(0) + s.end.value_or(0) + (s.chair ? 1 : 0);
        for (const auto& p : s.paragraphs) {
          if (p.empty()) std::abort();
          check(p);
        }
        // Sorted by start (a speech without one sorts with the one before it).
        if (previous != nullptr && previous->start && s.start && *s.start < *previous->start) std::abort();
        if (s.start) previous = &s;
      }
    }
    if (r.statusLine().empty()) std::abort();
    (void)r.hasText();
    (void)sum;
  } catch (const vlos::VerslagError& e) {
    if (std::string_view(e.what()).empty()) std::abort();
  }
  return 0;
}
