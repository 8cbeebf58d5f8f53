// What a tweedekamer.nl meeting page or "Uitgelicht" page adds to a debate: the intro,
// background sections, and (as a last resort) committee, minister and room from the intro
// text. Pure; thread-safe.
#pragma once
#include <string>
#include <vector>

#include "core/Debate.h"
#include "text/HtmlPage.h"

namespace ml::sources::web {

struct PageInfo {
  std::string title;
  std::string intro;               // the first paragraph before any subheading
  std::string followLive;          // the text under "Volg live"
  std::vector<Section> background; // every other section, in reading order
  std::vector<std::string> activityNumbers;  // "2023A07965" found in links (?id=...)
  std::string committee;           // "Justitie en Veiligheid", from "De commissie voor ..."
  std::vector<Person> ministers;   // from "... is minister/staatssecretaris NAAM van ..."
  std::string room;                // a "...zaal" named under "Volg live"
};

// Throws SourceError when the page has no text meeluister can use.
PageInfo readPage(const text::HtmlPage& page);

// Adds the page's parts to `d` where they are missing; background always comes from here.
void enrich(Debate& d, const PageInfo& page, const std::string& url);

}  // namespace ml::sources::web
