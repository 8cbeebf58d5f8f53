#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sources/Fetcher.h"
#include "sources/OpenData.h"

namespace od = ml::sources::od;
using ml::DebateStatus;
using ml::sources::SourceError;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(MEELUISTER_TEST_DIR) + "/fixtures/data/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(OpenData, DayUrlFiltersTheLocalDayWithAMargin) {
  const std::string url = od::dayUrl("https://example.invalid/OData/v4/2.0/", "2023-12-21");
  EXPECT_EQ(url.rfind("https://example.invalid/OData/v4/2.0/Activiteit?$filter=", 0), 0u);
  EXPECT_NE(url.find("Aanvangstijd%20ge%202023-12-20T22%3A00%3A00Z"), std::string::npos);
  EXPECT_NE(url.find("Aanvangstijd%20lt%202023-12-21T23%3A00%3A00Z"), std::string::npos);
  EXPECT_NE(url.find("Verwijderd%20eq%20false"), std::string::npos);
  EXPECT_NE(url.find("$top=250"), std::string::npos);
  EXPECT_EQ(url.find(' '), std::string::npos);
  // Across a month and a year.
  EXPECT_NE(od::dayUrl("b", "2024-01-01").find("2023-12-31T22%3A00%3A00Z"), std::string::npos);
}

TEST(OpenData, MeetingUrlsExpandAgendaDocumentsActorsAndRoom) {
  const std::string byNumber = od::meetingByNumberUrl("https://x.invalid/od", "2023A07965");
  EXPECT_NE(byNumber.find("Nummer%20eq%20'2023A07965'"), std::string::npos);
  EXPECT_NE(byNumber.find("$expand=Agendapunt($expand=Document,Zaak($expand=Document)),ActiviteitActor,"
                          "Reservering($expand=Zaal)"),
            std::string::npos);
  EXPECT_NE(od::meetingByNumberUrl("b", "a'b").find("a''b"), std::string::npos);  // quote escaping
  const std::string byId = od::meetingByIdUrl("b", "aaaaaaaa-0000-4000-8000-000000000001");
  EXPECT_NE(byId.find("Id%20eq%20aaaaaaaa-0000-4000-8000-000000000001%20and"), std::string::npos);  // unquoted GUID
}

TEST(OpenData, ReadsADayPageWithNextLink) {
  const auto page = od::parseActivities(fixture("opendata/day-2026-10-01.json"));
  ASSERT_EQ(page.activities.size(), 3u);
  EXPECT_EQ(page.nextLink, "Activiteit?$skiptoken=day-2026-10-01-page2");
  const auto& a = page.activities[0];
  EXPECT_EQ(a.number, "2026A05001");
  EXPECT_EQ(a.kind, "Commissiedebat");
  EXPECT_EQ(a.room, "Klompézaal");
  ASSERT_TRUE(a.start);
  EXPECT_EQ(a.start->localClock(), "10.00");
  EXPECT_EQ(page.activities[2].location, "");  // empty until the day itself
  EXPECT_EQ(page.activities[2].room, "Thorbeckezaal");
}

TEST(OpenData, KeepsOnlyTheLocalDay) {
  auto page = od::parseActivities(fixture("opendata/day-2026-10-01-page2.json"));
  ASSERT_EQ(page.activities.size(), 3u);
  const auto day = od::onLocalDay(page.activities, "2026-10-01");
  ASSERT_EQ(day.size(), 2u);  // the 00:30 meeting belongs to the next day
  EXPECT_EQ(od::statusOf(day[1]), DebateStatus::Cancelled);
}

TEST(OpenData, ReadsAnExpandedMeetingInOrder) {
  const auto page = od::parseActivities(fixture("opendata/2026A05001.json"));
  ASSERT_EQ(page.activities.size(), 1u);
  const auto& a = page.activities[0];
  ASSERT_EQ(a.agenda.size(), 2u);
  EXPECT_EQ(a.agenda[0].number, "1");  // by Volgorde, not by answer order
  EXPECT_EQ(a.agenda[0].subject, "Geannoteerde agenda informele Raad");
  EXPECT_EQ(a.agenda[0].note, "Met noot");  // the HTML Noot as plain text
  EXPECT_EQ(a.agenda[1].note, "");
  ASSERT_EQ(a.agenda[0].documents.size(), 2u);  // the Zaak's copy of 2026D30001 is not repeated
  EXPECT_EQ(a.agenda[0].documents[0].number, "2026D30001");
  EXPECT_EQ(a.agenda[0].documents[0].kind, "Brief regering");
  EXPECT_EQ(a.agenda[0].documents[0].date, "2026-09-25");
  EXPECT_EQ(a.agenda[0].documents[0].dossier, "21501 nr. 2900");
  EXPECT_EQ(a.agenda[0].documents[1].number, "2026D30003");
  ASSERT_EQ(a.actors.size(), 2u);
  EXPECT_EQ(a.actors[0].name, "Bewindspersoon A");
}

TEST(OpenData, EnrichKeepsDebatDirectFieldsAndAddsTheRest) {
  const auto a = od::parseActivities(fixture("opendata/2026A05001.json")).activities.at(0);
  ml::Debate d;
  d.title = "Titel van Debat Direct";
  d.room = {"klompezaal", "Klompézaal"};
  od::enrich(d, a, 0.9);
  EXPECT_EQ(d.title, "Titel van Debat Direct");
  EXPECT_EQ(d.committee, "Buitenlandse Handel en Ontwikkelingssamenwerking");
  EXPECT_EQ(d.activityNumber, "2026A05001");
  EXPECT_EQ(d.agenda.size(), 2u);
  ASSERT_EQ(d.ministers.size(), 1u);
  EXPECT_EQ(d.ministers[0].role, "Minister van Voorbeeldzaken");
  ASSERT_EQ(d.participants.size(), 1u);
  EXPECT_EQ(d.participants[0].name, "Kamerlid A");
  EXPECT_EQ(d.participants[0].party, "CDA");
  EXPECT_TRUE(d.notes.empty());
  EXPECT_DOUBLE_EQ(d.matchConfidence, 0.9);
  EXPECT_EQ(d.provenance.at("agendapunten"), "open data");
  EXPECT_EQ(d.provenance.count("titel"), 0u);
}

TEST(OpenData, ClosedMeetingSaysThereIsNoAudio) {
  od::Activity a;
  a.closed = true;
  ml::Debate d;
  od::enrich(d, a, 1.0);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0], "Dit is een besloten vergadering; er is geen geluid.");
}

TEST(OpenData, CancelledAndMovedStatus) {
  od::Activity a;
  a.status = "Geannuleerd";
  EXPECT_EQ(od::statusOf(a), DebateStatus::Cancelled);
  a.status = "Verplaatst";
  EXPECT_EQ(od::statusOf(a), DebateStatus::Moved);
  a.status = "Gepland";
  a.replacedBy = "x";
  EXPECT_EQ(od::statusOf(a), DebateStatus::Moved);
  a.status = "Iets nieuws";
  a.replacedBy.clear();
  EXPECT_FALSE(od::statusOf(a));
}

TEST(OpenData, MeetingPageUrls) {
  od::Activity a;
  a.number = "2023A07965";
  a.kind = "Commissiedebat";
  EXPECT_EQ(od::meetingPageUrl("https://www.tweedekamer.nl", a),
            "https://www.tweedekamer.nl/debat_en_vergadering/commissievergaderingen/details?id=2023A07965");
  a.kind = "Plenair debat";
  EXPECT_EQ(od::meetingPageUrl("https://www.tweedekamer.nl/", a),
            "https://www.tweedekamer.nl/debat_en_vergadering/plenaire_vergaderingen/details/activiteit?id=2023A07965");
  a.number.clear();
  EXPECT_EQ(od::meetingPageUrl("https://www.tweedekamer.nl", a), "");
}

TEST(OpenData, ActivityNumbers) {
  EXPECT_TRUE(od::isActivityNumber("2023A07965"));
  EXPECT_FALSE(od::isActivityNumber("2023a07965"));
  EXPECT_FALSE(od::isActivityNumber("2023A0796"));
  EXPECT_FALSE(od::isActivityNumber("2023D51633"));
}

TEST(OpenData, BadAnswersGiveDutchErrors) {
  EXPECT_THROW(od::parseActivities(fixture("error_page.html")), SourceError);
  EXPECT_THROW(od::parseActivities("{\"value\": [1, 2"), SourceError);
  try {
    od::parseActivities(R"({"error": {"code": "400", "message": "$top too large"}})");
    FAIL() << "no error";
  } catch (const SourceError& e) {
    EXPECT_STREQ(e.what(), "Het open-dataportaal meldde een fout.");
  }
  EXPECT_TRUE(od::parseActivities(fixture("opendata/empty.json")).activities.empty());
}

}  // namespace

namespace {
// Noot is HTML; subjects and titles can carry entities: all become clean text.
TEST(OpenData, HtmlAndEntitiesInTextFieldsBecomePlainText) {
  const auto page = od::parseActivities(R"({"value": [{"Id": "a", "Nummer": "2026A09999", "Soort": "Commissiedebat",
    "Onderwerp": "Water &amp; bodem", "Datum": "2026-10-01T00:00:00+02:00", "Voortouwnaam": "Infrastructuur &amp; Waterstaat",
    "Agendapunt": [{"Nummer": "1", "Onderwerp": "Brief &quot;Grondwater&quot;", "Volgorde": 1,
      "Noot": "<p>Eerst <b>de</b> brief.</p><ul><li>punt&nbsp;een</li></ul>",
      "Document": [{"DocumentNummer": "2026D39999", "Soort": "Brief regering", "Titel": "Dijken &amp; duinen",
                    "Onderwerp": "<i>Versterking</i>", "Datum": "2026-09-25T00:00:00+02:00"}]}]}]})");
  ASSERT_EQ(page.activities.size(), 1u);
  const auto& a = page.activities[0];
  EXPECT_EQ(a.subject, "Water & bodem");
  EXPECT_EQ(a.committee, "Infrastructuur & Waterstaat");
  ASSERT_EQ(a.agenda.size(), 1u);
  EXPECT_EQ(a.agenda[0].subject, "Brief \"Grondwater\"");
  EXPECT_EQ(a.agenda[0].note, "Eerst de brief. 1. punt een");
  ASSERT_EQ(a.agenda[0].documents.size(), 1u);
  EXPECT_EQ(a.agenda[0].documents[0].title, "Dijken & duinen: Versterking");
}
}  // namespace
