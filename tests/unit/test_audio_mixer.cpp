#include <gtest/gtest.h>
#include <poll.h>

#include <cmath>
#include <thread>
#include <vector>

#include "audio/AudioFormat.h"
#include "audio/Mixer.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/SpscRing.h"

using namespace ml::audio;

TEST(SpscRing, WrapsAroundAndKeepsOrder) {
  SpscRing r(8);
  ASSERT_EQ(r.capacity(), 8u);
  float in[6] = {1, 2, 3, 4, 5, 6}, out[8] = {};
  EXPECT_EQ(r.write(in, 6), 6u);
  EXPECT_EQ(r.read(out, 4), 4u);
  EXPECT_EQ(r.write(in, 6), 6u);  // wraps
  EXPECT_EQ(r.write(in, 6), 0u);  // full
  EXPECT_EQ(r.read(out, 8), 8u);
  float expect[8] = {5, 6, 1, 2, 3, 4, 5, 6};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], expect[i]) << i;
}

TEST(SpscRing, ConcurrentProducerAndConsumerLoseNothing) {
  SpscRing r(1024);
  constexpr int kTotal = 200000;
  std::thread producer([&] {
    float v = 0;
    while (v < kTotal) {
      if (r.write(&v, 1) == 1) v += 1;
    }
  });
  float expected = 0, got = 0;
  bool ordered = true;
  while (expected < kTotal) {
    if (r.read(&got, 1) == 1) {
      ordered = ordered && got == expected;
      expected += 1;
    }
  }
  producer.join();
  EXPECT_TRUE(ordered);
}

namespace {
std::vector<float> ramp(std::size_t frames, float start = 0) {
  std::vector<float> v(frames * kChannels);
  for (std::size_t i = 0; i < frames; ++i) v[2 * i] = v[2 * i + 1] = start + static_cast<float>(i);
  return v;
}
}  // namespace

TEST(Mixer, RendersProgrammeThenSilenceAndCountsUnderrun) {
  ProgrammeBuffer p(0.1);
  Mixer m(p);
  ml::CancelToken never;
  auto src = ramp(100, 1);
  ASSERT_TRUE(p.write(src.data(), 100, never));
  std::vector<float> out(300 * kChannels, -1);
  m.render(out.data(), 300);
  EXPECT_EQ(m.programmeFramesPlayed(), 100u);
  EXPECT_FLOAT_EQ(out[2 * 99], 100.0f);
  EXPECT_FLOAT_EQ(out[2 * 150], 0.0f);
  EXPECT_EQ(m.underrunFrames(), 200u);
  EXPECT_FALSE(m.finished());
  p.markEnded();
  m.render(out.data(), 10);
  EXPECT_TRUE(m.finished());
}

TEST(Mixer, StopsExactlyAtTheFrameLimit) {
  ProgrammeBuffer p(0.1);
  Mixer m(p);
  ml::CancelToken never;
  auto src = ramp(1000);
  ASSERT_TRUE(p.write(src.data(), 1000, never));
  m.setStopAfterFrames(640);
  std::vector<float> out(4096 * kChannels);
  EXPECT_EQ(m.renderAvailable(out.data(), 4096), 640u);
  EXPECT_TRUE(m.finished());
  EXPECT_EQ(m.renderAvailable(out.data(), 4096), 0u);
}

TEST(Mixer, VolumeChangesRampWithoutAJump) {
  ProgrammeBuffer p(1.0);
  Mixer m(p);
  ml::CancelToken never;
  std::vector<float> ones(4800 * kChannels, 1.0f);
  ASSERT_TRUE(p.write(ones.data(), 4800, never));
  m.setVolume(0.0f);
  std::vector<float> out(4800 * kChannels);
  m.render(out.data(), 4800);
  float maxStep = 0;
  for (std::size_t i = 1; i < 4800; ++i) maxStep = std::max(maxStep, std::fabs(out[2 * i] - out[2 * (i - 1)]));
  EXPECT_LT(maxStep, 0.01f);           // no click
  EXPECT_GT(out[0], 0.99f);            // started from full volume
  EXPECT_FLOAT_EQ(out[2 * 4799], 0.0f);  // reached silence within 100 ms
}

TEST(ProgrammeBuffer, AWriterBlockedOnAFullRingIsReleasedByTheReaderAndByCancel) {
  ProgrammeBuffer p(0.01);  // 480 frames
  ml::CancelToken token;
  auto src = ramp(2000);
  std::thread reader([&] {
    std::vector<float> out(256 * kChannels);
    std::size_t total = 0;
    while (total < 2000) total += p.read(out.data(), 256);
  });
  EXPECT_TRUE(p.write(src.data(), 2000, token));
  reader.join();
  std::thread cancel([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    token.cancel();
    p.wakeWriter();
  });
  EXPECT_FALSE(p.write(src.data(), 2000, token));  // nobody reads: only cancel frees it
  cancel.join();
}

// The data eventfd is written only while a reader watches it: the device callback never
// waits, so a device sink must not cost the decoder a write(2) per block.
TEST(ProgrammeBuffer, DataWakeupIsSignalledOnlyWhileWatched) {
  ProgrammeBuffer p(0.1);
  ml::CancelToken token;
  auto src = ramp(256);
  auto readable = [&] {
    pollfd fd{p.dataWakeup().fd(), POLLIN, 0};
    return poll(&fd, 1, 0) == 1;
  };
  ASSERT_TRUE(p.write(src.data(), 256, token));
  EXPECT_FALSE(readable());
  p.watchData(true);
  ASSERT_TRUE(p.write(src.data(), 256, token));
  EXPECT_TRUE(readable());
  p.dataWakeup().drain();
  p.watchData(false);
  ASSERT_TRUE(p.write(src.data(), 256, token));
  EXPECT_FALSE(readable());
  p.markEnded();  // the end is always signalled
  EXPECT_TRUE(readable());
}
