// Properties of the Dutch normaliser that must hold for any text: no markup or control characters
// reach eSpeak NG, valid UTF-8 out, no crash on random bytes, idempotence, thread safety, and
// word lists that really are data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "text/DutchNormalizer.h"
#include "text/Utf8Clean.h"

namespace fs = std::filesystem;
using ml::text::DutchNormalizer;

namespace {

const fs::path kVoice = fs::path(MEELUISTER_SOURCE_DATA_DIR) / "voices" / "nl";
const fs::path kFixtures = fs::path(MEELUISTER_TEST_DIR) / "fixtures" / "normalizer";

const DutchNormalizer& normalizer() {
  static const DutchNormalizer n(kVoice);
  return n;
}

std::vector<std::string> fixtureInputs() {
  std::vector<std::string> inputs;
  for (const char* name : {"golden.tsv", "heldout.tsv", "numbers.tsv"}) {
    std::ifstream in(kFixtures / name);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      inputs.push_back(line.substr(0, line.find('\t')));
    }
  }
  return inputs;
}

// What may never reach the speech engine.
::testing::AssertionResult safeForSpeech(const std::string& in, const std::string& out) {
  if (!ml::text::utf8::isValid(out)) return ::testing::AssertionFailure() << "invalid UTF-8 for " << in;
  for (char c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '<' || c == '>' || c == '&' || u < 0x20 || u == 0x7F) {
      return ::testing::AssertionFailure() << "byte " << int(u) << " in output for input " << in;
    }
  }
  return ::testing::AssertionSuccess();
}

std::string randomText(std::mt19937& rng, std::size_t maxLength) {
  static const std::vector<std::string> pieces = {
      "<", ">", "&", "€", " ", "\n", "\t", ".", ",", "-", "/", ":", "1", "21", "2023", "11.15",
      "uur", "t/m", "nr.", "Kamerstuk", "28 638", "IV", "IND", "www.", "@", ".nl", "2e", "%",
      "é", "ë", "\xC3", "\x80", "\xFF", "\xE2\x82", std::string(1, '\0'), "\x1B[0m", "ij",
      "http://", "(", ")", "'", "’", "mln.", "°C", "±", "9999999999999999999999", "−", "-€",
      "€ -", "10.000e", "1:05:30", "0:42", "km/h", "p/p", "36 410 XV", "21 501-20", "3e-4e",
      "000", ".000", " 000", "e", "ste", "‰", "×", "min", "duur"};
  std::string s;
  const std::size_t n = rng() % maxLength;
  for (std::size_t k = 0; k < n; ++k) {
    if (rng() % 3 == 0) {
      s.push_back(static_cast<char>(rng() % 256));
    } else {
      s += pieces[rng() % pieces.size()];
    }
  }
  return s;
}

}  // namespace

TEST(NormalizerProperties, NoMarkupOrControlCharactersInOutput) {
  const std::vector<std::string> hostile = {
      "<speak><audio src=\"http://evil/x.wav\"/></speak>",
      "<break time=\"10s\"/> &lt;b&gt; &amp; &#60;",
      "<!-- commentaar --> <?xml version=\"1.0\"?>",
      std::string("nul\0byte", 8),
      "escape \x1B[31m rood \x07 bel \x7F del \xC2\x85 nel",
      "<<<>>>&&&",
      "a&b<c>d",
      "< 5 en > 3",
  };
  for (const auto& in : hostile) {
    const std::string out = normalizer().normalize(in);
    EXPECT_TRUE(safeForSpeech(in, out));
  }
  EXPECT_EQ(normalizer().normalize("a&b"), "a en b");
  EXPECT_EQ(normalizer().normalize("<speak>"), "kleiner dan speak groter dan");
  for (const auto& in : fixtureInputs()) EXPECT_TRUE(safeForSpeech(in, normalizer().normalize(in)));
}

TEST(NormalizerProperties, RandomBytesNeverCrashAndStaySafe) {
  std::mt19937 rng(20231221);
  for (int k = 0; k < 3000; ++k) {
    const std::string in = randomText(rng, 120);
    std::string out;
    ASSERT_NO_THROW(out = normalizer().normalize(in)) << k;
    ASSERT_TRUE(safeForSpeech(in, out)) << k;
  }
}

// Number-like text only (digits, separators, signs, ordinal suffixes, units): every digit is
// turned into words, so eSpeak NG never reads digits by its own (English-leaning) rules, and
// the normaliser never stops at a notation it half-recognised.
TEST(NormalizerProperties, NoDigitSurvivesInNumberText) {
  static const std::vector<std::string> pieces = {
      "0", "1", "7", "12", "000", "250", "2023", "99999999", "1000000000000000000000000000",
      ".", ",", ":", "-", "−", "–", "/", " ", "€", "e", "de", "ste", "km", "u", "uur", "t/m",
      "min", "duur", "om", "Kamerstuk", "XV", "nr.", "%", "±", "½", "(", ")", "x"};
  std::mt19937 rng(13);
  for (int k = 0; k < 3000; ++k) {
    std::string in;
    const std::size_t n = 1 + rng() % 14;
    for (std::size_t j = 0; j < n; ++j) in += pieces[rng() % pieces.size()];
    const std::string out = normalizer().normalize(in);
    ASSERT_EQ(out.find_first_of("0123456789"), std::string::npos)
        << "input: " << in << "\noutput: " << out;
  }
}

TEST(NormalizerProperties, InvalidUtf8IsDroppedNotPassedOn) {
  EXPECT_EQ(normalizer().normalize("Kamer\xFF\xFE" "debat"), "Kamerdebat");
  EXPECT_EQ(normalizer().normalize("caf\xC3"), "caf");
  EXPECT_EQ(normalizer().normalize("\xED\xA0\x80x"), "x");  // an encoded surrogate
}

TEST(NormalizerProperties, IdempotentOnFixtureText) {
  for (const auto& in : fixtureInputs()) {
    const std::string once = normalizer().normalize(in);
    EXPECT_EQ(normalizer().normalize(once), once) << "input: " << in;
  }
}

TEST(NormalizerProperties, LinesBecomeSentencesOnOneLine) {
  EXPECT_EQ(normalizer().normalize("Agenda\n\nU kunt alle stukken doornemen.\r\nVolg live"),
            "Agenda. U kunt alle stukken doornemen. Volg live");
  EXPECT_EQ(normalizer().normalize("Er zijn vijf actielijnen:\n  1. Creëren\n  2. Vergroten"),
            "Er zijn vijf actielijnen: één: Creëren. twee: Vergroten");
  EXPECT_EQ(normalizer().normalize(""), "");
  EXPECT_EQ(normalizer().normalize(" \n\t \n"), "");
}

TEST(NormalizerProperties, ThreadSafeOnOneInstance) {
  const auto inputs = fixtureInputs();
  std::vector<std::string> expected;
  for (const auto& in : inputs) expected.push_back(normalizer().normalize(in));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t k = 0; k < inputs.size(); ++k) {
        if (normalizer().normalize(inputs[k]) != expected[k]) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

class NormalizerData : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meeluister-voice-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::remove_all(dir_);
    fs::copy(kVoice, dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(NormalizerData, MissingListThrowsDutchMessage) {
  fs::remove(dir_ / "abbreviations.tsv");
  try {
    DutchNormalizer n(dir_);
    FAIL() << "a missing list was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("ontbreekt"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("abbreviations.tsv"), std::string::npos) << e.what();
  }
}

TEST_F(NormalizerData, BrokenListThrowsWithLineNumber) {
  std::ofstream(dir_ / "parties.tsv", std::ios::app) << "zonder tab\n";
  try {
    DutchNormalizer n(dir_);
    FAIL() << "a broken list was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("regel"), std::string::npos) << e.what();
  }
  EXPECT_THROW(DutchNormalizer(dir_ / "bestaat-niet"), std::runtime_error);
}

TEST_F(NormalizerData, WordListsAreData) {
  std::ofstream(dir_ / "abbreviations.tsv", std::ios::app) << "vgw.\tvoor gezien wegens\n";
  std::ofstream(dir_ / "acronyms-spelled.txt", std::ios::app) << "TOPIC\n";
  const DutchNormalizer n(dir_);
  EXPECT_EQ(n.normalize("vgw. de brief"), "voor gezien wegens de brief");
  EXPECT_EQ(normalizer().normalize("vgw. de brief"), "vgw. de brief");
  EXPECT_EQ(n.normalize("TOPIC"), "tee oo pee ie cee");
  EXPECT_EQ(normalizer().normalize("TOPIC"), "TOPIC");
}

TEST(NormalizerStandard, LoadsTheInstalledVoiceOnce) {
  const DutchNormalizer& a = DutchNormalizer::standard();
  const DutchNormalizer& b = DutchNormalizer::standard();
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(a.normalize("14.00 uur"), "veertien uur");
}
