// Fuzzes the request-head parser and target splitting of the loopback HTTP server.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "net/LoopbackHttp.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace lb = ml::net::loopback;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto end = lb::findHeadEnd(input);
  if (end && *end > input.size()) std::abort();
  const auto head = lb::parseRequestHead(end ? input.substr(0, *end) : input);
  const auto segments = lb::targetSegments(head ? std::string_view(head->target) : input);
  if (segments) {
    for (const auto& s : *segments) {
      // No segment may ever climb out of the served folder or be empty.
      if (s.empty() || s == "." || s == ".." || s.find('/') != s.npos || s.find('\0') != s.npos) {
        std::abort();
      }
      (void)lb::contentTypeFor(s);
    }
  }
  return 0;
}
