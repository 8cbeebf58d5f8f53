#include <gtest/gtest.h>

#include <cmath>

#include "audio/Ducker.h"

using ml::audio::DuckSettings;
using ml::audio::Ducker;

namespace {
constexpr float kRate = 48000.0f;
float toDb(float g) { return 20.0f * std::log10(g); }

// Samples until the gain is within 0.1 dB of `targetDb`.
int samplesUntil(Ducker& d, bool speaking, float targetDb, int limit) {
  for (int i = 1; i <= limit; ++i) {
    if (std::fabs(toDb(d.next(speaking)) - targetDb) < 0.1f) return i;
  }
  return -1;
}
}  // namespace

TEST(Ducker, LowersByTheDepthWithinTheAttackAndRestoresWithinTheRelease) {
  Ducker d(kRate);
  const int down = samplesUntil(d, true, -14.0f, 48000);
  EXPECT_NEAR(static_cast<float>(down) / kRate, 0.1, 0.005);
  for (int i = 0; i < 100; ++i) d.next(true);  // the last 0.1 dB of the ramp
  for (int i = 0; i < 4800; ++i) EXPECT_NEAR(toDb(d.next(true)), -14.0f, 0.01f);
  const int up = samplesUntil(d, false, 0.0f, 96000);
  EXPECT_NEAR(static_cast<float>(up) / kRate, 0.5, 0.01);
  for (int i = 0; i < 2000; ++i) d.next(false);  // the last 0.1 dB
  EXPECT_FLOAT_EQ(d.next(false), 1.0f);
}

TEST(Ducker, FollowsNewSettings) {
  Ducker d(kRate);
  d.configure({20.0f, 0.05f, 1.0f, false});
  EXPECT_NEAR(static_cast<float>(samplesUntil(d, true, -20.0f, 48000)) / kRate, 0.05, 0.003);
  EXPECT_NEAR(static_cast<float>(samplesUntil(d, false, 0.0f, 96000)) / kRate, 1.0, 0.01);
}

TEST(Ducker, RampIsSmoothNoStepLargerThanOnePerSampleShare) {
  Ducker d(kRate);
  float prev = d.next(false);
  float worst = 0;
  for (int i = 0; i < 24000; ++i) {
    float g = d.next(i < 12000);
    worst = std::max(worst, std::fabs(g - prev));
    prev = g;
  }
  // 14 dB over 4800 samples: each step is at most 1 - 10^(-14/20/4800) of the gain.
  EXPECT_LT(worst, 0.0005f);
  EXPECT_GT(worst, 0.0f);
}

TEST(Ducker, PauseModeFadesOutThenHoldsTheProgramme) {
  Ducker d(kRate);
  DuckSettings s;
  s.pause = true;
  d.configure(s);
  EXPECT_FALSE(d.holdsProgramme());
  for (int i = 0; i < 4799; ++i) d.next(true);
  EXPECT_FALSE(d.holdsProgramme());
  for (int i = 0; i < 10; ++i) d.next(true);
  EXPECT_TRUE(d.holdsProgramme());
  d.next(false);
  EXPECT_FALSE(d.holdsProgramme());
}
