#include <gtest/gtest.h>

#include "sources/Reference.h"

using ml::sources::classifyReference;
using K = ml::sources::ReferenceKind;

namespace {

TEST(Reference, TellsDebateReferencesFromStreamsAndFiles) {
  EXPECT_EQ(classifyReference("voorbeeld"), K::Example);
  EXPECT_EQ(classifyReference("example"), K::Example);
  EXPECT_EQ(classifyReference("https://debatdirect.tweedekamer.nl/2026-10-01/internationaal/klompezaal/raad"),
            K::DebatDirectPage);
  EXPECT_EQ(classifyReference("https://www.tweedekamer.nl/debat_en_vergadering/commissievergaderingen/details?id=2023A07965"),
            K::WebPage);
  EXPECT_EQ(classifyReference("https://WWW.TweedeKamer.nl/debat_en_vergadering/uitgelicht/x"), K::WebPage);
  EXPECT_EQ(classifyReference("http://127.0.0.1:8080/web/x?id=1", "http://127.0.0.1:8080/web"), K::WebPage);
  EXPECT_EQ(classifyReference("2023A07965"), K::ActivityNumber);
  EXPECT_EQ(classifyReference("2023a07965"), K::ActivityNumber);
  EXPECT_EQ(classifyReference("5d210dbb-9be4-4c39-8640-63a8ccec5b3a"), K::DebatDirectId);
  EXPECT_EQ(classifyReference("plenaire zaal"), K::Room);
  EXPECT_EQ(classifyReference("Klompézaal"), K::Room);
  EXPECT_EQ(classifyReference("evenementenkanaal"), K::Room);
  // Not debates: stream addresses (also on tweedekamer.nl hosts), files, words.
  EXPECT_EQ(classifyReference("https://livestreaming.b67buv2.tweedekamer.nl/live/plenairezaal/index.m3u8"), K::None);
  EXPECT_EQ(classifyReference("https://cdn.debatdirect.tweedekamer.nl/api/agenda"), K::None);
  EXPECT_EQ(classifyReference("http://127.0.0.1:8080/live/index.m3u8", "http://127.0.0.1:9/web"), K::None);
  EXPECT_EQ(classifyReference("/tmp/opname.m4a"), K::None);
  EXPECT_EQ(classifyReference("wachtzaal.mp3"), K::None);
  EXPECT_EQ(classifyReference("keuken"), K::None);
  EXPECT_EQ(classifyReference(""), K::None);
}

}  // namespace

#include "sources/Resolve.h"

namespace {

TEST(ResolveDebate, ExampleGivesItsAudioAndStreamsAreLeftAlone) {
  const auto d = ml::sources::resolveDebate("voorbeeld", ml::sources::configFromEnvironment());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->activityNumber, ml::sources::kExampleNumber);
  EXPECT_EQ(d->bestAudioUrl(), d->onDemandAudioUrl);  // it has ended
  EXPECT_EQ(d->onDemandAudioUrl.rfind("https://livestreaming.b67v2.tweedekamer.nl/2023-12-21/thorbeckezaal/", 0), 0u);
  EXPECT_FALSE(ml::sources::resolveDebate("https://livestreaming.b67buv2.tweedekamer.nl/live/x/index.m3u8",
                                          ml::sources::configFromEnvironment()));
  EXPECT_THROW(ml::sources::resolveDebate("keukenzaal", ml::sources::exampleConfig()), ml::sources::SourceError);
}

}  // namespace
