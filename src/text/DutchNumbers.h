// Dutch number words: cardinals, years, ordinals, digit strings. Pure; thread-safe.
// Spelling follows the Taalunie: numbers up to a thousand are one word ("tweehonderdzevenentwintig"),
// a space follows "duizend", "miljoen", "miljard" ("tweeduizend drieëntwintig").
// A lone one is written "één": eSpeak NG reads "een" as the article.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace ml::text {

// Dutch cardinal: 21 -> "eenentwintig", 1000000 -> "één miljoen", -5 -> "min vijf".
std::string numberToWords(long long n);

// A year as Dutch speakers say it: 1999 -> "negentienhonderdnegenennegentig",
// 2023 -> "tweeduizend drieëntwintig"; outside 1100..1999 the cardinal.
std::string yearToWords(long long year);

// Ordinal: 1 -> "eerste", 3 -> "derde", 8 -> "achtste", 21 -> "eenentwintigste", 100 -> "honderdste".
std::string ordinalToWords(long long n);

// Each digit on its own: "0705" -> "nul zeven nul vijf". Non-digits are skipped.
std::string digitsToWords(std::string_view digits);

// Numbers up to this many digits (below 10^24, "triljard") are read as numbers by
// bigNumberToWords; longer ones digit by digit.
inline constexpr std::size_t kMaxNumberDigits = 24;

// A digit string of any length as a cardinal: "1000000000000000" -> "één biljard",
// 10^21 -> "één triljard"; leading zeros are ignored; more than kMaxNumberDigits digits (after
// the leading zeros) or a non-digit: digit by digit.
std::string bigNumberToWords(std::string_view digits);

// A length of time in words, zero parts left out: 42 -> "tweeënveertig seconden",
// 3930 -> "één uur vijf minuten dertig seconden", 60 -> "één minuut", 0 -> "nul seconden".
// Negative lengths count as zero. For a player saying a position or a duration.
std::string durationToWords(long long seconds);

// Digits of at most 18 characters as a number (no sign); nullopt-like -1 when too long or empty.
long long parseDigits(std::string_view digits);

}  // namespace ml::text
