// The one ISO 8601 parser and Dutch time from the system's zone rules (core/DutchZone.h):
// both clock changes, the repeated and the skipped hour, the footer rule beyond the table,
// the built-in fallback, and the same answer from both entry points.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/Debate.h"
#include "core/DutchZone.h"
#include "core/Time.h"

using ml::parseIso;
using ml::parseIsoTime;
using ml::parseTimePoint;
namespace zone = ml::zone;

namespace {
std::int64_t utc(const char* text) { return parseIso(text).value().utcSeconds; }
}  // namespace

TEST(DutchZone, ReadsTheSystemsAmsterdamRules) {
  // tzdata is in the run set (scripts/install-deps.sh): the file is there and read.
  EXPECT_TRUE(zone::amsterdam().fromFile);
  EXPECT_GT(zone::amsterdam().transitions.size(), 100u);
  EXPECT_EQ(zone::amsterdam().rule.stdOffset, 3600);
  EXPECT_EQ(zone::amsterdam().rule.dstOffset, 7200);
}

TEST(DutchZone, SpringForwardOnTheLastSundayOfMarch) {
  // 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC).
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("2026-03-29T00:59:59Z")), 3600);
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("2026-03-29T01:00:00Z")), 7200);
  EXPECT_EQ(parseTimePoint("2026-03-29T01:59:00")->offsetMinutes, 60);
  EXPECT_EQ(parseTimePoint("2026-03-29T03:00:00")->offsetMinutes, 120);
  EXPECT_EQ(utc("2026-03-29T03:00:00"), utc("2026-03-29T01:00:00Z"));
  // 02:30 does not exist: read with the offset before the gap, it is 03:30 summer time.
  const auto gap = parseTimePoint("2026-03-29T02:30:00");
  ASSERT_TRUE(gap);
  EXPECT_EQ(gap->utcSeconds, utc("2026-03-29T01:30:00Z"));
  EXPECT_EQ(gap->localClock(), "03.30");
}

TEST(DutchZone, FallBackOnTheLastSundayOfOctober) {
  // 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:00-03:00 comes twice.
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("2026-10-25T00:59:59Z")), 7200);
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("2026-10-25T01:00:00Z")), 3600);
  EXPECT_EQ(parseTimePoint("2026-10-25T01:59:00")->offsetMinutes, 120);
  EXPECT_EQ(parseTimePoint("2026-10-25T03:00:00")->offsetMinutes, 60);
  // The repeated hour is read as the first, in summer time.
  EXPECT_EQ(utc("2026-10-25T02:30:00"), utc("2026-10-25T00:30:00Z"));
  EXPECT_EQ(parseTimePoint("2026-10-25T02:30:00")->offsetMinutes, 120);
}

TEST(DutchZone, FarFutureUsesTheFootersRuleAndThePastTheTable) {
  // Beyond a fat file's table (2037) the footer's rule: 2040-03-25 and 2040-10-28.
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("2040-03-25T00:59:59Z")), 3600);
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("2040-03-25T01:00:00Z")), 7200);
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("2040-10-28T00:59:59Z")), 7200);
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("2040-10-28T01:00:00Z")), 3600);
  // 1995: summer time ended on the last Sunday of September (EU rule before 1996).
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("1995-09-24T00:59:59Z")), 7200);
  EXPECT_EQ(zone::dutchOffsetSeconds(utc("1995-09-24T01:00:00Z")), 3600);
}

TEST(DutchZone, BuiltInRuleWhenTheFileIsDamaged) {
  zone::Zone z;
  EXPECT_FALSE(zone::parseTzif("TZif2 not really", z));
  EXPECT_FALSE(zone::parseTzif("", z));
  zone::PosixRule r;
  ASSERT_TRUE(zone::parsePosixRule("CET-1CEST,M3.5.0,M10.5.0/3", r));
  EXPECT_TRUE(r.hasDst);
  EXPECT_EQ(r.stdOffset, 3600);
  EXPECT_EQ(r.endTime, 3 * 3600);
  ASSERT_TRUE(zone::parsePosixRule("<+03>-3", r));
  EXPECT_FALSE(r.hasDst);
  EXPECT_EQ(r.stdOffset, 3 * 3600);
  EXPECT_FALSE(zone::parsePosixRule("CET-1CEST,J60,J300", r));
  zone::Zone rule;
  ASSERT_TRUE(zone::parsePosixRule("CET-1CEST,M3.5.0,M10.5.0/3", rule.rule));
  EXPECT_EQ(zone::offsetAt(rule, utc("2026-03-29T01:00:00Z")), 7200);
  EXPECT_EQ(zone::offsetAt(rule, utc("2026-10-25T01:00:00Z")), 3600);
}

TEST(DutchZone, TheSystemFileParsesWhole) {
  std::ifstream in("/usr/share/zoneinfo/Europe/Amsterdam", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  zone::Zone z;
  ASSERT_TRUE(zone::parseTzif(bytes.str(), z));
  // Every truncation is refused or parsed without crashing.
  const std::string all = bytes.str();
  for (std::size_t n = 0; n < all.size(); n += 7) zone::parseTzif(std::string_view(all).substr(0, n), z);
}

TEST(IsoTime, OneParserForBothEntryPoints) {
  for (const char* t : {"2023-12-21T11:15:00", "2023-06-21T11:15:00", "2026-10-01T10:00:36+0200",
                        "2026-10-01T08:00:36Z", "2026-10-01 10:00", "2026-10-01T10:00:36.25+02:00", "2026-10-01T10:00+02"}) {
    const auto a = parseIsoTime(t);
    const auto b = parseTimePoint(t);
    ASSERT_TRUE(a && b) << t;
    EXPECT_EQ(static_cast<std::int64_t>(*a), b->utcSeconds) << t;
  }
  // Without an offset: Dutch local time, also for HLS (it used to be UTC there).
  EXPECT_DOUBLE_EQ(*parseIsoTime("2023-12-21T11:15:00"), *parseIsoTime("2023-12-21T10:15:00Z"));
  EXPECT_DOUBLE_EQ(*parseIsoTime("2023-06-21T11:15:00.5"), *parseIsoTime("2023-06-21T09:15:00.5Z"));
  for (const char* bad : {"2023-12-21", "21-12-2023", "2023-02-30T10:00:00Z", "2023-12-21T24:00:00Z",
                          "2023-12-21T10:00:00+15:00", "2023-12-21T10:00:00.Z", "2023-12-21T10:00:00Zx", ""}) {
    EXPECT_FALSE(parseIso(bad)) << bad;
  }
}
