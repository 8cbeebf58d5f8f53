// Golden tests: tests/fixtures/normalizer/golden.tsv (the cases the rules were written for) and
// heldout.tsv (written before the rules, to check they are general). Each mismatch is reported.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "text/DutchNormalizer.h"

namespace {

struct Case {
  int line;
  std::string input;
  std::string expected;
};

std::vector<Case> readCases(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<Case> cases;
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (text.empty() || text[0] == '#') continue;
    const auto tab = text.find('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << file << ":" << number << " has no tab";
      continue;
    }
    cases.push_back({number, text.substr(0, tab), text.substr(tab + 1)});
  }
  return cases;
}

const std::filesystem::path kFixtures =
    std::filesystem::path(MEELUISTER_TEST_DIR) / "fixtures" / "normalizer";
const std::filesystem::path kVoice =
    std::filesystem::path(MEELUISTER_SOURCE_DATA_DIR) / "voices" / "nl";

void runFile(const char* name, std::size_t minimumCases) {
  const ml::text::DutchNormalizer normalizer(kVoice);
  const auto cases = readCases(kFixtures / name);
  ASSERT_GE(cases.size(), minimumCases) << name << " lost cases";
  std::size_t passed = 0;
  for (const auto& c : cases) {
    const std::string got = normalizer.normalize(c.input);
    if (got == c.expected) {
      ++passed;
    } else {
      ADD_FAILURE() << name << ":" << c.line << "\n  input:    " << c.input
                    << "\n  expected: " << c.expected << "\n  got:      " << got;
    }
  }
  std::printf("[ %s ] %zu of %zu cases pass\n", name, passed, cases.size());
}

}  // namespace

TEST(NormalizerGolden, AllGoldenCasesMatch) { runFile("golden.tsv", 300); }

TEST(NormalizerGolden, HeldOutCasesMatch) { runFile("heldout.tsv", 60); }

// Number notations (signs, ordinals, ranges, large numbers, units, spaced groups, symbols,
// clock times and durations): at least eight cases for each of the seven sections.
TEST(NormalizerGolden, NumberNotationsMatch) {
  std::ifstream in(kFixtures / "numbers.tsv");
  std::string text;
  int sections = 0;
  int rows = 0;
  while (std::getline(in, text)) {
    if (text.rfind("## ", 0) == 0) {
      if (sections > 0) {
        EXPECT_GE(rows, 8) << "section " << sections << " of numbers.tsv is thin";
      }
      ++sections;
      rows = 0;
    } else if (!text.empty() && text[0] != '#') {
      ++rows;
    }
  }
  EXPECT_GE(rows, 8) << "the last section of numbers.tsv is thin";
  EXPECT_EQ(sections, 7);
  runFile("numbers.tsv", 80);
}
