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

// A field of an API answer that may hold HTML or entities (Debat Direct's `introduction`,
// the open data's `Noot`, titles with "&amp;"), as clean paragraphs in reading order:
// tags gone (scripts, styles and hidden parts with their text), entities decoded, white
// space cleaned, mojibake repaired; headings and list items (numbered "1. ") are
// paragraphs of their own.
// Text without '<' or '&' only has its white space cleaned. Never throws on bad markup.
std::vector<std::string> htmlParagraphs(std::string_view fragment);
// The same as one line (paragraphs joined by one space): for titles and names.
std::string htmlText(std::string_view fragment);

// Collapses runs of white space (including no-break spaces) into one space and trims.
std::string cleanWhitespace(std::string_view text);

}  // namespace ml::text
