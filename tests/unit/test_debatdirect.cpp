#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sources/DebatDirect.h"
#include "sources/Fetcher.h"

namespace dd = ml::sources::dd;
using ml::DebateStatus;
using ml::sources::SourceError;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(MEELUISTER_TEST_DIR) + "/fixtures/data/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* kSampleId = "5d210dbb-9be4-4c39-8640-63a8ccec5b3a";

TEST(DebatDirect, ReadsTheSampleDebateWrappedUnderDebate) {
  const auto d = dd::parseDebate(fixture("sample_debate_detail.json"));
  EXPECT_EQ(d.id, kSampleId);
  EXPECT_EQ(d.debateType, "Commissiedebat");
  EXPECT_EQ(d.locationId, "klompezaal");
  EXPECT_EQ(d.locationName, "Klompézaal");
  ASSERT_TRUE(d.startedAt && d.endedAt);
  EXPECT_EQ(d.startedAt->iso(), "2026-10-01T10:00:36+02:00");  // "+0200" without colon
  EXPECT_EQ(d.events.size(), 17u);
  EXPECT_EQ(d.events.front().type, "debate_end");  // newest first, as given
}

TEST(DebatDirect, ReadsActorsWithPartyIdsInAnyCase) {
  const auto a = dd::parseActors(fixture("sample_debate_detail.json"));
  const auto* p = a.find("3FE14035-2F9C-461E-94D4-56B8C9A019E1");  // upper case id
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Kamerlid A");
  EXPECT_EQ(a.affiliation(*p), "CDA");  // partyId upper, parties[].id upper
  const auto* b = a.find("ed1edc27-18bb-47cd-a617-01bcbec765a2");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a.affiliation(*b), "DENK");
  const auto* minister = a.find("b88ce003-f013-4cd4-a77e-c3bcf6158d5c");
  ASSERT_NE(minister, nullptr);
  EXPECT_EQ(a.affiliation(*minister), "Minister van Voorbeeldzaken");  // partyId null
}

TEST(DebatDirect, BuildsTheModelWithTimelineOldestFirst) {
  const auto info = dd::parseDebate(fixture("debatdirect/debates/5d210dbb-9be4-4c39-8640-63a8ccec5b3a.json"));
  const auto actors = dd::parseActors(fixture("debatdirect/actors/2026-10-01.json"));
  const auto locations = dd::parseApp(fixture("debatdirect/app.json"));
  const ml::Debate d = dd::toDebate(info, &actors, &locations);
  EXPECT_EQ(d.status, DebateStatus::Ended);
  EXPECT_EQ(d.room.name, "Klompézaal");
  ASSERT_EQ(d.timeline.size(), 18u);  // including the unknown event type
  EXPECT_EQ(d.timeline.front().eventType, "debate_start");
  EXPECT_EQ(d.timeline.back().eventType, "some_new_event");
  EXPECT_EQ(d.timeline[2].name, "Kamerlid D");
  EXPECT_EQ(d.timeline[2].affiliation, "SP");
  ASSERT_EQ(d.ministers.size(), 1u);
  EXPECT_EQ(d.ministers[0].name, "Bewindspersoon A");
  EXPECT_EQ(d.ministers[0].role, "Minister van Voorbeeldzaken");
  EXPECT_EQ(d.introduction, "Voorbereiding van de informele Raad.");
  EXPECT_EQ(d.debatDirectUrl,
            "https://debatdirect.tweedekamer.nl/2026-10-01/internationaal/klompezaal/"
            "informele-raad-buitenlandse-zaken-ontwikkeling-van-8-en-9-oktober-2026-10-00");
}

TEST(DebatDirect, AudioComesFromTheApiFirst) {
  const auto info = dd::parseDebate(fixture("debatdirect/debates/5d210dbb-9be4-4c39-8640-63a8ccec5b3a.json"));
  const auto locations = dd::parseApp(fixture("debatdirect/app.json"));
  const ml::Debate d = dd::toDebate(info, nullptr, &locations);
  EXPECT_EQ(d.liveAudioUrl, "https://audio.example.invalid/live/klompezaal/audio.m3u8");
  EXPECT_EQ(d.onDemandAudioUrl,
            "https://vod.example.invalid/2026-10-01/klompezaal/index.m3u8?hd=1&subtitles=vod&keyframes=1"
            "&start=2026-10-01T10%3A00%3A36%2B02%3A00&end=2026-10-01T13%3A00%3A54%2B02%3A00");
  EXPECT_EQ(d.provenance.at("audio"), "Debat Direct");
}

TEST(DebatDirect, AudioFallsBackToRoomTemplatesThenKnownPatterns) {
  auto info = dd::parseDebate(fixture("debatdirect/debates/11111111-aaaa-4bbb-8ccc-000000000001.json"));
  const auto locations = dd::parseApp(fixture("debatdirect/app.json"));
  const ml::Debate fromRoom = dd::toDebate(info, nullptr, &locations);
  EXPECT_EQ(fromRoom.onDemandAudioUrl.rfind("https://vod.example.invalid/2026-10-01/plenairezaal/index.m3u8?hd=1&start=", 0), 0u);
  const ml::Debate fallback = dd::toDebate(info, nullptr, nullptr);
  EXPECT_EQ(fallback.liveAudioUrl,
            "https://livestreaming.b67buv2.tweedekamer.nl/live/plenairezaal/index.m3u8?hd=1&subtitles=live&keyframes=1");
  EXPECT_EQ(fallback.onDemandAudioUrl.rfind("https://livestreaming.b67v2.tweedekamer.nl/2026-10-01/plenairezaal/", 0), 0u);
  EXPECT_EQ(fallback.provenance.at("audio"), "vast patroon");
}

TEST(DebatDirect, StatusFromStartEndAndSuspension) {
  const auto agenda = dd::parseAgenda(fixture("debatdirect/agenda/2026-10-01.json"));
  ASSERT_EQ(agenda.size(), 5u);
  std::map<std::string, DebateStatus> byId;
  for (const auto& i : agenda) byId[i.id] = dd::toDebate(i, nullptr, nullptr).status;
  EXPECT_EQ(byId["11111111-aaaa-4bbb-8ccc-000000000001"], DebateStatus::Ended);
  EXPECT_EQ(byId["11111111-aaaa-4bbb-8ccc-000000000002"], DebateStatus::Live);
  EXPECT_EQ(byId["11111111-aaaa-4bbb-8ccc-000000000003"], DebateStatus::Planned);
  const auto suspended = dd::parseDebate(fixture("debatdirect/debates/11111111-aaaa-4bbb-8ccc-000000000004.json"));
  EXPECT_EQ(dd::toDebate(suspended, nullptr, nullptr).status, DebateStatus::Suspended);
}

TEST(DebatDirect, MeetingPastMidnightKeepsItsDay) {
  const auto d = dd::parseDebate(fixture("debatdirect/debates/11111111-aaaa-4bbb-8ccc-000000000003.json"));
  EXPECT_EQ(d.debateDate, "2026-10-01");
  ASSERT_TRUE(d.endsAt);
  EXPECT_EQ(d.endsAt->localDate(), "2026-10-02");
  EXPECT_EQ(dd::toDebate(d, nullptr, nullptr).debateDate, "2026-10-01");
}

TEST(DebatDirect, EmptyDayIsNotAnError) {
  EXPECT_TRUE(dd::parseAgenda(fixture("debatdirect/agenda/2026-10-02.json")).empty());
  EXPECT_TRUE(dd::parseAgenda("[]").empty());
}

TEST(DebatDirect, BadAnswersGiveDutchErrors) {
  try {
    dd::parseAgenda(fixture("error_page.html"));
    FAIL() << "no error";
  } catch (const SourceError& e) {
    EXPECT_STREQ(e.what(), "Debat Direct gaf een webpagina in plaats van gegevens.");
  }
  EXPECT_THROW(dd::parseDebate(fixture("truncated.json")), SourceError);
  EXPECT_THROW(dd::parseDebate(""), SourceError);
  EXPECT_THROW(dd::parseDebate("{}"), SourceError);        // no id
  EXPECT_THROW(dd::parseAgenda("{\"x\": 1}"), SourceError);  // no debates
  EXPECT_THROW(dd::parseApp("[1,2]"), SourceError);
}

TEST(DebatDirect, ToleratesWrongTypes) {
  const auto d = dd::parseDebate(
      R"({"id": 42, "name": null, "startsAt": "not a time", "events": [{"eventStart": 5}, "x",
          {"eventStart": "2026-10-01T10:00:00+0200", "eventType": null}], "categoryIds": "x", "video": []})");
  EXPECT_EQ(d.id, "42");
  EXPECT_FALSE(d.startsAt);
  EXPECT_EQ(d.events.size(), 1u);
}

TEST(DebatDirect, FindsRoomsWithoutCaseHyphensOrAccents) {
  const auto locations = dd::parseApp(fixture("debatdirect/app.json"));
  for (const char* name : {"plenaire zaal", "Plenaire-Zaal", "plenairezaal", "PLENAIRE ZAAL"}) {
    const auto* l = dd::findLocation(locations, name);
    ASSERT_NE(l, nullptr) << name;
    EXPECT_EQ(l->id, "plenaire-zaal");
  }
  ASSERT_NE(dd::findLocation(locations, "Klompezaal"), nullptr);
  EXPECT_EQ(dd::findLocation(locations, "Klompezaal")->name, "Klompézaal");
  EXPECT_EQ(dd::findLocation(locations, "keuken"), nullptr);
  EXPECT_EQ(dd::findLocation(locations, ""), nullptr);
}

TEST(DebatDirect, ReadsPageUrls) {
  auto ref = dd::parsePageUrl("https://debatdirect.tweedekamer.nl/2026-10-01/internationaal/klompezaal/informele-raad?x=1");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->date, "2026-10-01");
  EXPECT_EQ(ref->locationId, "klompezaal");
  EXPECT_EQ(ref->slug, "informele-raad");
  EXPECT_FALSE(dd::parsePageUrl("https://debatdirect.tweedekamer.nl/"));
  EXPECT_FALSE(dd::parsePageUrl("https://cdn.debatdirect.tweedekamer.nl/api/agenda/2026-10-01"));
  EXPECT_FALSE(dd::parsePageUrl("https://www.tweedekamer.nl/a/b/c/d"));
}

}  // namespace

namespace {
TEST(DebatDirect, HtmlIntroductionAndTitleBecomePlainText) {
  const auto info = ml::sources::dd::parseDebate(fixture("debatdirect/debates/11111111-aaaa-4bbb-8ccc-000000000005.json"));
  EXPECT_EQ(info.name, "Commissiedebat Water & Bodem");
  EXPECT_EQ(info.introduction,
            "De vaste commissie voor Infrastructuur en Waterstaat debatteert over water & bodem.\n"
            "Onderwerpen zijn onder meer:\n1. de kwaliteit van het grondwater (<10%> norm)\n2. dijkversterking");
  const auto d = ml::sources::dd::toDebate(info, nullptr, nullptr);
  EXPECT_EQ(d.title, "Commissiedebat Water & Bodem");
  EXPECT_EQ(d.introduction.find('<' + std::string("p")), std::string::npos);
  EXPECT_EQ(d.introduction.find("alert"), std::string::npos);  // the script's text is no text
}
}  // namespace
