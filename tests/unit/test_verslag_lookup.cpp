// Finding a debate's verbatim record in the open data (sources/VerslagLookup.h): the sitting
// by day and room, the newest Verslag, the debate's agenda items.
#include <gtest/gtest.h>

#include <string>

#include "core/Debate.h"
#include "sources/Fetcher.h"
#include "sources/VerslagLookup.h"

namespace {

namespace vlos = ml::sources::vlos;

const char* kMeetings = R"({"value": [
  {"Id": "m1", "Soort": "Plenair", "Zaal": "Plenaire zaal", "Aanvangstijd": "2026-10-01T10:15:00+02:00",
   "Sluiting": "2026-10-01T23:40:00+02:00", "Onbekend": [1, 2]},
  {"Id": "m2", "Soort": "Commissie", "Zaal": "Klompézaal", "Aanvangstijd": "2026-10-01T10:00:00+02:00",
   "Sluiting": "2026-10-01T13:01:00+02:00"},
  {"Id": "m3", "Soort": "Commissie", "Zaal": "Klompézaal", "Aanvangstijd": "2026-10-01T14:00:00+02:00",
   "Sluiting": "2026-10-01T16:00:00+02:00"},
  {"Soort": "zonder Id"}, 7]})";

ml::Debate debateAt(const std::string& room, const std::string& start, const std::string& end = {}) {
  ml::Debate d;
  d.room.name = room;
  d.debateDate = "2026-10-01";
  d.actualStart = ml::parseTimePoint(start);
  if (!end.empty()) d.actualEnd = ml::parseTimePoint(end);
  return d;
}

TEST(VerslagLookup, TheSittingByRoomWithoutAccentsAndByTime) {
  const auto meetings = vlos::parseMeetings(kMeetings);
  ASSERT_EQ(meetings.size(), 3u) << "an entry without an Id and a non-object are skipped";
  EXPECT_EQ(meetings[1].room, "Klompézaal");
  ASSERT_TRUE(meetings[1].start.has_value());
  EXPECT_DOUBLE_EQ(*meetings[1].start, 1790841600.0);  // 2026-10-01T08:00:00Z
  const auto* a = vlos::chooseMeeting(meetings, debateAt("Klompezaal", "2026-10-01T10:00:36+02:00"));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->id, "m2");
  const auto* b = vlos::chooseMeeting(meetings, debateAt("KLOMPÉZAAL", "2026-10-01T14:10:00+02:00"));
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->id, "m3") << "the afternoon sitting in the same room";
  EXPECT_EQ(vlos::chooseMeeting(meetings, debateAt("Thorbeckezaal", "2026-10-01T10:00:00+02:00")), nullptr);
  EXPECT_EQ(vlos::chooseMeeting(meetings, debateAt("Klompézaal", "2026-10-01T18:00:00+02:00")), nullptr)
      << "no sitting in that room then";
  EXPECT_THROW(vlos::parseMeetings(R"({"error": {}})"), ml::sources::SourceError);
}

TEST(VerslagLookup, TheNewestReportAndAtTheSameTimeTheMostCorrected) {
  auto reports = vlos::parseReports(R"({"value": [
    {"Id": "r1", "Status": "Casco", "GewijzigdOp": "2026-10-01T13:20:00+02:00"},
    {"Id": "r2", "Status": "Ongecorrigeerd", "GewijzigdOp": "2026-10-01T19:45:00+02:00"},
    {"Id": "r3", "Status": "Gecorrigeerd", "GewijzigdOp": "2026-10-01T19:45:00+02:00"},
    {"Id": "r0", "Status": "Gecorrigeerd"}]})");
  ASSERT_EQ(reports.size(), 4u);
  ASSERT_NE(vlos::chooseReport(reports), nullptr);
  EXPECT_EQ(vlos::chooseReport(reports)->id, "r3");
  reports.pop_back();
  reports.pop_back();
  EXPECT_EQ(vlos::chooseReport(reports)->id, "r2");
  EXPECT_EQ(vlos::chooseReport({}), nullptr);
}

TEST(VerslagLookup, TheDebatesItemsByNumberElseByTime) {
  vlos::Record r;
  vlos::Item opening;
  opening.title = "Opening";
  opening.start = 1000;
  opening.end = 1010;
  vlos::Item debate;
  debate.title = "Debat";
  debate.number = "2026A05001";
  debate.start = 1020;
  debate.end = 5000;
  vlos::Item other;
  other.title = "Ander debat";
  other.number = "2026A05009";
  other.start = 6000;
  other.end = 9000;
  r.items = {opening, debate, other};
  ml::Debate d;
  d.activityNumber = "2026A05001";
  auto items = vlos::itemsOf(r, d);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].title, "Debat");
  d.activityNumber.clear();
  d.actualStart = ml::TimePoint{5500, 0};
  d.actualEnd = ml::TimePoint{8000, 0};
  items = vlos::itemsOf(r, d);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].title, "Ander debat") << "by time when the number is not there";
  EXPECT_EQ(vlos::itemsOf(r, ml::Debate{}).size(), 3u) << "nothing to tell: all";
}

TEST(VerslagLookup, Addresses) {
  const std::string day = vlos::meetingsUrl("https://od/OData/v4/2.0/", "2026-10-01");
  EXPECT_NE(day.find("/Vergadering?$filter="), std::string::npos) << day;
  EXPECT_NE(day.find("2026-09-30T12"), std::string::npos) << day;
  EXPECT_NE(day.find("Verwijderd"), std::string::npos) << day;
  EXPECT_EQ(vlos::resourceUrl("https://od/OData/v4/2.0/", "cccccccc-0000-4000-8000-000000000002"),
            "https://od/OData/v4/2.0/Verslag/cccccccc-0000-4000-8000-000000000002/resource");
  EXPECT_NE(vlos::reportsUrl("https://od/", "m2").find("Vergadering_Id%20eq%20m2"), std::string::npos);
}

}  // namespace
