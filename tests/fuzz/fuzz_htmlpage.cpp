// libFuzzer target: the page reader (gumbo), the HTML field reader (htmlParagraphs, for
// Debat Direct's introduction and the open data's Noot) and the step to the model never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/Fetcher.h"
#include "sources/WebPage.h"
#include "text/HtmlPage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const auto page = ml::text::parseHtmlPage(html);
  for (const auto& p : ml::text::htmlParagraphs(html)) {
    if (p.empty()) __builtin_trap();  // an empty paragraph is never given
  }
  try {
    const auto info = ml::sources::web::readPage(page);
    ml::Debate d;
    ml::sources::web::enrich(d, info, "https://www.tweedekamer.nl/x");
  } catch (const ml::sources::SourceError&) {
  }
  return 0;
}
