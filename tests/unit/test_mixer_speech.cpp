// The mixer with speech: ducking measured on the mixed output, stop within one buffer,
// speech reaching renderAvailable (files), pause mode. Synthetic signals, no eSpeak.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "audio/AudioFormat.h"
#include "audio/Mixer.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/SpeechBuffer.h"

using namespace ml::audio;

namespace {

constexpr double kPi = std::numbers::pi;
constexpr std::size_t kBlock = 240;    // 5 ms render blocks
constexpr std::size_t kWindow = 480;   // 10 ms analysis windows: 4 cycles of 400 Hz, 24 of 2400 Hz
constexpr double kProgHz = 400, kProgAmp = 0.5, kSpeechHz = 2400, kSpeechAmp = 0.3;

std::vector<float> tone(double hz, double amp, std::size_t frames) {
  std::vector<float> v(frames * 2);
  for (std::size_t i = 0; i < frames; ++i) {
    v[2 * i] = v[2 * i + 1] = static_cast<float>(amp * std::sin(2 * kPi * hz * static_cast<double>(i) / kSampleRate));
  }
  return v;
}

// Amplitude of `hz` in each 10 ms window of the left channel (a lock-in measurement).
std::vector<double> levels(const std::vector<float>& out, double hz) {
  std::vector<double> r;
  for (std::size_t w = 0; (w + 1) * kWindow * 2 <= out.size(); ++w) {
    double s = 0, c = 0;
    for (std::size_t i = 0; i < kWindow; ++i) {
      const std::size_t n = w * kWindow + i;
      const double ph = 2 * kPi * hz * static_cast<double>(n) / kSampleRate;
      s += out[2 * n] * std::sin(ph);
      c += out[2 * n] * std::cos(ph);
    }
    r.push_back(2 * std::sqrt(s * s + c * c) / kWindow);
  }
  return r;
}

double db(double amp, double ref) { return 20 * std::log10(std::max(amp, 1e-9) / ref); }

struct Rig {
  ProgrammeBuffer programme{4.0};
  SpeechBuffer speech{2.0};
  Mixer mixer{programme, speech};
  ml::CancelToken cancel;
  std::vector<float> out;

  void programmeTone(double seconds) {
    auto t = tone(kProgHz, kProgAmp, static_cast<std::size_t>(seconds * kSampleRate));
    programme.write(t.data(), t.size() / 2, cancel);
    programme.markEnded();
  }
  void render(double seconds) {
    const auto frames = static_cast<std::size_t>(seconds * kSampleRate);
    std::vector<float> block(kBlock * 2);
    for (std::size_t done = 0; done < frames; done += kBlock) {
      mixer.render(block.data(), kBlock);
      out.insert(out.end(), block.begin(), block.end());
    }
  }
  void speak(const std::vector<float>& frames) {
    const auto gen = speech.generation();
    speech.setActive(true);
    ASSERT_TRUE(speech.write(frames.data(), frames.size() / 2, gen));
    speech.endUtterance(gen);
    speech.setActive(false);
  }
};

}  // namespace

TEST(MixerSpeech, DucksTheProgrammeBy14DbWithTheAttackAndReleaseTimes) {
  Rig r;
  r.programmeTone(3.5);
  r.render(1.0);
  r.speak(tone(kSpeechHz, kSpeechAmp, kSampleRate));  // speech from 1.0 s to 2.0 s
  r.render(2.4);
  const auto prog = levels(r.out, kProgHz);
  const auto speech = levels(r.out, kSpeechHz);
  // Before: full level, no speech.
  for (std::size_t w = 10; w < 100; ++w) {
    EXPECT_NEAR(db(prog[w], kProgAmp), 0.0, 0.1) << w;
    EXPECT_LT(speech[w], 0.001) << w;
  }
  // During speech, once the attack is over: -14 dB +- 1 dB, and the speech at its own level.
  for (std::size_t w = 115; w < 200; ++w) {
    EXPECT_NEAR(db(prog[w], kProgAmp), -14.0, 1.0) << w;
    EXPECT_NEAR(speech[w], kSpeechAmp, 0.01) << w;
  }
  // Attack: from speech start (window 100) to within 1 dB of -14 dB.
  std::size_t w = 100;
  while (w < prog.size() && db(prog[w], kProgAmp) > -13.0) ++w;
  const double attack = static_cast<double>(w - 100) * 0.01;
  EXPECT_GE(attack, 0.06);
  EXPECT_LE(attack, 0.14);
  // Release: from speech end (window 200) to within 1 dB of full level.
  w = 200;
  while (w < prog.size() && db(prog[w], kProgAmp) < -1.0) ++w;
  const double release = static_cast<double>(w - 200) * 0.01;
  EXPECT_GE(release, 0.40);
  EXPECT_LE(release, 0.56);
  for (std::size_t v = 270; v < prog.size(); ++v) EXPECT_NEAR(db(prog[v], kProgAmp), 0.0, 0.1) << v;
  RecordProperty("attack_ms", static_cast<int>(attack * 1000));
  RecordProperty("release_ms", static_cast<int>(release * 1000));
}

TEST(MixerSpeech, DuckingNeverJumpsMoreThanTheSignalItself) {
  Rig r;
  r.programmeTone(3.0);
  r.render(0.5);
  r.speak(std::vector<float>(static_cast<std::size_t>(kSampleRate) * 2, 0.0f));  // silent speech: ducking only
  r.render(2.4);
  auto own = tone(kProgHz, kProgAmp, kSampleRate);
  double ownMax = 0, mixedMax = 0;
  for (std::size_t i = 1; i < own.size() / 2; ++i) ownMax = std::max(ownMax, std::fabs(double(own[2 * i] - own[2 * i - 2])));
  for (std::size_t i = 1; i < r.out.size() / 2; ++i) {
    mixedMax = std::max(mixedMax, std::fabs(double(r.out[2 * i] - r.out[2 * i - 2])));
  }
  EXPECT_GT(mixedMax, 0.0);
  EXPECT_LE(mixedMax, ownMax * 1.001);
  // And it did duck: the quietest window is about -14 dB.
  auto prog = levels(r.out, kProgHz);
  EXPECT_NEAR(db(*std::min_element(prog.begin(), prog.end()), kProgAmp), -14.0, 0.5);
}

TEST(MixerSpeech, StopSilencesSpeechWithinOneBuffer) {
  ProgrammeBuffer programme(0.1);
  programme.markEnded();
  SpeechBuffer speech(2.0);
  Mixer mixer(programme, speech);
  auto t = tone(kSpeechHz, kSpeechAmp, kSampleRate);
  const auto gen = speech.generation();
  speech.setActive(true);
  ASSERT_TRUE(speech.write(t.data(), t.size() / 2, gen));
  std::vector<float> block(kBlock * 2);
  for (int i = 0; i < 20; ++i) mixer.render(block.data(), kBlock);  // 100 ms into the "sentence"
  double peak = 0;
  for (float v : block) peak = std::max(peak, std::fabs(double(v)));
  ASSERT_GT(peak, 0.25);  // speech was playing

  speech.flush();  // stop, mid-sentence, with 0.9 s still buffered
  mixer.render(block.data(), kBlock);  // the very next buffer
  for (float v : block) ASSERT_EQ(v, 0.0f);
  EXPECT_TRUE(speech.empty());
  // A writer still writing the old generation is refused.
  EXPECT_FALSE(speech.write(t.data(), kBlock, gen));
  speech.setActive(false);
  mixer.render(block.data(), kBlock);
  EXPECT_TRUE(mixer.finished());
}

TEST(MixerSpeech, SpeechReachesAFileWhenThereIsNoProgramme) {
  ProgrammeBuffer programme(0.1);
  programme.markEnded();
  SpeechBuffer speech(2.0);
  Mixer mixer(programme, speech);
  std::vector<float> block(4096 * 2);
  speech.setActive(true);
  EXPECT_EQ(mixer.renderAvailable(block.data(), 4096), 0u);
  EXPECT_FALSE(mixer.finished());  // speech is on its way
  auto t = tone(kSpeechHz, kSpeechAmp, 10000);
  const auto gen = speech.generation();
  ASSERT_TRUE(speech.write(t.data(), 10000, gen));
  speech.endUtterance(gen);
  speech.setActive(false);
  std::size_t total = 0;
  while (std::size_t n = mixer.renderAvailable(block.data(), 4096)) {
    for (std::size_t i = 0; i < n * 2; ++i) ASSERT_NEAR(block[i], t[total * 2 + i], 1e-6);
    total += n;
  }
  EXPECT_EQ(total, 10000u);
  EXPECT_TRUE(mixer.finished());
}

TEST(MixerSpeech, PauseModeHoldsTheProgrammeWhileSpeaking) {
  Rig r;
  DuckSettings s;
  s.pause = true;
  r.mixer.setDucking(s);
  r.programmeTone(3.0);
  r.render(0.5);
  r.speak(tone(kSpeechHz, kSpeechAmp, kSampleRate));
  const auto before = r.mixer.programmeFramesPlayed();
  r.render(1.0);
  const auto during = r.mixer.programmeFramesPlayed() - before;
  // Only the 100 ms fade-out is read from the programme while speech plays.
  EXPECT_NEAR(static_cast<double>(during) / kSampleRate, 0.1, 0.01);
  r.render(1.0);
  EXPECT_GT(r.mixer.programmeFramesPlayed() - before - during, static_cast<std::uint64_t>(0.9 * kSampleRate));
  auto prog = levels(r.out, kProgHz);
  EXPECT_LT(db(prog[100], kProgAmp), -50.0);  // 0.5 s after speech start: silent, paused
}

// --spraak-apparaat: the speech plays through a mixer of its own (another device); the
// debate's mixer reads none of it but ducks while it sounds there, and comes back after.
TEST(MixerSpeech, DucksForSpeechPlayedByAnotherMixer) {
  ProgrammeBuffer programme(4.0);
  SpeechBuffer speech(2.0);
  Mixer debate(programme, &speech);
  ProgrammeBuffer none(0.1);
  none.markEnded();
  Mixer voice(none, speech);
  debate.duckFor(voice);
  ml::CancelToken cancel;
  auto t = tone(kProgHz, kProgAmp, static_cast<std::size_t>(3.5 * kSampleRate));
  programme.write(t.data(), t.size() / 2, cancel);
  programme.markEnded();

  std::vector<float> debateOut, voiceOut, block(kBlock * 2);
  auto render = [&](double seconds) {
    for (std::size_t done = 0; done < static_cast<std::size_t>(seconds * kSampleRate); done += kBlock) {
      debate.render(block.data(), kBlock);
      debateOut.insert(debateOut.end(), block.begin(), block.end());
      voice.render(block.data(), kBlock);
      voiceOut.insert(voiceOut.end(), block.begin(), block.end());
    }
  };
  render(1.0);
  const auto s = tone(kSpeechHz, kSpeechAmp, kSampleRate);
  const auto gen = speech.generation();
  speech.setActive(true);
  ASSERT_TRUE(speech.write(s.data(), s.size() / 2, gen));
  speech.endUtterance(gen);
  speech.setActive(false);
  render(2.4);

  const auto prog = levels(debateOut, kProgHz), speechOnDebate = levels(debateOut, kSpeechHz);
  const auto speechOnVoice = levels(voiceOut, kSpeechHz), progOnVoice = levels(voiceOut, kProgHz);
  for (std::size_t w = 10; w < prog.size(); ++w) {
    EXPECT_LT(speechOnDebate[w], 0.001) << "speech in the debate's output, window " << w;
    EXPECT_LT(progOnVoice[w], 0.001) << "the debate in the speech's output, window " << w;
  }
  for (std::size_t w = 115; w < 200; ++w) {
    EXPECT_NEAR(db(prog[w], kProgAmp), -14.0, 1.0) << w;
    EXPECT_NEAR(speechOnVoice[w], kSpeechAmp, 0.01) << w;
  }
  for (std::size_t w = 10; w < 100; ++w) EXPECT_NEAR(db(prog[w], kProgAmp), 0.0, 0.1) << w;
  for (std::size_t w = 270; w < prog.size(); ++w) EXPECT_NEAR(db(prog[w], kProgAmp), 0.0, 0.1) << w;
  EXPECT_EQ(debate.speechFramesPlayed(), 0u);
  EXPECT_EQ(voice.speechFramesPlayed(), static_cast<std::uint64_t>(kSampleRate));
}
