// Dutch number words: cardinals, years, ordinals, digits.
#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>

#include "text/DutchNumbers.h"

using ml::text::bigNumberToWords;
using ml::text::digitsToWords;
using ml::text::durationToWords;
using ml::text::numberToWords;
using ml::text::ordinalToWords;
using ml::text::yearToWords;

TEST(NumberToWords, SmallNumbers) {
  EXPECT_EQ(numberToWords(0), "nul");
  EXPECT_EQ(numberToWords(1), "één");
  EXPECT_EQ(numberToWords(2), "twee");
  EXPECT_EQ(numberToWords(11), "elf");
  EXPECT_EQ(numberToWords(13), "dertien");
  EXPECT_EQ(numberToWords(19), "negentien");
  EXPECT_EQ(numberToWords(20), "twintig");
  EXPECT_EQ(numberToWords(21), "eenentwintig");
  EXPECT_EQ(numberToWords(22), "tweeëntwintig");
  EXPECT_EQ(numberToWords(23), "drieëntwintig");
  EXPECT_EQ(numberToWords(38), "achtendertig");
  EXPECT_EQ(numberToWords(80), "tachtig");
  EXPECT_EQ(numberToWords(99), "negenennegentig");
  EXPECT_EQ(numberToWords(100), "honderd");
}

TEST(NumberToWords, OneToHundredAreDistinctSingleWords) {
  // Every number up to a hundred is one word, and no two share a spelling.
  std::set<std::string> seen;
  for (long long n = 1; n <= 100; ++n) {
    const std::string w = numberToWords(n);
    EXPECT_EQ(w.find(' '), std::string::npos) << n;
    EXPECT_TRUE(seen.insert(w).second) << n << " repeats " << w;
  }
  // Tens and units compose: 47 = zeven + en + veertig.
  EXPECT_EQ(numberToWords(47), "zevenenveertig");
  EXPECT_EQ(numberToWords(52), "tweeënvijftig");
  EXPECT_EQ(numberToWords(63), "drieënzestig");
}

TEST(NumberToWords, HundredsThousandsMillions) {
  EXPECT_EQ(numberToWords(101), "honderdeen");
  EXPECT_EQ(numberToWords(227), "tweehonderdzevenentwintig");
  EXPECT_EQ(numberToWords(1000), "duizend");
  EXPECT_EQ(numberToWords(1001), "duizend één");
  EXPECT_EQ(numberToWords(1999), "duizend negenhonderdnegenennegentig");
  EXPECT_EQ(numberToWords(2023), "tweeduizend drieëntwintig");
  EXPECT_EQ(numberToWords(250000), "tweehonderdvijftigduizend");
  EXPECT_EQ(numberToWords(1000000), "één miljoen");
  EXPECT_EQ(numberToWords(1234567),
            "één miljoen tweehonderdvierendertigduizend vijfhonderdzevenenzestig");
  EXPECT_EQ(numberToWords(2500000000LL), "twee miljard vijfhonderd miljoen");
  EXPECT_EQ(numberToWords(1000000000000LL), "één biljoen");
}

TEST(NumberToWords, Negatives) {
  EXPECT_EQ(numberToWords(-5), "min vijf");
  EXPECT_EQ(numberToWords(-2023), "min tweeduizend drieëntwintig");
  EXPECT_EQ(numberToWords(std::numeric_limits<long long>::min()).rfind("min ", 0), 0u);
  EXPECT_FALSE(numberToWords(std::numeric_limits<long long>::max()).empty());
}

TEST(YearToWords, CenturiesAsSpoken) {
  EXPECT_EQ(yearToWords(1999), "negentienhonderdnegenennegentig");
  EXPECT_EQ(yearToWords(1848), "achttienhonderdachtenveertig");
  EXPECT_EQ(yearToWords(1900), "negentienhonderd");
  EXPECT_EQ(yearToWords(2000), "tweeduizend");
  EXPECT_EQ(yearToWords(2023), "tweeduizend drieëntwintig");
  EXPECT_EQ(yearToWords(1000), "duizend");
}

TEST(OrdinalToWords, Dutch) {
  EXPECT_EQ(ordinalToWords(0), "nulde");
  EXPECT_EQ(ordinalToWords(1), "eerste");
  EXPECT_EQ(ordinalToWords(2), "tweede");
  EXPECT_EQ(ordinalToWords(3), "derde");
  EXPECT_EQ(ordinalToWords(8), "achtste");
  EXPECT_EQ(ordinalToWords(11), "elfde");
  EXPECT_EQ(ordinalToWords(19), "negentiende");
  EXPECT_EQ(ordinalToWords(20), "twintigste");
  EXPECT_EQ(ordinalToWords(21), "eenentwintigste");
  EXPECT_EQ(ordinalToWords(100), "honderdste");
  EXPECT_EQ(ordinalToWords(101), "honderdeerste");
  EXPECT_EQ(ordinalToWords(1000), "duizendste");
  EXPECT_EQ(ordinalToWords(1002), "duizend tweede");
  EXPECT_EQ(ordinalToWords(1102), "duizend honderdtweede");
  // A bare scale word takes the suffix as one word; with a multiplier it stays separate.
  EXPECT_EQ(ordinalToWords(10000), "tienduizendste");
  EXPECT_EQ(ordinalToWords(1000000), "miljoenste");
  EXPECT_EQ(ordinalToWords(2000000), "twee miljoenste");
  EXPECT_EQ(ordinalToWords(5000000000LL), "vijf miljardste");
  EXPECT_EQ(ordinalToWords(1000001), "één miljoen eerste");
}

TEST(BigNumberToWords, ScalesUpToTriljard) {
  // Each power of a thousand has its own word (the long scale Dutch uses).
  const char* scales[] = {"duizend", "één miljoen", "één miljard", "één biljoen",
                          "één biljard", "één triljoen", "één triljard"};
  std::string digits = "1";
  for (const char* expected : scales) {
    digits += "000";
    EXPECT_EQ(bigNumberToWords(digits), expected) << digits;
  }
  EXPECT_EQ(bigNumberToWords("2500000000000000"), "twee biljard vijfhonderd biljoen");
  EXPECT_EQ(bigNumberToWords("1234000000000000000001"),
            "één triljard tweehonderdvierendertig triljoen één");
  EXPECT_EQ(bigNumberToWords("999999999999999999999999").rfind("negenhonderdnegenennegentig triljard", 0),
            0u);
  EXPECT_EQ(bigNumberToWords("000042"), "tweeënveertig");  // leading zeros do not count
  EXPECT_EQ(bigNumberToWords("0"), "nul");
}

TEST(BigNumberToWords, AgreesWithNumberToWordsAndFallsBackToDigits) {
  // Up to eighteen digits it is the cardinal of the same value.
  long long v = 7;
  for (int k = 0; k < 17; ++k, v = v * 10 + (k % 10)) {
    EXPECT_EQ(bigNumberToWords(std::to_string(v)), numberToWords(v)) << v;
  }
  // Beyond kMaxNumberDigits significant digits: digit by digit, never a wrong scale word.
  const std::string huge = "1" + std::string(ml::text::kMaxNumberDigits, '0');
  EXPECT_EQ(bigNumberToWords(huge), digitsToWords(huge));
  EXPECT_EQ(bigNumberToWords("12a4"), digitsToWords("12a4"));
}

TEST(DigitsToWords, EachDigit) {
  EXPECT_EQ(digitsToWords("0705"), "nul zeven nul vijf");
  EXPECT_EQ(digitsToWords("1"), "één");
  EXPECT_EQ(digitsToWords(""), "");
}

TEST(DurationToWords, PartsWithoutZerosSingularForOne) {
  EXPECT_EQ(durationToWords(42), "tweeënveertig seconden");
  EXPECT_EQ(durationToWords(1), "één seconde");
  EXPECT_EQ(durationToWords(60), "één minuut");
  EXPECT_EQ(durationToWords(3900), "één uur vijf minuten");
  EXPECT_EQ(durationToWords(3930), "één uur vijf minuten dertig seconden");
  EXPECT_EQ(durationToWords(7201), "twee uur één seconde");
  EXPECT_EQ(durationToWords(0), "nul seconden");
  EXPECT_EQ(durationToWords(-5), "nul seconden");
}
