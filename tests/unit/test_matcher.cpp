#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sources/DebatDirect.h"
#include "sources/Matcher.h"
#include "sources/OpenData.h"

namespace dd = ml::sources::dd;
namespace od = ml::sources::od;
using ml::sources::bestMatch;
using ml::sources::scoreMatch;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(MEELUISTER_TEST_DIR) + "/fixtures/data/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<od::Activity> fixtureDay() {
  auto all = od::parseActivities(fixture("opendata/day-2026-10-01.json")).activities;
  for (auto& a : od::parseActivities(fixture("opendata/day-2026-10-01-page2.json")).activities) all.push_back(a);
  return od::onLocalDay(all, "2026-10-01");
}

ml::Debate ddDebate(const std::string& id) {
  for (const auto& info : dd::parseAgenda(fixture("debatdirect/agenda/2026-10-01.json"))) {
    if (info.id == id) return dd::toDebate(info, nullptr, nullptr);
  }
  ADD_FAILURE() << "no debate " << id;
  return {};
}

TEST(Matcher, MatchesEveryFixtureDebateToItsActivity) {
  const auto day = fixtureDay();
  const std::map<std::string, std::string> expected{
      {"5d210dbb-9be4-4c39-8640-63a8ccec5b3a", "2026A05001"},   // same subject, room, time
      {"11111111-aaaa-4bbb-8ccc-000000000001", "2026A05002"},  // split plenary, part 1
      {"11111111-aaaa-4bbb-8ccc-000000000002", "2026A05002"},  // part 2, 5 hours later
      {"11111111-aaaa-4bbb-8ccc-000000000003", "2026A05003"},  // empty Locatie, room via Reservering
      {"11111111-aaaa-4bbb-8ccc-000000000004", "2026A05004"},  // subject differs in words
  };
  for (const auto& [id, number] : expected) {
    const auto m = bestMatch(ddDebate(id), day);
    ASSERT_TRUE(m) << id;
    EXPECT_EQ(day[m->index].number, number) << id;
    EXPECT_GE(m->confidence, ml::sources::kMatchThreshold);
    EXPECT_LE(m->confidence, 1.0);
  }
}

TEST(Matcher, ConfidenceReflectsHowWellThingsAgree) {
  const auto day = fixtureDay();
  const auto exact = scoreMatch(ddDebate("5d210dbb-9be4-4c39-8640-63a8ccec5b3a"), day[0]);
  EXPECT_DOUBLE_EQ(exact.room, 1.0);
  EXPECT_DOUBLE_EQ(exact.time, 1.0);
  EXPECT_DOUBLE_EQ(exact.subject, 1.0);
  EXPECT_DOUBLE_EQ(exact.confidence, 1.0);
  const auto partTwo = scoreMatch(ddDebate("11111111-aaaa-4bbb-8ccc-000000000002"), day[1]);
  EXPECT_LT(partTwo.time, 0.5);
  EXPECT_LT(partTwo.confidence, exact.confidence);
}

TEST(Matcher, OtherDayOrRoomAndTimeDoNotMatch) {
  const auto day = fixtureDay();
  ml::Debate d = ddDebate("5d210dbb-9be4-4c39-8640-63a8ccec5b3a");
  d.debateDate = "2026-10-02";
  EXPECT_DOUBLE_EQ(scoreMatch(d, day[0]).confidence, 0.0);
  EXPECT_FALSE(bestMatch(d, day));
  ml::Debate other = ddDebate("5d210dbb-9be4-4c39-8640-63a8ccec5b3a");
  other.title = "Iets heel anders";
  other.room = {"enquetezaal", "Enquêtezaal"};
  other.plannedStart = ml::parseTimePoint("2026-10-01T20:00:00+0200");
  EXPECT_FALSE(bestMatch(other, day));
}

TEST(Matcher, CancelledMeetingUnknownToDebatDirectIsNotMatched) {
  const auto day = fixtureDay();
  for (const auto& info : dd::parseAgenda(fixture("debatdirect/agenda/2026-10-01.json"))) {
    const auto m = bestMatch(dd::toDebate(info, nullptr, nullptr), day);
    ASSERT_TRUE(m);
    EXPECT_NE(day[m->index].number, "2026A05005");
  }
}

TEST(Matcher, SubjectSimilarity) {
  using ml::sources::subjectSimilarity;
  EXPECT_DOUBLE_EQ(subjectSimilarity("Samen tegen mensenhandel", "samen TEGEN mensenhandel"), 1.0);
  EXPECT_DOUBLE_EQ(subjectSimilarity("Klimaat", "Mensenhandel"), 0.0);
  EXPECT_DOUBLE_EQ(subjectSimilarity("", "x"), 0.0);
  EXPECT_GT(subjectSimilarity("Gevangeniswezen en tbs", "Commissiedebat Gevangeniswezen"), 0.3);
  EXPECT_DOUBLE_EQ(subjectSimilarity("Financiën", "financien"), 1.0);  // accents ignored
}

}  // namespace
