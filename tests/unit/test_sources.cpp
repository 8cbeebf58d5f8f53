#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "sources/ExampleFetcher.h"
#include "sources/Sources.h"

using ml::DebateStatus;
using ml::sources::FetchResult;
using ml::sources::SourceError;
using ml::sources::Sources;

namespace {

// Serves tests/fixtures/data like the bundled example; rules break chosen answers.
class FixtureFetcher : public ml::sources::Fetcher {
 public:
  using Rule = std::function<FetchResult()>;
  FixtureFetcher() : inner_(std::string(MEELUISTER_TEST_DIR) + "/fixtures/data") {}
  void breakWhen(const std::string& urlPart, Rule rule) { rules_.emplace_back(urlPart, std::move(rule)); }
  FetchResult get(const std::string& url, std::size_t maxBytes) override {
    urls.push_back(url);
    for (const auto& [part, rule] : rules_) {
      if (url.find(part) != std::string::npos) return rule();
    }
    return inner_.get(url, maxBytes);
  }
  std::vector<std::string> urls;

 private:
  ml::sources::ExampleFetcher inner_;
  std::vector<std::pair<std::string, Rule>> rules_;
};

ml::sources::SourceConfig fixtureConfig() {
  auto c = ml::sources::exampleConfig();
  c.date = "2026-10-01";
  return c;
}

FixtureFetcher::Rule status(long code) {
  return [code]() -> FetchResult { throw SourceError("De server antwoordde " + std::to_string(code) + ".", code); };
}
FixtureFetcher::Rule body(std::string text) {
  return [text] { return FetchResult{text, "", false, 0}; };
}

bool hasNote(const std::vector<std::string>& notes, const std::string& start) {
  return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.rfind(start, 0) == 0; });
}

const char* const kSampleId = "5d210dbb-9be4-4c39-8640-63a8ccec5b3a";

TEST(SourcesDay, ListsLiveFirstThenByTimeWithOpenDataMatched) {
  FixtureFetcher f;
  Sources s(fixtureConfig(), f);
  const auto day = s.day("2026-10-01");
  ASSERT_EQ(day.size(), 6u);
  std::vector<std::string> titles;
  for (const auto& d : day) titles.push_back(d.title);
  EXPECT_EQ(titles, (std::vector<std::string>{
                        "Commissiedebat Gevangeniswezen", "Debat over de Voorjaarsnota (vervolg)",
                        "Informele Raad Buitenlandse Zaken Ontwikkeling van 8 en 9 oktober 2026",
                        "Debat over de Voorjaarsnota", "Staat van de volkshuisvesting",
                        "Wetgevingsoverleg Wet open overheid"}));
  EXPECT_EQ(day[4].status, DebateStatus::Cancelled);  // only the open data knows it
  EXPECT_TRUE(day[4].id.empty());
  // The agenda has no suspension; the detail has, and it is asked for the live debates only.
  EXPECT_EQ(day[0].status, DebateStatus::Suspended);
  const auto details = std::count_if(f.urls.begin(), f.urls.end(),
                                     [](const std::string& u) { return u.find("/debates/") != std::string::npos; });
  EXPECT_EQ(details, 2);
  EXPECT_EQ(day[1].status, DebateStatus::Live);
  EXPECT_EQ(day[2].activityNumber, "2026A05001");
  EXPECT_EQ(day[2].committee, "Buitenlandse Handel en Ontwikkelingssamenwerking");
  EXPECT_EQ(day[1].activityNumber, day[3].activityNumber);  // the split debate shares its Activiteit
  EXPECT_TRUE(s.notes().empty());
  const bool paged = std::any_of(f.urls.begin(), f.urls.end(),
                                 [](const std::string& u) { return u.find("$skiptoken=") != std::string::npos; });
  EXPECT_TRUE(paged);
  EXPECT_EQ(s.resolve("troelstrazaal").status, DebateStatus::Suspended);
}

TEST(SourcesDay, OpenDataDownStillListsDebatDirect) {
  FixtureFetcher f;
  f.breakWhen("example:opendata", status(403));
  Sources s(fixtureConfig(), f);
  const auto day = s.day("2026-10-01");
  EXPECT_EQ(day.size(), 5u);
  EXPECT_TRUE(day[2].activityNumber.empty());
  ASSERT_EQ(s.notes().size(), 1u);
  EXPECT_EQ(s.notes()[0], "Open data niet bereikbaar: De server antwoordde 403.");
}

TEST(SourcesDay, DebatDirectBrokenFallsBackToOpenData) {
  FixtureFetcher f;
  f.breakWhen("example:debatdirect", body("<html><body>Fout</body></html>"));
  Sources s(fixtureConfig(), f);
  const auto day = s.day("2026-10-01");
  ASSERT_EQ(day.size(), 5u);  // the five activities of the local day (the 00:30 one is the next day)
  const bool cancelled = std::any_of(day.begin(), day.end(), [](const ml::Debate& d) {
    return d.status == DebateStatus::Cancelled && d.activityNumber == "2026A05005";
  });
  EXPECT_TRUE(cancelled);
  EXPECT_TRUE(hasNote(s.notes(), "Debat Direct niet bereikbaar: Debat Direct gaf een webpagina"));
}

TEST(SourcesDay, NoSourceAtAllIsAnError) {
  FixtureFetcher f;
  f.breakWhen("example:", status(503));
  Sources s(fixtureConfig(), f);
  EXPECT_THROW(s.day("2026-10-01"), SourceError);
}

TEST(SourcesDay, EmptyDayIsEmpty) {
  FixtureFetcher f;
  Sources s(fixtureConfig(), f);
  EXPECT_TRUE(s.day("2026-10-02").empty());
  EXPECT_TRUE(s.notes().empty());
}

TEST(SourcesResolve, ByActivityNumberMergesAllThreeSources) {
  FixtureFetcher f;
  Sources s(fixtureConfig(), f);
  const ml::Debate d = s.resolve("2026a05001");
  EXPECT_EQ(d.id, kSampleId);
  EXPECT_EQ(d.title, "Informele Raad Buitenlandse Zaken Ontwikkeling van 8 en 9 oktober 2026");
  EXPECT_EQ(d.committee, "Buitenlandse Handel en Ontwikkelingssamenwerking");
  EXPECT_EQ(d.agenda.size(), 2u);
  EXPECT_EQ(d.timeline.size(), 18u);
  ASSERT_EQ(d.background.size(), 2u);
  EXPECT_EQ(d.background[0].heading, "Achtergrond");
  EXPECT_EQ(d.webUrl, "https://www.tweedekamer.nl/debat_en_vergadering/commissievergaderingen/details?id=2026A05001");
  EXPECT_EQ(d.provenance.at("agendapunten"), "open data");
  EXPECT_EQ(d.provenance.at("achtergrond"), "webpagina");
  EXPECT_EQ(d.provenance.at("sprekers"), "Debat Direct");
  EXPECT_GE(d.matchConfidence, 0.99);
  EXPECT_TRUE(d.notes.empty()) << d.notes.front();
  EXPECT_FALSE(d.onDemandAudioUrl.empty());
}

TEST(SourcesResolve, ByDebatDirectPageUrlAndId) {
  FixtureFetcher f;
  Sources s(fixtureConfig(), f);
  EXPECT_EQ(s.resolve("https://debatdirect.tweedekamer.nl/2026-10-01/internationaal/klompezaal/"
                      "informele-raad-buitenlandse-zaken-ontwikkeling-van-8-en-9-oktober-2026-10-00")
                .id,
            kSampleId);
  const ml::Debate byId = s.resolve(kSampleId);
  EXPECT_EQ(byId.id, kSampleId);
  EXPECT_EQ(byId.activityNumber, "2026A05001");  // matched through the day's activities
  EXPECT_THROW(s.resolve("https://debatdirect.tweedekamer.nl/2026-10-01/x/klompezaal/bestaat-niet"), SourceError);
}

TEST(SourcesResolve, GoneDebateIdSaysSo) {
  FixtureFetcher f;
  Sources s(fixtureConfig(), f);
  try {
    s.resolve("99999999-aaaa-4bbb-8ccc-000000000009");
    FAIL() << "no error";
  } catch (const SourceError& e) {
    EXPECT_TRUE(e.notFound());
    EXPECT_STREQ(e.what(), "Dit debat bestaat niet (meer) bij Debat Direct.");
  }
}

TEST(SourcesResolve, RoomNameGivesWhatIsOnThere) {
  FixtureFetcher f;
  Sources s(fixtureConfig(), f);
  const ml::Debate plenary = s.resolve("plenaire zaal");
  EXPECT_EQ(plenary.id, "11111111-aaaa-4bbb-8ccc-000000000002");  // the live part
  EXPECT_EQ(plenary.liveAudioUrl, "https://audio.example.invalid/live/plenairezaal/audio.m3u8");
  EXPECT_EQ(plenary.bestAudioUrl(), plenary.liveAudioUrl);
  EXPECT_EQ(s.resolve("Klompezaal").id, kSampleId);
  EXPECT_THROW(s.resolve("onzin"), SourceError);
}

TEST(SourcesResolve, SplitDebateChoosesTheLivePartAndSaysSo) {
  FixtureFetcher f;
  Sources s(fixtureConfig(), f);
  const ml::Debate d = s.resolve("2026A05002");
  EXPECT_EQ(d.id, "11111111-aaaa-4bbb-8ccc-000000000002");
  EXPECT_TRUE(hasNote(d.notes, "Debat Direct zendt deze vergadering uit in 2 delen"));
  EXPECT_EQ(d.timeline.size(), 2u);
  EXPECT_EQ(d.timeline.back().name, "Kamerlid A");  // upper-case id in the event, lower in actors
}

TEST(SourcesResolve, EachMissingSourceIsNotedAndTheRestServes) {
  FixtureFetcher f;
  f.breakWhen("actors/", status(500));
  f.breakWhen("debatdirect/app", body("{\"locations\": [tr"));
  f.breakWhen("example:web", status(404));
  f.breakWhen("debates/5d210dbb", body("{\"id\": \"5d2"));
  Sources s(fixtureConfig(), f);
  const ml::Debate d = s.resolve("2026A05001");
  EXPECT_EQ(d.id, kSampleId);
  EXPECT_EQ(d.agenda.size(), 2u);      // open data still served
  EXPECT_TRUE(d.timeline.empty());     // the agenda entry has no events
  EXPECT_TRUE(d.background.empty());
  EXPECT_EQ(d.provenance.at("audio"), "vast patroon");
  EXPECT_TRUE(hasNote(d.notes, "Details van Debat Direct ontbreken: Debat Direct gaf onleesbare"));
  EXPECT_TRUE(hasNote(d.notes, "Namen van sprekers ontbreken: De server antwoordde 500."));
  EXPECT_TRUE(hasNote(d.notes, "De zalenlijst van Debat Direct ontbreekt"));
  EXPECT_TRUE(hasNote(d.notes, "Achtergrond van de webpagina ontbreekt: De server antwoordde 404."));
}

TEST(SourcesResolve, PageWithoutExpectedHeadingsStillServes) {
  FixtureFetcher f;
  f.breakWhen("example:web", body("<html><body><div>Alleen tekst.</div></body></html>"));
  Sources s(fixtureConfig(), f);
  const ml::Debate d = s.resolve("2026A05001");
  EXPECT_TRUE(d.background.empty());
  EXPECT_EQ(d.introduction, "Voorbereiding van de informele Raad.");  // Debat Direct's, kept
  EXPECT_TRUE(d.notes.empty());
}

TEST(SourcesResolve, OpenDataDownForANumberFallsBackToThePage) {
  FixtureFetcher f;
  f.breakWhen("example:opendata", status(403));
  Sources s(fixtureConfig(), f);
  const ml::Debate d = s.resolve("2026A05001");
  EXPECT_EQ(d.title, "Informele Raad Buitenlandse Zaken Ontwikkeling");
  EXPECT_EQ(d.room.name, "Klompézaal");
  EXPECT_EQ(d.committee, "Buitenlandse Handel en Ontwikkelingssamenwerking");
  ASSERT_EQ(d.ministers.size(), 1u);
  EXPECT_EQ(d.ministers[0].name, "Bewindspersoon A");
  EXPECT_TRUE(hasNote(d.notes, "Open data niet bereikbaar: De server antwoordde 403."));
  EXPECT_TRUE(hasNote(d.notes, "Tijden, zaal en geluid ontbreken"));
}

TEST(SourcesResolve, CachedAnswersAreNotedWithTheirAge) {
  FixtureFetcher f;
  ml::sources::ExampleFetcher files(std::string(MEELUISTER_TEST_DIR) + "/fixtures/data");
  f.breakWhen("agenda/2026-10-01", [&files] {
    auto r = files.get("example:debatdirect/agenda/2026-10-01", 1u << 20);
    r.fromCache = true;
    r.ageSeconds = 3 * 3600 + 5;
    return r;
  });
  Sources s(fixtureConfig(), f);
  EXPECT_EQ(s.day("2026-10-01").size(), 6u);
  ASSERT_EQ(s.notes().size(), 1u);
  EXPECT_EQ(s.notes()[0], "Debat Direct niet bereikbaar; gegevens uit de cache van 3 uur geleden.");
}

TEST(SourcesResolve, BundledExampleFromAnUitgelichtPage) {
  ml::sources::ExampleFetcher f(ml::sources::ExampleFetcher::defaultRoot());
  Sources s(ml::sources::exampleConfig(), f);
  const ml::Debate d = s.resolve("example:web/debat_en_vergadering/uitgelicht/samen-tegen-mensenhandel");
  EXPECT_EQ(d.activityNumber, "2023A08217");
  EXPECT_EQ(d.title, "Samen tegen mensenhandel");
  EXPECT_EQ(d.room.name, "Thorbeckezaal");
  EXPECT_EQ(d.committee, "Justitie en Veiligheid");
  ASSERT_FALSE(d.ministers.empty());
  EXPECT_EQ(d.ministers[0].name, "Eric van der Burg");
  EXPECT_EQ(d.agenda.size(), 3u);
  ASSERT_EQ(d.background.size(), 4u);
  EXPECT_EQ(d.background[2].blocks.at(2).text.rfind("Creëren van brede bewustwording", 0), 0u);
  EXPECT_TRUE(d.notes.empty()) << d.notes.front();
}

}  // namespace
