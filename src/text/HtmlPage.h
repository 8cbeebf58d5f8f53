// Reads a tweedekamer.nl meeting or "Uitgelicht" page into sections in reading order,
// relying on HTML structure only (h1-h6, p, ul/ol/li, ...), never on CSS classes.
// Navigation, header, footer, scripts and styles are skipped; entities are decoded,
// whitespace is cleaned and mojibake is repaired. Pure; thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/Debate.h"

namespace ml::text {

struct HtmlPage {
  std::string title;              // the first h1 (else <title>)
  std::vector<Section> sections;  // the first has an empty heading when text precedes any h2
  std::vector<std::string> links; // href of every <a>, in order
  int mojibakeRepairs = 0;        // characters repaired
  bool empty() const { return title.empty() && sections.empty(); }
};

HtmlPage parseHtmlPage(std::string_view html);

// Collapses runs of white space (including no-break spaces) into one space and trims.
std::string cleanWhitespace(std::string_view text);

}  // namespace ml::text
