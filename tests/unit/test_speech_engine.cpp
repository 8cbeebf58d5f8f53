// The speech engine with the real eSpeak NG: output present and as long as its text,
// faster rates shorter, stop within one buffer (measured), text never taken for SSML.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "audio/AudioFormat.h"
#include "audio/Mixer.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/SpeechBuffer.h"
#include "core/Paths.h"
#include "speech/SpeechEngine.h"

using namespace ml;
using namespace std::chrono_literals;

namespace {

const char* kText =
    "De Tweede Kamer vergadert vandaag over de begroting van het ministerie van "
    "Binnenlandse Zaken. Het debat begint om tien uur en duurt naar verwachting tot "
    "de avond. Daarna volgen de stemmingen over de ingediende moties.";

std::size_t words(const std::string& s) {
  std::istringstream in(s);
  std::size_t n = 0;
  for (std::string w; in >> w;) ++n;
  return n;
}

// Everything the engine writes for one utterance (read as the mixer would, without pacing).
std::vector<float> speakWith(const std::string& text, const speech::SpeechOptions& o) {
  audio::SpeechBuffer buffer(1.0);
  speech::SpeechEngine engine(buffer, o);
  std::vector<float> out;
  std::vector<float> block(1024 * 2);
  EXPECT_TRUE(engine.say(text));
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    const bool active = buffer.active();
    std::size_t n = buffer.read(block.data(), 1024);
    out.insert(out.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(n * 2));
    if (n == 0) {
      if (!active && buffer.empty()) break;
      std::this_thread::sleep_for(1ms);
    }
  }
  return out;
}

std::vector<float> speakAll(const std::string& text, int rate, bool normalize = true) {
  speech::SpeechOptions o;
  o.rate = rate;
  o.normalize = normalize;
  return speakWith(text, o);
}

double seconds(const std::vector<float>& v) { return static_cast<double>(v.size() / 2) / audio::kSampleRate; }

double rms(const std::vector<float>& v) {
  double s = 0;
  for (float x : v) s += double(x) * x;
  return v.empty() ? 0 : std::sqrt(s / static_cast<double>(v.size()));
}

// The longest run of near-silence, in seconds.
double longestSilence(const std::vector<float>& v) {
  std::size_t run = 0, best = 0;
  for (std::size_t i = 0; i < v.size(); i += 2) {
    run = std::fabs(v[i]) < 0.001f ? run + 1 : 0;
    best = std::max(best, run);
  }
  return static_cast<double>(best) / audio::kSampleRate;
}

}  // namespace

TEST(SpeechEngine, SpeaksWithAPlausibleLengthForItsText) {
  auto out = speakAll(kText, 175);
  const double expected = static_cast<double>(words(kText)) * 60.0 / 175.0;
  EXPECT_GT(rms(out), 0.02);
  EXPECT_GT(seconds(out), expected * 0.7);
  EXPECT_LT(seconds(out), expected * 1.5);
  std::printf("%zu words at 175/min: %.2f s (estimate %.2f s)\n", words(kText), seconds(out), expected);
}

TEST(SpeechEngine, Rate600IsFasterThan450AndMuchFasterThan175) {
  auto normal = speakAll(kText, 175);
  auto top = speakAll(kText, 450);
  auto fast = speakAll(kText, 600);
  EXPECT_GT(rms(fast), 0.02);
  EXPECT_LT(seconds(fast), seconds(top) * 0.9);  // libsonic beyond eSpeak's own maximum
  const double ratio = seconds(normal) / seconds(fast);
  EXPECT_GT(ratio, 2.5);  // 600 / 175 = 3.4, pauses shrink less than speech
  EXPECT_LT(ratio, 4.5);
  std::printf("175/min %.2f s, 450/min %.2f s, 600/min %.2f s\n", seconds(normal), seconds(top), seconds(fast));
  const double expected = static_cast<double>(words(kText)) * 60.0 / 600.0;
  EXPECT_GT(seconds(fast), expected * 0.6);
  EXPECT_LT(seconds(fast), expected * 1.6);
}

TEST(SpeechEngine, TextIsNeverTakenForSsml) {
  // As SSML this would be "a", three seconds of silence, "b"; as text it is read out.
  auto out = speakAll("a <break time=\"3s\"/> b", 175, false);
  EXPECT_GT(rms(out), 0.01);
  EXPECT_LT(longestSilence(out), 1.0);
  std::printf("markup read as text: %.2f s, longest silence %.2f s\n", seconds(out), longestSilence(out));
}

TEST(SpeechEngine, StopSilencesTheMixWithinOneBufferMidSentence) {
  audio::ProgrammeBuffer programme(0.1);
  programme.markEnded();
  audio::SpeechBuffer buffer(1.0);
  audio::Mixer mixer(programme, buffer);
  speech::SpeechEngine engine(buffer, {});
  ASSERT_TRUE(engine.say(kText));
  constexpr std::size_t kBlock = 480;  // 10 ms, like a device buffer
  std::vector<float> block(kBlock * 2);
  // Play until 0.5 s of speech was heard (mid-sentence), as a device would.
  double peak = 0;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (mixer.speechFramesPlayed() < audio::kSampleRate / 2 && std::chrono::steady_clock::now() < deadline) {
    mixer.render(block.data(), kBlock);
    for (float v : block) peak = std::max(peak, std::fabs(double(v)));
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_GT(peak, 0.05);
  ASSERT_FALSE(engine.idle());  // still synthesizing or waiting for room: mid-sentence

  const auto t0 = std::chrono::steady_clock::now();
  engine.stop();
  mixer.render(block.data(), kBlock);  // the next device buffer
  const auto renderedAt = std::chrono::steady_clock::now();
  for (float v : block) ASSERT_EQ(v, 0.0f);
  ASSERT_TRUE(engine.waitIdle(1s));
  const auto idleAt = std::chrono::steady_clock::now();
  // Nothing more comes: the synthesis was aborted, not finished into the ring.
  for (int i = 0; i < 20; ++i) {
    mixer.render(block.data(), kBlock);
    for (float v : block) ASSERT_EQ(v, 0.0f);
  }
  mixer.render(block.data(), kBlock);
  EXPECT_TRUE(mixer.finished());
  const double silentMs = std::chrono::duration<double, std::milli>(renderedAt - t0).count();
  const double abortMs = std::chrono::duration<double, std::milli>(idleAt - t0).count();
  EXPECT_LT(abortMs, 200.0);
  std::printf("stop: next buffer silent after %.3f ms (buffer 10 ms); synthesis aborted after %.2f ms\n", silentMs,
              abortMs);
  RecordProperty("stop_to_silent_buffer_us", static_cast<int>(silentMs * 1000));
  RecordProperty("stop_to_engine_idle_us", static_cast<int>(abortMs * 1000));
}

TEST(SpeechEngine, ANewEchoCutsThePlayingEcho) {
  audio::SpeechBuffer buffer(1.0);
  speech::SpeechEngine engine(buffer, {});
  ASSERT_TRUE(engine.say(kText, speech::Priority::Echo));
  std::vector<float> block(1024 * 2);
  // Wait for the first echo to be playing (the ring fills).
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (buffer.empty() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  ASSERT_FALSE(buffer.empty());
  ASSERT_TRUE(engine.say("drie", speech::Priority::Echo));
  std::vector<float> rest;
  const auto end = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < end) {
    const bool active = buffer.active();
    std::size_t n = buffer.read(block.data(), 1024);
    rest.insert(rest.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(n * 2));
    if (n == 0 && !active && buffer.empty()) break;
    if (n == 0) std::this_thread::sleep_for(1ms);
  }
  // What followed is the short word "drie", not the rest of the 11 s sentence.
  EXPECT_GT(rms(rest), 0.01);
  EXPECT_LT(seconds(rest), 1.5);
  std::printf("after the second echo: %.2f s\n", seconds(rest));
}

TEST(SpeechEngine, UsesTheMeeluisterVoiceAndFallsBackQuietly) {
  audio::SpeechBuffer buffer(1.0);
  {
    // voices/meeluister-nl from the data folder, wherever that is: the name is the one
    // eSpeak NG reports for the voice it loaded.
    speech::SpeechEngine engine(buffer, {});
    EXPECT_EQ(engine.voiceName(), "meeluister-nl");
  }
  speech::SpeechOptions o;
  o.voiceFile = "/nonexistent/voice";
  o.mbrolaVoice = "mb-nl2";  // not installed here: no MBROLA, no error
  speech::SpeechEngine engine(buffer, o);
  EXPECT_EQ(engine.voiceName(), "nl");
  ASSERT_TRUE(engine.say("Goedemorgen."));
  EXPECT_TRUE(engine.waitIdle(5s));
}

// eSpeak NG 1.51 cuts a voice file's path after 59 bytes, lowercases it and takes a '+'
// for a variant: the voice must load from a path with all three, whatever the checkout's
// own path. The name checked is the one eSpeak NG reports for the voice it loaded (the
// copy's own "name" line), so a fallback to plain "nl" cannot pass for it.
TEST(SpeechEngine, LoadsTheVoiceFromAnyPath) {
  namespace fs = std::filesystem;
  const fs::path original = paths::dataDir() / "voices" / "meeluister-nl";
  std::ifstream in(original);
  ASSERT_TRUE(in) << original;
  std::stringstream text;
  text << in.rdbuf();
  std::string voice = text.str();
  const auto at = voice.find("\nname meeluister-nl\n");
  ASSERT_NE(at, std::string::npos);
  voice.replace(at, 20, "\nname proefstem-diep\n");

  const fs::path root = fs::temp_directory_path() / ("ml-stem-" + std::to_string(getpid()));
  fs::path deep = root / "Een Map met Spaties+plus" / "één-twee-drie ÄÖÜ";
  while (deep.native().size() < 170) deep /= "nog een Diepere map";
  fs::create_directories(deep);
  const fs::path copy = deep / "meeluister-nl";
  std::ofstream(copy) << voice;
  ASSERT_GT(copy.native().size(), 150u);

  audio::SpeechBuffer buffer(1.0);
  speech::SpeechOptions o;
  o.voiceFile = copy;
  std::string name;
  {
    speech::SpeechEngine engine(buffer, o);
    name = engine.voiceName();
    EXPECT_TRUE(engine.say("Goedemorgen."));
    EXPECT_TRUE(engine.waitIdle(5s));
  }
  fs::remove_all(root);
  EXPECT_EQ(name, "proefstem-diep") << copy;
}
