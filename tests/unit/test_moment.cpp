// What the listener types to go to a moment (g in the player): positions and clock times.
#include <gtest/gtest.h>

#include <string>

#include "core/Time.h"

namespace {

using ml::Moment;
using ml::parseMoment;

// The seconds of `text`, which must parse as a moment of `kind`.
double secondsOf(const std::string& text, Moment::Kind kind) {
  auto m = parseMoment(text);
  EXPECT_TRUE(m.has_value()) << text;
  if (!m) return -1;
  EXPECT_EQ(m->kind, kind) << text;
  return m->seconds;
}
double position(const std::string& text) { return secondsOf(text, Moment::Kind::Position); }
double clock(const std::string& text) { return secondsOf(text, Moment::Kind::Clock); }

TEST(Moment, PositionsWithColons) {
  EXPECT_DOUBLE_EQ(position("1:05:00"), 3900);
  EXPECT_DOUBLE_EQ(position("12:30"), 750);
  EXPECT_DOUBLE_EQ(position("0:07"), 7);
  EXPECT_DOUBLE_EQ(position("90"), 90);  // seconds, as --start takes them
  EXPECT_DOUBLE_EQ(position("  2:00:00 "), 7200);
  EXPECT_DOUBLE_EQ(position("125:00"), 7500) << "the first field is free: 125 minutes";
  EXPECT_DOUBLE_EQ(position("12:30,5"), 750.5);
}

TEST(Moment, ClockTimesAsDutchWritesThem) {
  EXPECT_DOUBLE_EQ(clock("14.30"), 14 * 3600 + 30 * 60);
  EXPECT_DOUBLE_EQ(clock("9.05"), 9 * 3600 + 5 * 60);
  EXPECT_DOUBLE_EQ(clock("14.30.15"), 14 * 3600 + 30 * 60 + 15);
  EXPECT_DOUBLE_EQ(clock("14u30"), 14 * 3600 + 30 * 60);
  EXPECT_DOUBLE_EQ(clock("14u"), 14 * 3600);
  EXPECT_DOUBLE_EQ(clock("14:30 uur"), 14 * 3600 + 30 * 60) << "'uur' makes a colon time a clock time";
  EXPECT_DOUBLE_EQ(clock("14.30 Uur"), 14 * 3600 + 30 * 60);
}

TEST(Moment, NonsenseAndOutOfRangeAreRefused) {
  for (const char* bad : {"", " ", "abc", "12:3", "12:60", "1:60:00", "1:2:3:4", "24.00", "14.3", "14.300",
                          "14u30.5", "-5", "1e3", "12:30,", "12:30,x", ":30", "12:", "14..30", "uur",
                          "99999999:00", "12 30"}) {
    EXPECT_FALSE(parseMoment(bad).has_value()) << "'" << bad << "'";
  }
}

TEST(Moment, ClockTimeOnTheRecordingsDayInDutchTime) {
  // 1 October 2026 10:00:36 in the room (CEST, UTC+2) is 08:00:36 UTC.
  const double start = 1790841636;
  EXPECT_DOUBLE_EQ(ml::clockOnDayOf(start, 14 * 3600 + 30 * 60), 1790857800) << "14.30 CEST is 12.30 UTC";
  // In winter (CET, UTC+1): 10 December 2026 09:00 UTC is 10.00 in the room.
  const double winter = 1796893200;
  EXPECT_DOUBLE_EQ(ml::clockOnDayOf(winter, 10 * 3600), winter);
}

}  // namespace
