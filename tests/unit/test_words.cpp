// The words' time line (words/Transcript.h) and the subtitle feed's address helpers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/Fold.h"
#include "net/Url.h"
#include "words/Transcript.h"

namespace {

using ml::words::Line;
using ml::words::Transcript;

Line line(double utc, std::vector<std::string> lines, std::string speaker = {}) {
  Line l;
  l.utc = utc;
  l.utcEnd = utc + 3;
  l.lines = std::move(lines);
  l.speaker = std::move(speaker);
  return l;
}

TEST(Words, TranscriptKeepsTimeOrderAndMergesACueFromTwoFiles) {
  Transcript t;
  EXPECT_EQ(t.add({line(20, {"b"}), line(10, {"a"}), line(30, {"c"})}), 3u);
  // The same cue from the next live file, placed 0.24 s off: not added again.
  EXPECT_EQ(t.add({line(19.76, {"b"}), line(25, {"b"})}), 1u) << "the same text 5 s later is new";
  const auto all = t.all();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].text(), "a");
  EXPECT_EQ(all[1].utc, 20);
  EXPECT_EQ(all[2].utc, 25);
  const auto mid = t.between(10, 25);
  ASSERT_EQ(mid.size(), 2u) << "between is (from, to]";
  EXPECT_EQ(mid[0].utc, 20);
  EXPECT_EQ(mid[1].utc, 25);
  EXPECT_EQ(t.add({line(40, {})}), 0u) << "an empty cue is not kept";
}

TEST(Words, RollUpSkipsTheLinesJustShown) {
  ml::words::RollUp r;
  EXPECT_EQ(r.fresh({"een", "twee"}), (std::vector<std::string>{"een", "twee"}));
  EXPECT_EQ(r.fresh({"twee", "drie"}), (std::vector<std::string>{"drie"}));
  EXPECT_EQ(r.fresh({"brug"}), (std::vector<std::string>{"brug"}));
  EXPECT_EQ(r.fresh({"drie", "vier"}), (std::vector<std::string>{"vier"})) << "a bridge cue in between";
  EXPECT_EQ(r.fresh({"vier", "drie"}), (std::vector<std::string>{})) << "only leading lines are skipped";
  r.reset();
  EXPECT_EQ(r.fresh({"vier"}), (std::vector<std::string>{"vier"}));
}

TEST(Words, SearchIgnoresCaseAndAccentsAndMatchesWordBeginnings) {
  const std::vector<Line> lines = {
      line(0, {"De minister is geïnformeerd"}, "Jansen"),
      line(4, {"over het Klimaatbeleid op Bonaire"}, "Jansen"),
      line(8, {"segment 13 en 30"}),
      line(12, {"segment 3"}),
      line(60, {"Ook het klimaat"}, "Pietersen"),
  };
  using V = std::vector<std::size_t>;
  EXPECT_EQ(ml::words::search(lines, "GEINFORMEERD"), (V{0}));
  EXPECT_EQ(ml::words::search(lines, "klimaat"), (V{1, 4})) << "a word's beginning: klimaatbeleid";
  EXPECT_EQ(ml::words::search(lines, "segment 3"), (V{3})) << "a number only whole";
  EXPECT_EQ(ml::words::search(lines, "minister klimaatbeleid"), (V{0})) << "across two cues of one speaker";
  EXPECT_EQ(ml::words::search(lines, "bonaire klimaat ook"), (V{})) << "not across speakers or 10 s";
  EXPECT_EQ(ml::words::search(lines, "  "), (V{}));
  EXPECT_EQ(ml::text::foldForSearch("Één Ĳssel Ünïcode"), "een issel unicode");
}

TEST(Words, SentencesAcrossCueLines) {
  const auto s = ml::words::sentences({"Dit is de eerste", "zin. En de tweede?", "Een derde zonder eind"}, {1, 2, 3});
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].text, "Dit is de eerste zin.");
  EXPECT_EQ(s[0].utc, 1);
  EXPECT_EQ(s[1].text, "En de tweede?");
  EXPECT_EQ(s[1].utc, 2);
  EXPECT_EQ(s[2].text, "Een derde zonder eind");
  EXPECT_TRUE(ml::words::sentences({}, {}).empty());
  EXPECT_EQ(ml::words::sentences({"3.5 procent"}, {0}).size(), 1u) << "a point inside a number ends nothing";
}

TEST(Words, QueryValueDecodesTheKamersStartParameter) {
  const std::string url = "https://x/nl-pol/vod.vtt?start=2026-07-01T13%3A35%3A26.0000000%2B02%3A00&end=b#frag";
  EXPECT_EQ(ml::net::queryValue(url, "start"), "2026-07-01T13:35:26.0000000+02:00");
  EXPECT_EQ(ml::net::queryValue(url, "end"), "b");
  EXPECT_EQ(ml::net::queryValue(url, "x"), "");
  EXPECT_EQ(ml::net::queryValue("https://x/a.vtt", "start"), "");
  EXPECT_EQ(ml::net::queryValue("https://x/a.vtt?start", "start"), "");
  EXPECT_EQ(ml::net::queryValue("https://x/a?%zz=1&q=%4", "q"), "%4") << "a broken escape stays as written";
}

}  // namespace
