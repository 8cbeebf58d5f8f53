// libFuzzer target: the open data (OData) readers (activities, and the sittings and Verslag
// entries of the verbatim record), day filter and matching never crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sources/Fetcher.h"
#include "sources/Matcher.h"
#include "sources/OpenData.h"
#include "sources/VerslagLookup.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  namespace od = ml::sources::od;
  try {
    auto page = od::parseActivities(body);
    auto day = od::onLocalDay(page.activities, "2026-10-01");
    ml::Debate d;
    d.title = body.substr(0, 30);
    d.debateDate = "2026-10-01";
    d.room = {"klompezaal", "Klompézaal"};
    d.plannedStart = ml::parseTimePoint("2026-10-01T10:00:00+0200");
    (void)ml::sources::bestMatch(d, page.activities);
    for (const auto& a : day) {
      ml::Debate e = od::toDebate(a);
      od::enrich(e, a, 0.5);
      (void)od::meetingPageUrl("https://www.tweedekamer.nl", a);
    }
  } catch (const ml::sources::SourceError&) {
  }
  namespace vlos = ml::sources::vlos;
  ml::Debate d;
  d.room = {"klompezaal", "Klompézaal"};
  d.debateDate = "2026-10-01";
  d.actualStart = ml::parseTimePoint("2026-10-01T10:00:00+0200");
  try {
    (void)vlos::chooseMeeting(vlos::parseMeetings(body), d);
  } catch (const ml::sources::SourceError&) {
  }
  try {
    (void)vlos::chooseReport(vlos::parseReports(body));
  } catch (const ml::sources::SourceError&) {
  }
  (void)ml::sources::subjectSimilarity(body, "Samen tegen mensenhandel");
  return 0;
}
