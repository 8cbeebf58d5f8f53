// The reading order of a debate (sources/Reading.h): parts in the listener's order, their
// headings and sentences, the "nothing known" parts, and the same text as `show`.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/Debate.h"
#include "sources/DebateText.h"
#include "sources/ExampleFetcher.h"
#include "sources/Reading.h"
#include "sources/Resolve.h"
#include "sources/Sources.h"

namespace {

using ml::Debate;
using ml::sources::ReadingPart;
using Kind = ReadingPart::Kind;

Debate sampleDebate() {
  Debate d;
  d.title = "Informele Raad Buitenlandse Zaken";
  d.kind = "Commissiedebat";
  d.committee = "Buitenlandse Handel en Ontwikkelingssamenwerking";
  d.debateDate = "2026-10-01";
  d.plannedStart = ml::parseTimePoint("2026-10-01T10:00:00+02:00");
  d.plannedEnd = ml::parseTimePoint("2026-10-01T13:00:00+02:00");
  d.room = {"klompezaal", "Klompézaal"};
  d.status = ml::DebateStatus::Planned;
  d.ministers = {{"Bewindspersoon A", "Minister van Voorbeeldzaken", ""},
                 {"Bewindspersoon B", "Staatssecretaris van Toeslagen", ""}};
  d.participants = {{"Kamerlid C", "Deelnemer", "SP"}};
  d.introduction = "Een korte inleiding.";
  ml::AgendaItem one{"1", "Geannoteerde agenda", {}, "Eerst de brief."};
  one.documents.push_back({"2026D30001", "Brief regering", "Geannoteerde agenda", "2026-09-25", "21501 nr. 2900"});
  one.documents.push_back({"2026D30002", "Brief regering", "Verslag", "2026-09-26", ""});
  ml::AgendaItem two{"", "Verslag van de Raad", {}, ""};
  d.agenda = {one, two};
  ml::Section context{"Waarom dit debat", {{ml::TextBlock::Kind::Paragraph, "De Raad komt bijeen."}}};
  ml::Section goals{"Doelen",
                    {{ml::TextBlock::Kind::Paragraph, "Drie doelen:"},
                     {ml::TextBlock::Kind::ListItem, "Eerste punt"},
                     {ml::TextBlock::Kind::ListItem, "Tweede punt"}}};
  ml::Section untitled{"", {{ml::TextBlock::Kind::Paragraph, "Losse tekst."}}};
  d.background = {context, goals, untitled};
  return d;
}

std::vector<Kind> kinds(const std::vector<ReadingPart>& parts) {
  std::vector<Kind> out;
  for (const auto& p : parts) out.push_back(p.kind);
  return out;
}

TEST(Reading, PartsComeInTheListenersOrder) {
  const auto parts = ml::sources::readingOrder(sampleDebate());
  EXPECT_EQ(kinds(parts), (std::vector<Kind>{Kind::About, Kind::Ministers, Kind::AgendaItem, Kind::AgendaItem,
                                             Kind::Background, Kind::Background, Kind::Background, Kind::Background}));
}

TEST(Reading, DocumentLinesLeadWithTheTitleAndNeverSpeakTheNumber) {
  const auto agenda = ml::sources::agendaParts(sampleDebate());
  for (const auto& s : agenda[0].sentences) EXPECT_EQ(s.find("2026D3000"), std::string::npos) << s;
  // show (on screen, asked for) gives the number on its own line after the document.
  const auto shown = ml::sources::showLines(sampleDebate());
  const auto doc = std::find(shown.begin(), shown.end(),
                             "Geannoteerde agenda. Brief regering van 25 september 2026. Dossier 21501 nr. 2900.");
  ASSERT_NE(doc, shown.end());
  EXPECT_EQ(*(doc + 1), "Documentnummer: 2026D30001.");
  ml::AgendaItem bare{"", "x", {}, ""};
  bare.documents.push_back({"", "", "", "", ""});
  EXPECT_EQ(ml::sources::agendaItemLines(bare), std::vector<std::string>{"Document zonder titel."});
}

TEST(Reading, IntroductionIsTheFirstBackgroundPartOneParagraphALine) {
  Debate d = sampleDebate();
  d.introduction = "Eerste alinea.\nTweede alinea.";
  d.background.clear();
  const auto bg = ml::sources::backgroundParts(d);
  ASSERT_EQ(bg.size(), 1u);  // not "Geen achtergrond bekend."
  EXPECT_EQ(bg[0].heading, "Inleiding");
  EXPECT_EQ(bg[0].sentences, (std::vector<std::string>{"Eerste alinea.", "Tweede alinea."}));
  const auto shown = ml::sources::showLines(d);
  const auto at = std::find(shown.begin(), shown.end(), "Achtergrond:");
  ASSERT_NE(at, shown.end());
  EXPECT_EQ(*(at + 1), "Eerste alinea.");
  EXPECT_EQ(*(at + 2), "Tweede alinea.");
}

TEST(Reading, ScriptSpeaksGroupHeadingsAndMarksSections) {
  const auto parts = ml::sources::readingOrder(sampleDebate());
  const auto script = ml::sources::readingScript(parts);
  const auto& l = script.lines;
  auto at = [&](const std::string& s) {
    auto it = std::find(l.begin(), l.end(), s);
    EXPECT_NE(it, l.end()) << s;
    return static_cast<std::size_t>(it - l.begin());
  };
  // The agenda does not run into the background: each group is announced once.
  EXPECT_EQ(std::count(l.begin(), l.end(), "Agenda."), 1);
  EXPECT_EQ(std::count(l.begin(), l.end(), "Achtergrond."), 1);
  EXPECT_EQ(at("Agenda.") + 1, at("Agendapunt 1: Geannoteerde agenda"));
  EXPECT_LT(at("Agendapunt 2: Verslag van de Raad"), at("Achtergrond."));
  EXPECT_EQ(at("Achtergrond.") + 1, at("Inleiding"));
  EXPECT_EQ(at("Inleiding") + 1, at("Een korte inleiding."));
  // One section start per part, ascending; a group's first part starts at its heading.
  ASSERT_EQ(script.sectionStarts.size(), parts.size());
  EXPECT_EQ(script.sectionStarts[0], 0u);
  EXPECT_EQ(script.sectionStarts[1], at("Namens het kabinet"));
  EXPECT_EQ(script.sectionStarts[2], at("Agenda."));
  EXPECT_EQ(script.sectionStarts[3], at("Agendapunt 2: Verslag van de Raad"));
  EXPECT_EQ(script.sectionStarts[4], at("Achtergrond."));
  EXPECT_EQ(script.sectionStarts[5], at("Waarom dit debat"));
  EXPECT_TRUE(std::is_sorted(script.sectionStarts.begin(), script.sectionStarts.end()));
  // A nothing-known part named after its group is not announced twice.
  const auto empty = ml::sources::readingLines(ml::sources::readingOrder(Debate{}));
  EXPECT_EQ(empty, (std::vector<std::string>{"Debat zonder titel", "Status: gepland.", "Agenda.",
                                             "Geen agendapunten bekend.", "Achtergrond.", "Geen achtergrond bekend."}));
}

TEST(Reading, AboutSaysWhatWhenAndWhere) {
  const auto about = ml::sources::readingOrder(sampleDebate()).at(0);
  EXPECT_EQ(about.heading, "Informele Raad Buitenlandse Zaken");
  EXPECT_EQ(about.sentences, (std::vector<std::string>{"Soort: Commissiedebat.",
                                                       "Commissie: Buitenlandse Handel en Ontwikkelingssamenwerking.",
                                                       "Wanneer: donderdag 1 oktober 2026, 10.00 tot 13.00 uur.",
                                                       "Status: gepland.", "Waar: Klompézaal."}));
}

TEST(Reading, MinistersOneSentenceEach) {
  const auto ministers = ml::sources::readingOrder(sampleDebate()).at(1);
  EXPECT_EQ(ministers.heading, "Namens het kabinet");
  EXPECT_EQ(ministers.sentences, (std::vector<std::string>{"Bewindspersoon A, minister van Voorbeeldzaken.",
                                                           "Bewindspersoon B, staatssecretaris van Toeslagen."}));
}

TEST(Reading, AgendaItemsWithNoteAndDocuments) {
  const auto agenda = ml::sources::agendaParts(sampleDebate());
  ASSERT_EQ(agenda.size(), 2u);
  EXPECT_EQ(agenda[0].heading, "Agendapunt 1: Geannoteerde agenda");
  EXPECT_EQ(agenda[0].sentences,
            (std::vector<std::string>{
                "Toelichting: Eerst de brief.",
                "Geannoteerde agenda. Brief regering van 25 september 2026. Dossier 21501 nr. 2900.",
                "Verslag. Brief regering van 26 september 2026."}));
  EXPECT_EQ(agenda[1].heading, "Agendapunt 2: Verslag van de Raad");  // numbered by position
  EXPECT_TRUE(agenda[1].sentences.empty());
}

TEST(Reading, BackgroundByHeadingWithNumberedLists) {
  auto bg = ml::sources::backgroundParts(sampleDebate());
  ASSERT_EQ(bg.size(), 4u);
  EXPECT_EQ(bg[0].heading, "Inleiding");
  EXPECT_EQ(bg[0].sentences, std::vector<std::string>{"Een korte inleiding."});
  bg.erase(bg.begin());
  EXPECT_EQ(bg[0].heading, "Waarom dit debat");
  EXPECT_EQ(bg[0].sentences, std::vector<std::string>{"De Raad komt bijeen."});
  EXPECT_EQ(bg[1].heading, "Doelen");
  EXPECT_EQ(bg[1].sentences, (std::vector<std::string>{"Drie doelen:", "1. Eerste punt", "2. Tweede punt"}));
  EXPECT_EQ(bg[2].heading, "Achtergrond");  // a section without a heading
  EXPECT_EQ(bg[2].sentences, std::vector<std::string>{"Losse tekst."});
}

TEST(Reading, NothingKnownIsSaid) {
  Debate d;
  const auto parts = ml::sources::readingOrder(d);
  EXPECT_EQ(kinds(parts), (std::vector<Kind>{Kind::About, Kind::AgendaItem, Kind::Background}));
  EXPECT_EQ(parts[0].heading, "Debat zonder titel");
  EXPECT_EQ(parts[0].sentences, std::vector<std::string>{"Status: gepland."});
  const auto agenda = ml::sources::agendaParts(d);
  ASSERT_EQ(agenda.size(), 1u);
  EXPECT_EQ(agenda[0].heading, "Agenda");
  EXPECT_EQ(agenda[0].sentences, std::vector<std::string>{"Geen agendapunten bekend."});
  const auto bg = ml::sources::backgroundParts(d);
  ASSERT_EQ(bg.size(), 1u);
  EXPECT_EQ(bg[0].heading, "Achtergrond");
  EXPECT_EQ(bg[0].sentences, std::vector<std::string>{"Geen achtergrond bekend."});
}

TEST(Reading, LinesAreHeadingThenSentences) {
  const std::vector<ReadingPart> parts{{Kind::About, "Titel", {"a", "b"}}, {Kind::AgendaItem, "Agendapunt 1: x", {}}};
  EXPECT_EQ(ml::sources::readingLines(parts),
            (std::vector<std::string>{"Titel", "a", "b", "Agenda.", "Agendapunt 1: x"}));
}

// Every line read aloud is a line of `show` too, in the same order (one text for both),
// except the headings reading adds and show puts differently.
void expectShownInOrder(const Debate& d) {
  const auto shown = ml::sources::showLines(d);
  std::size_t at = 0;
  for (const auto& part : ml::sources::readingOrder(d)) {
    for (const auto& s : part.sentences) {
      if (part.kind == Kind::Ministers) continue;  // show joins them in one line
      auto it = std::find(shown.begin() + static_cast<std::ptrdiff_t>(at), shown.end(), s);
      ASSERT_NE(it, shown.end()) << "not shown (in this order): " << s;
      at = static_cast<std::size_t>(it - shown.begin());
    }
  }
}

TEST(Reading, SameTextAsShow) { expectShownInOrder(sampleDebate()); }

TEST(Reading, SpokenNotesCarryNoAddressesHostsOrIds) {
  const auto n = ml::sources::spokenNoteLines(
      {"Open data niet bereikbaar: 127.0.0.1 antwoordde 404.", "Debat a1f0c3d2-0001-4c39-8640-63a8ccec5b3a bestaat niet.",
       "Geen bijpassende vergadering gevonden in de open data; agendapunten ontbreken.",
       "Achtergrond van de webpagina ontbreekt: https://www.tweedekamer.nl/x gaf 404.", "Gegevens van 1.000 dagen oud."});
  EXPECT_EQ(n, (std::vector<std::string>{"Let op: Open data niet bereikbaar.",
                                         "Let op: Geen bijpassende vergadering gevonden in de open data; agendapunten ontbreken.",
                                         "Let op: Achtergrond van de webpagina ontbreekt.",
                                         "Let op: Gegevens van 1.000 dagen oud."}));
}

TEST(Reading, BundledExample) {
  ml::sources::ExampleFetcher f(ml::sources::ExampleFetcher::defaultRoot());
  ml::sources::Sources s(ml::sources::exampleConfig(), f);
  const Debate d = s.resolve(ml::sources::kExampleNumber);
  const auto parts = ml::sources::readingOrder(d);
  EXPECT_EQ(kinds(parts), (std::vector<Kind>{Kind::About, Kind::Ministers, Kind::AgendaItem, Kind::AgendaItem,
                                             Kind::AgendaItem, Kind::Background, Kind::Background, Kind::Background,
                                             Kind::Background, Kind::Background}));
  EXPECT_EQ(parts[0].heading, "Samen tegen mensenhandel");
  EXPECT_EQ(parts[5].heading, "Inleiding");  // the page's introduction is read, first of the background
  EXPECT_EQ(parts[1].sentences.at(0), "Eric van der Burg, staatssecretaris van Justitie en Veiligheid.");
  expectShownInOrder(d);
}

}  // namespace
