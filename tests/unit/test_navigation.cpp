// Navigation levels and speaker turns placed on a recording (app/Navigation.h).
#include <gtest/gtest.h>

#include "app/Navigation.h"

namespace ml::app {
namespace {

SpeakerEvent ev(std::int64_t utc, std::string name, std::string aff, std::string type = "speaker") {
  SpeakerEvent e;
  e.time = {utc, 60};
  e.name = std::move(name);
  e.affiliation = std::move(aff);
  e.eventType = std::move(type);
  return e;
}

const double kStart = 1'703'153'700;  // recording's first sample

std::vector<SpeakerEvent> timeline() {
  return {ev(1'703'153'690, "Voor", "VVD"),               // before the recording: left out
          ev(1'703'153'710, "Kamerlid A", "VVD"),         // 10 s
          ev(1'703'153'730, "", "", "suspended"),          // not a turn
          ev(1'703'153'740, "Van der Burg", "staatssecretaris", "speaker"),  // 40 s
          ev(1'703'153'745, "Kamerlid B", "SP", "interrupter"),              // 45 s
          ev(1'703'153'900, "Na", "CDA")};                // 200 s: past a 100 s recording
}

TEST(Navigation, LevelsCycleBothWays) {
  Level l = Level::Speaker;
  for (int i = 0; i < 3; ++i) l = nextLevel(l);
  EXPECT_EQ(l, Level::Speaker);
  EXPECT_EQ(previousLevel(nextLevel(Level::AgendaItem)), Level::AgendaItem);
  EXPECT_STREQ(dutchLevel(Level::AgendaItem), "agendapunt");
}

TEST(Navigation, TurnsAreOnTheRecordingOnly) {
  auto t = turnsOnRecording(timeline(), kStart, 100);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_DOUBLE_EQ(t[0].position, 10);
  EXPECT_EQ(t[0].who, "Kamerlid A, VVD");
  EXPECT_DOUBLE_EQ(t[1].position, 40);
  EXPECT_TRUE(t[2].interruption);
  EXPECT_EQ(turnsOnRecording(timeline(), kStart, 0).size(), 4u);  // unknown length keeps later ones
  EXPECT_TRUE(turnsOnRecording(timeline(), 0, 100).empty());       // no start time: no turns
}

TEST(Navigation, NextAndPreviousLikeATalkingBook) {
  auto t = turnsOnRecording(timeline(), kStart, 100);
  EXPECT_EQ(turnAt(t, 5), -1);
  EXPECT_EQ(turnAt(t, 10), 0);
  EXPECT_EQ(turnAt(t, 44.9), 1);
  EXPECT_EQ(nextTurn(t, 5), 0u);
  EXPECT_EQ(nextTurn(t, 12), 1u);
  EXPECT_FALSE(nextTurn(t, 50).has_value());
  EXPECT_EQ(previousTurn(t, 30), 0u);     // well into turn 0: back to its start
  EXPECT_EQ(previousTurn(t, 41), 0u);     // just after turn 1 began: the one before
  EXPECT_EQ(previousTurn(t, 60), 2u);
  EXPECT_FALSE(previousTurn(t, 11).has_value());  // at the first turn's start
  EXPECT_FALSE(previousTurn(t, 3).has_value());
}

TEST(Navigation, PositionsStayInsideTheRecording) {
  EXPECT_DOUBLE_EQ(clampPosition(-5, 100), 0);
  EXPECT_DOUBLE_EQ(clampPosition(150, 100), 99);
  EXPECT_DOUBLE_EQ(clampPosition(150, 0), 150);
  EXPECT_DOUBLE_EQ(clampPosition(42, 100), 42);
}

}  // namespace
}  // namespace ml::app
