#include <gtest/gtest.h>

#include "core/Debate.h"
#include "sources/DebateText.h"

using ml::parseTimePoint;

namespace {

TEST(TimePoint, ParsesTheOffsetsTheSourcesUse) {
  for (const char* t : {"2026-10-01T10:00:36+0200", "2026-10-01T10:00:36+02:00", "2026-10-01T08:00:36Z",
                        "2026-10-01T10:00:36.1234567+02:00", "2026-10-01T10:00:36+02", "2026-10-01T10:00:36"}) {
    const auto p = parseTimePoint(t);
    ASSERT_TRUE(p) << t;
    EXPECT_EQ(p->utcSeconds, 1790841636) << t;  // date -u -d 2026-10-01T08:00:36Z +%s
  }
  EXPECT_EQ(parseTimePoint("2026-10-01T10:00:36+0200")->localClock(), "10.00");
  EXPECT_EQ(parseTimePoint("2026-10-01T08:00:36Z")->localClock(), "08.00");  // Z stays UTC as given
}

TEST(TimePoint, LocalTimeWithoutOffsetFollowsDutchSummerTime) {
  EXPECT_EQ(parseTimePoint("2023-12-21T11:15:00")->offsetMinutes, 60);
  EXPECT_EQ(parseTimePoint("2023-06-21T11:15:00")->offsetMinutes, 120);
  EXPECT_EQ(ml::dutchOffsetMinutes(parseTimePoint("2026-03-29T00:59:59Z")->utcSeconds), 60);
  EXPECT_EQ(ml::dutchOffsetMinutes(parseTimePoint("2026-03-29T01:00:00Z")->utcSeconds), 120);
  EXPECT_EQ(ml::dutchOffsetMinutes(parseTimePoint("2026-10-25T00:59:59Z")->utcSeconds), 120);
  EXPECT_EQ(ml::dutchOffsetMinutes(parseTimePoint("2026-10-25T01:00:00Z")->utcSeconds), 60);
}

TEST(TimePoint, RejectsNonsense) {
  for (const char* t : {"", "2026", "2026-13-01T10:00:00Z", "2026-10-01T25:00:00Z", "2026-10-01T10:00:00+2x00",
                        "2026-10-01T10:00:00Zjunk", "abcd-ef-ghTij:kl"}) {
    EXPECT_FALSE(parseTimePoint(t)) << t;
  }
}

TEST(TimePoint, LocalDateAcrossMidnight) {
  const auto p = parseTimePoint("2026-10-01T23:30:00Z");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->localDate(), "2026-10-01");
  const ml::TimePoint dutch{p->utcSeconds, 120};
  EXPECT_EQ(dutch.localDate(), "2026-10-02");
  EXPECT_EQ(dutch.localClock(), "01.30");
  EXPECT_EQ(dutch.iso(), "2026-10-02T01:30:00+02:00");
}

TEST(Dates, IsoDatesAndDays) {
  EXPECT_TRUE(ml::isIsoDate("2024-02-29"));
  EXPECT_FALSE(ml::isIsoDate("2023-02-29"));
  EXPECT_FALSE(ml::isIsoDate("2023-2-28"));
  EXPECT_EQ(ml::dateFromDays(ml::daysFromCivil(2023, 12, 21)), "2023-12-21");
  EXPECT_EQ(ml::daysFromCivil(1970, 1, 1), 0);
}

TEST(Debate, LiveAndAudioChoice) {
  ml::Debate d;
  d.liveAudioUrl = "live";
  d.onDemandAudioUrl = "vod";
  d.status = ml::DebateStatus::Live;
  EXPECT_TRUE(d.isLive());
  EXPECT_EQ(d.bestAudioUrl(), "live");
  d.status = ml::DebateStatus::Suspended;
  EXPECT_EQ(d.bestAudioUrl(), "live");
  d.status = ml::DebateStatus::Ended;
  EXPECT_EQ(d.bestAudioUrl(), "vod");
  d.onDemandAudioUrl.clear();
  EXPECT_EQ(d.bestAudioUrl(), "live");
  EXPECT_STREQ(ml::dutchStatus(ml::DebateStatus::Suspended), "geschorst");
  EXPECT_STREQ(ml::dutchStatus(ml::DebateStatus::Cancelled), "geannuleerd");
}

TEST(DebateText, DutchDates) {
  EXPECT_EQ(ml::sources::dutchDate("2023-12-21"), "donderdag 21 december 2023");
  EXPECT_EQ(ml::sources::dutchDate("2026-10-01"), "donderdag 1 oktober 2026");
  EXPECT_EQ(ml::sources::dutchDate("2024-03-03"), "zondag 3 maart 2024");
  EXPECT_EQ(ml::sources::dutchDate("gisteren"), "gisteren");
}

ml::Debate sampleDebate() {
  ml::Debate d;
  d.title = "Samen tegen mensenhandel";
  d.kind = "Commissiedebat";
  d.committee = "Justitie en Veiligheid";
  d.room = {"thorbeckezaal", "Thorbeckezaal"};
  d.debateDate = "2023-12-21";
  d.plannedStart = parseTimePoint("2023-12-21T11:15:00+01:00");
  d.plannedEnd = parseTimePoint("2023-12-21T13:15:00+01:00");
  d.ministers.push_back({"Eric van der Burg", "Staatssecretaris van Justitie en Veiligheid", ""});
  d.agenda.push_back(
      {"1", "Actieplan", {{"2023D42391", "Brief regering", "Actieplan", "2023-10-18", "28638 nr. 231"}}, "Met toelichting."});
  d.participants.push_back({"Kamerlid A", "Deelnemer", "CDA"});
  d.background.push_back({"Actieplan", {{ml::TextBlock::Kind::Paragraph, "Er zijn twee lijnen:"},
                                        {ml::TextBlock::Kind::ListItem, "Eerste"},
                                        {ml::TextBlock::Kind::ListItem, "Tweede"}}});
  d.notes.push_back("Open data niet bereikbaar: De server antwoordde 403.");
  return d;
}

TEST(DebateText, ListingLine) {
  ml::Debate d = sampleDebate();
  EXPECT_EQ(ml::sources::listingLine(d), "11.15 tot 13.15, Thorbeckezaal, Commissiedebat, Samen tegen mensenhandel, gepland");
  d.status = ml::DebateStatus::Live;
  d.actualStart = parseTimePoint("2023-12-21T11:17:00+01:00");
  EXPECT_EQ(ml::sources::listingLine(d),
            "11.15 tot 13.15, Thorbeckezaal, Commissiedebat, Samen tegen mensenhandel, live sinds 11.17");
}

TEST(DebateText, ShowLinesInReadingOrderWithoutDecoration) {
  const auto lines = ml::sources::showLines(sampleDebate());
  const std::vector<std::string> start{
      "Samen tegen mensenhandel",
      "Soort: Commissiedebat.",
      "Commissie: Justitie en Veiligheid.",
      "Wanneer: donderdag 21 december 2023, 11.15 tot 13.15 uur.",
      "Status: gepland.",
      "Waar: Thorbeckezaal.",
      "Namens het kabinet: Eric van der Burg, staatssecretaris van Justitie en Veiligheid.",
      "Deelnemers: Kamerlid A (CDA).",
      "Agenda, 1 punt:",
      "Agendapunt 1: Actieplan",
      "Toelichting: Met toelichting.",
      "Actieplan. Brief regering van 18 oktober 2023. Dossier 28638 nr. 231.", "Documentnummer: 2023D42391.",
      "Achtergrond:",
      "Actieplan",
      "Er zijn twee lijnen:",
      "1. Eerste",
      "2. Tweede"};
  ASSERT_GE(lines.size(), start.size());
  EXPECT_EQ(std::vector<std::string>(lines.begin(), lines.begin() + static_cast<long>(start.size())), start);
  EXPECT_EQ(lines.back(), "Let op: Open data niet bereikbaar: De server antwoordde 403.");
  for (const auto& l : lines) {
    EXPECT_EQ(l.find('\x1b'), std::string::npos);  // no colour codes
    EXPECT_EQ(l.find('\n'), std::string::npos);
    EXPECT_FALSE(l.empty());
  }
}

}  // namespace
