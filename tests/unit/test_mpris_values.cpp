// The pure part of the MPRIS service: change detection and making odd values safe for the bus.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "lib/sdbus/MprisValues.h"

namespace {

using namespace ml::mpris;
using namespace ml::mpris::detail;
using Names = std::vector<std::string>;

TEST(MprisValues, ChangedPropertiesNamesEachChange) {
  State a;
  EXPECT_EQ(changedProperties(a, a), Names{});
  State b = a;
  b.positionSeconds = 99;
  EXPECT_EQ(changedProperties(a, b), Names{}) << "Position is never signalled";
  b.title = "x";
  EXPECT_EQ(changedProperties(a, b), Names{"Metadata"});
  b = a;
  b.lengthSeconds = 10;
  EXPECT_EQ(changedProperties(a, b), Names{"Metadata"});
  b = a;
  b.trackId = "/a/b";
  EXPECT_EQ(changedProperties(a, b), Names{"Metadata"});
  b = a;
  b.playbackStatus = "Playing";
  b.rate = 2;
  b.volume = 0.5;
  b.minimumRate = 0.25;
  b.maximumRate = 4;
  b.canGoNext = b.canGoPrevious = b.canSeek = true;
  b.canPlay = b.canPause = false;
  EXPECT_EQ(changedProperties(a, b),
            (Names{"PlaybackStatus", "Rate", "Volume", "MinimumRate", "MaximumRate", "CanGoNext",
                   "CanGoPrevious", "CanPlay", "CanPause", "CanSeek"}));
}

TEST(MprisValues, ChangesCompareWhatTheBusShows) {
  State a;
  a.volume = 2.5;
  State b = a;
  b.volume = 3;  // both read 2
  b.trackId = "not a path";
  State c = b;
  c.trackId = "also not";  // both read NoTrack
  c.playbackStatus = "Onzin";  // reads Stopped, as before
  EXPECT_EQ(changedProperties(b, c), Names{});
  EXPECT_EQ(changedProperties(a, b), Names{"Metadata"});
}

TEST(MprisValues, ValidUtf8ReplacesBadBytes) {
  EXPECT_EQ(validUtf8("Kamerlid Ünal – één"), "Kamerlid Ünal – één");
  EXPECT_EQ(validUtf8("a\xC3"), "a\xEF\xBF\xBD");
  EXPECT_EQ(validUtf8("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(validUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(validUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
  EXPECT_EQ(validUtf8(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(validUtf8("\xF0\x9F\x8E\xA7"), "\xF0\x9F\x8E\xA7");
  EXPECT_EQ(validUtf8("\xF4\x90\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(MprisValues, ObjectPaths) {
  EXPECT_TRUE(isObjectPath("/"));
  EXPECT_TRUE(isObjectPath("/nl/meeluister/debat/0"));
  EXPECT_FALSE(isObjectPath(""));
  EXPECT_FALSE(isObjectPath("nl/x"));
  EXPECT_FALSE(isObjectPath("/nl/"));
  EXPECT_FALSE(isObjectPath("/nl//x"));
  EXPECT_FALSE(isObjectPath("/nl/x-y"));
  EXPECT_EQ(busTrackId("/a"), "/a");
  EXPECT_EQ(busTrackId("a b"), kNoTrack);
}

TEST(MprisValues, NumbersStayFiniteAndInRange) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(toMicros(1.5), 1500000);
  EXPECT_EQ(toMicros(-0.25), -250000);
  EXPECT_EQ(toMicros(std::nan("")), 0);
  EXPECT_EQ(toMicros(inf), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(toMicros(-inf), std::numeric_limits<std::int64_t>::min());
  EXPECT_DOUBLE_EQ(toSeconds(2500000), 2.5);
  EXPECT_EQ(busVolume(std::nan("")), 1.0);
  EXPECT_EQ(busVolume(7), 2.0);
  EXPECT_EQ(clampVolume(-1), 0.0);
  State s;
  EXPECT_EQ(clampRate(s, 10), 3.0);
  EXPECT_EQ(clampRate(s, 0.1), 0.5);
  s.minimumRate = 1.5;  // the spec wants MinimumRate <= 1
  s.maximumRate = std::nan("");
  EXPECT_EQ(busMinimumRate(s), 1.0);
  EXPECT_EQ(busMaximumRate(s), 1.0);
  EXPECT_EQ(busRate(s), 1.0);
  EXPECT_EQ(busPlaybackStatus("Paused"), "Paused");
  EXPECT_EQ(busPlaybackStatus("paused"), "Stopped");
}

}  // namespace
