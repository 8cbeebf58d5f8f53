// SpeedStage: playback speed with the pitch kept (libsonic), 48 kHz stereo float.
#include "audio/SpeedStage.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "audio/AudioFormat.h"
#include "audio/ProgrammeBuffer.h"
#include "core/EventQueue.h"
#include "decode/DecoderThread.h"
#include "net/ChunkQueue.h"

namespace {

using ml::audio::kChannels;
using ml::audio::kSampleRate;
using ml::audio::SpeedStage;

constexpr std::size_t kBlock = 1024;  // frames per decoded block, as a decoder would hand them

// A stereo tone, continuous across calls (phase kept from `startFrame`).
std::vector<float> tone(double hz, std::size_t frames, std::size_t startFrame = 0, float amplitude = 0.5f) {
  std::vector<float> v(frames * kChannels);
  for (std::size_t i = 0; i < frames; ++i) {
    const double t = static_cast<double>(startFrame + i) / kSampleRate;
    const auto s = static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * hz * t));
    v[2 * i] = s;
    v[2 * i + 1] = s;
  }
  return v;
}

std::size_t framesOf(const std::vector<float>& v) { return v.size() / kChannels; }

// Frequency from upward zero crossings of the left channel, skipping the edges.
double estimateHz(const std::vector<float>& v) {
  const std::size_t n = framesOf(v);
  const std::size_t from = n / 10, to = n - n / 10;
  std::size_t first = 0, last = 0, count = 0;
  for (std::size_t i = from + 1; i < to; ++i) {
    if (v[2 * (i - 1)] < 0.0f && v[2 * i] >= 0.0f) {
      if (count == 0) first = i;
      last = i;
      ++count;
    }
  }
  if (count < 2) return 0.0;
  return static_cast<double>(count - 1) * kSampleRate / static_cast<double>(last - first);
}

// The largest step between neighbouring samples of one channel.
float largestStep(const std::vector<float>& v, std::size_t channel) {
  float worst = 0.0f;
  for (std::size_t i = 1; i < framesOf(v); ++i) {
    worst = std::max(worst, std::fabs(v[2 * i + channel] - v[2 * (i - 1) + channel]));
  }
  return worst;
}

// The lowest RMS of the left channel over 10 ms windows (a gap shows as a dip).
double lowestRms(const std::vector<float>& v, std::size_t skipEdgeFrames) {
  const std::size_t win = kSampleRate / 100;
  double lowest = 1e9;
  for (std::size_t at = skipEdgeFrames; at + win + skipEdgeFrames <= framesOf(v); at += win / 2) {
    double sum = 0.0;
    for (std::size_t i = at; i < at + win; ++i) sum += static_cast<double>(v[2 * i]) * v[2 * i];
    lowest = std::min(lowest, std::sqrt(sum / static_cast<double>(win)));
  }
  return lowest;
}

// Feeds `seconds` of tone block by block at `speed`, continuing at input frame `start`.
std::size_t feed(SpeedStage& stage, double speed, double seconds, std::size_t start, std::vector<float>& out) {
  stage.setSpeed(speed);
  const auto frames = static_cast<std::size_t>(seconds * kSampleRate);
  for (std::size_t done = 0; done < frames; done += kBlock) {
    const std::size_t n = std::min(kBlock, frames - done);
    const std::vector<float> in = tone(440.0, n, start + done);
    stage.process(in.data(), n, out);
  }
  return start + frames;
}

TEST(SpeedStage, OneIsBitExactPassthrough) {
  SpeedStage stage;
  EXPECT_TRUE(stage.passthrough());
  std::vector<float> in = tone(440.0, 4800, 0, 1.4f);  // out of range too: passed as it is
  in[10] = 1e-30f;
  std::vector<float> out;
  stage.process(in.data(), 4800, out);
  stage.flush(out);
  ASSERT_EQ(out.size(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], in[i]) << "sample " << i;
}

TEST(SpeedStage, SpeedIsClamped) {
  SpeedStage stage;
  stage.setSpeed(10.0);
  EXPECT_DOUBLE_EQ(stage.speed(), 3.0);
  stage.setSpeed(0.1);
  EXPECT_DOUBLE_EQ(stage.speed(), 0.5);
  stage.setSpeed(1.25);
  EXPECT_DOUBLE_EQ(stage.speed(), 1.25);
  EXPECT_FALSE(stage.passthrough());
}

class SpeedStagePitch : public ::testing::TestWithParam<double> {};

TEST_P(SpeedStagePitch, KeepsPitchAndScalesLength) {
  const double speed = GetParam();
  SpeedStage stage;
  std::vector<float> out;
  const double seconds = 3.0;
  feed(stage, speed, seconds, 0, out);
  stage.flush(out);
  const double expected = seconds * kSampleRate / speed;
  EXPECT_NEAR(static_cast<double>(framesOf(out)) / expected, 1.0, 0.02)
      << framesOf(out) << " frames, expected " << expected;
  EXPECT_NEAR(estimateHz(out), 440.0, 440.0 * 0.01);
  // Left and right stay together.
  for (std::size_t i = 0; i < framesOf(out); ++i) ASSERT_EQ(out[2 * i], out[2 * i + 1]) << "frame " << i;
}

INSTANTIATE_TEST_SUITE_P(Speeds, SpeedStagePitch, ::testing::Values(0.5, 1.5, 2.0, 3.0));

TEST(SpeedStage, SwitchingMidStreamHasNoClickAndNoGap) {
  SpeedStage stage;
  std::vector<float> out;
  std::size_t at = feed(stage, 1.0, 0.5, 0, out);
  at = feed(stage, 2.0, 0.5, at, out);
  at = feed(stage, 1.0, 0.5, at, out);
  at = feed(stage, 0.5, 0.3, at, out);
  feed(stage, 1.0, 0.5, at, out);
  stage.flush(out);
  // A 440 Hz tone at 0.5 moves at most 0.029 per sample; a click or a jump in phase
  // moves far more.
  const float natural = static_cast<float>(0.5 * 2.0 * std::numbers::pi * 440.0 / kSampleRate);
  EXPECT_LT(largestStep(out, 0), natural * 1.6f);
  EXPECT_LT(largestStep(out, 1), natural * 1.6f);
  // No gap: the tone's RMS is 0.354 in every 10 ms window.
  EXPECT_GT(lowestRms(out, 0), 0.30);
  const double expected = (0.5 + 0.25 + 0.5 + 0.6 + 0.5) * kSampleRate;
  EXPECT_NEAR(static_cast<double>(framesOf(out)) / expected, 1.0, 0.02);
  EXPECT_NEAR(estimateHz(out), 440.0, 440.0 * 0.01);
}

TEST(SpeedStage, BackAtOneIsPassthroughAgain) {
  SpeedStage stage;
  std::vector<float> out;
  std::size_t at = feed(stage, 2.0, 0.2, 0, out);
  EXPECT_FALSE(stage.passthrough());
  at = feed(stage, 1.0, 0.05, at, out);  // sonic hands back what it held
  EXPECT_TRUE(stage.passthrough());
  const std::vector<float> in = tone(440.0, kBlock, at);
  std::vector<float> next;
  stage.process(in.data(), kBlock, next);
  EXPECT_EQ(next, in);
}

TEST(SpeedStage, LoudInputIsClampedNotWrapped) {
  SpeedStage stage;
  std::vector<float> out;
  stage.setSpeed(2.0);
  const std::vector<float> in = tone(440.0, kSampleRate, 0, 1.3f);
  stage.process(in.data(), kSampleRate, out);
  stage.flush(out);
  ASSERT_FALSE(out.empty());
  for (float v : out) ASSERT_LE(std::fabs(v), 1.0001f);
  EXPECT_LT(largestStep(out, 0), 0.2f);  // a wrapped sample would jump by ~2
}

TEST(SpeedStage, ResetDropsWhatSonicHeld) {
  SpeedStage stage;
  std::vector<float> out;
  feed(stage, 2.0, 0.2, 0, out);
  stage.reset();
  EXPECT_DOUBLE_EQ(stage.speed(), 2.0);
  std::vector<float> rest;
  stage.flush(rest);
  EXPECT_TRUE(rest.empty());
  // Silence in, silence out: nothing of the old tone is left.
  std::vector<float> silence(kBlock * 8 * kChannels, 0.0f), after;
  stage.process(silence.data(), kBlock * 8, after);
  stage.flush(after);
  for (float v : after) ASSERT_EQ(v, 0.0f);
}

// The decoder thread with a speed: 2 s of a 440 Hz tone (ADTS AAC, made with
// `ffmpeg -f lavfi -i sine=frequency=440:duration=2:sample_rate=48000 -af volume=-6dB
// -ac 2 -c:a aac -b:a 96k -f adts`) decoded through the whole thread.
struct Decoded {
  std::vector<float> audio;
  double mediaSeconds = 0.0;
};

Decoded decodeTone(const std::atomic<double>* speed) {
  std::ifstream f(std::string(MEELUISTER_TEST_DIR) + "/fixtures/decode/tone440_2s.aac", std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  std::string bytes = ss.str();
  EXPECT_GT(bytes.size(), 10000u);
  ml::net::ChunkQueue chunks(4);
  ml::net::MediaChunk c;
  c.kind = ml::net::MediaChunk::Kind::Stream;
  c.data = std::move(bytes);
  chunks.push(std::move(c));
  ml::net::MediaChunk end;
  end.kind = ml::net::MediaChunk::Kind::End;
  chunks.push(std::move(end));

  ml::audio::ProgrammeBuffer programme(10.0);  // room for everything: run() never blocks
  ml::EventQueue<ml::net::StreamEvent> events;
  std::atomic<double> media{0.0};
  ml::decode::DecoderThread decoder(chunks, programme, events, std::make_shared<ml::CancelToken>(), speed);
  decoder.mediaSecondsOut = &media;
  decoder.run();
  EXPECT_TRUE(programme.ended());
  Decoded d;
  d.audio.resize(programme.readableFrames() * kChannels);
  d.audio.resize(programme.read(d.audio.data(), programme.readableFrames()) * kChannels);
  d.mediaSeconds = media.load();
  return d;
}

TEST(DecoderSpeed, WithoutSpeedTheMediaSecondsAreTheFramesWritten) {
  const Decoded d = decodeTone(nullptr);
  ASSERT_GT(framesOf(d.audio), 0u);
  EXPECT_NEAR(static_cast<double>(framesOf(d.audio)) / kSampleRate, 2.0, 0.05);
  EXPECT_NEAR(d.mediaSeconds, static_cast<double>(framesOf(d.audio)) / kSampleRate, 1e-9);
  EXPECT_NEAR(estimateHz(d.audio), 440.0, 440.0 * 0.01);
}

TEST(DecoderSpeed, AtTwiceTheSpeedHalfTheAudioStandsForAllOfTheRecording) {
  const Decoded plain = decodeTone(nullptr);
  std::atomic<double> speed{2.0};
  const Decoded fast = decodeTone(&speed);
  const double plainSeconds = static_cast<double>(framesOf(plain.audio)) / kSampleRate;
  const double fastSeconds = static_cast<double>(framesOf(fast.audio)) / kSampleRate;
  EXPECT_NEAR(fastSeconds / (plainSeconds / 2.0), 1.0, 0.02);
  EXPECT_NEAR(fast.mediaSeconds / plainSeconds, 1.0, 0.02);
  EXPECT_NEAR(estimateHz(fast.audio), 440.0, 440.0 * 0.01);
}

}  // namespace
