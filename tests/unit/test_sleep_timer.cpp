// The sleep timer's arithmetic (app/SleepTimer.h): time left, the fade, the end.
#include <gtest/gtest.h>

#include "app/SleepTimer.h"

namespace {

using ml::app::SleepTimer;
using namespace std::chrono_literals;

TEST(SleepTimer, OffIsFullLevelForEver) {
  SleepTimer t;
  const auto now = SleepTimer::Clock::now();
  EXPECT_FALSE(t.on());
  EXPECT_FLOAT_EQ(t.gain(now + 100h), 1.0f);
  EXPECT_FALSE(t.expired(now + 100h));
}

TEST(SleepTimer, FadesOverTheLastTenSecondsThenExpires) {
  SleepTimer t;
  const auto now = SleepTimer::Clock::now();
  t.set(15 * 60, now);
  EXPECT_NEAR(t.left(now + 60s), 14 * 60, 1e-6);
  EXPECT_FLOAT_EQ(t.gain(now + 14min + 50s), 1.0f);
  EXPECT_NEAR(t.gain(now + 14min + 55s), 0.5f, 1e-4);
  EXPECT_NEAR(t.gain(now + 14min + 59s), 0.1f, 1e-4);
  EXPECT_FALSE(t.expired(now + 14min + 59s));
  EXPECT_TRUE(t.expired(now + 15min));
  EXPECT_FLOAT_EQ(t.gain(now + 16min), 0.0f);
  EXPECT_DOUBLE_EQ(t.left(now + 16min), 0.0);
  t.off();
  EXPECT_FALSE(t.expired(now + 16min));
  EXPECT_FLOAT_EQ(t.gain(now + 16min), 1.0f);
}

TEST(SleepTimer, AShortTimerFadesOverItsSecondHalf) {
  SleepTimer t;
  const auto now = SleepTimer::Clock::now();
  t.set(8, now);
  EXPECT_FLOAT_EQ(t.gain(now + 3s), 1.0f);
  EXPECT_NEAR(t.gain(now + 6s), 0.5f, 1e-4);
}

}  // namespace
