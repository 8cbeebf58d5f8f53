// The one cleaner (ml::printable) every stdout and stderr line passes, and the one UTF-8
// decoder (ml::utf8::decode) everything else decodes with. Golden cases, then properties.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/Utf8.h"
#include "text/Utf8Clean.h"

namespace ml {
namespace {

using S = utf8::Decoded::Status;

// No byte a terminal acts on: C0 (all of it, tab and newline too), DEL, C1 as code points.
bool hasControl(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto d = utf8::decode(s, i);
    if (d.status != S::Ok) return true;  // callers check validity separately
    if (d.cp < 0x20 || d.cp == 0x7F || (d.cp >= 0x80 && d.cp <= 0x9F)) return true;
    if ((d.cp >= 0x202A && d.cp <= 0x202E) || (d.cp >= 0x2066 && d.cp <= 0x2069)) return true;
    i += d.length;
  }
  return false;
}

struct Golden {
  const char* what;
  std::string in, out;
};

TEST(Printable, GoldenCases) {
  const Golden cases[] = {
      {"plain Dutch stays", "Debat over de Voorjaarsnota, Thorbeckezaal.", "Debat over de Voorjaarsnota, Thorbeckezaal."},
      {"accents stay", "Klompézaal – één “debat”", "Klompézaal – één “debat”"},
      {"OSC window title with BEL", "a\x1b]0;title\x07" "b", "ab"},
      {"OSC with ST", "a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
      {"CSI clear screen", "\x1b[2Jvoor\x1b[1;31mrood\x1b[0m", "voorrood"},
      {"CSI with intermediates", "x\x1b[ q" "y", "xy"},
      {"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
      {"ESC charset and single", "a\x1b(Bb\x1b" "cc\x1b" "7d", "abcd"},
      {"unterminated OSC: introducer dropped, rest harmless", "a\x1b]0;titel", "a0;titel"},
      {"lone ESC at end", "abc\x1b", "abc"},
      {"BEL NUL DEL and other C0", std::string("a\x07" "b\0c\x7f" "d\x01\x1f" "e", 11), "abcde"},
      {"C1 CSI as a code point", "a\xc2\x9b" "2Jb", "ab"},
      {"C1 OSC as a code point with ST", "a\xc2\x9d" "0;t\xc2\x9c" "b", "ab"},
      {"other C1 dropped", "a\xc2\x85" "b\xc2\x80" "c", "a / bc"},
      {"bidi override and isolates", "a\xe2\x80\xae" "cba\xe2\x80\xac" "b\xe2\x81\xa6" "c\xe2\x81\xa9", "acbabc"},
      {"direction marks", "a\xe2\x80\x8f" "b\xe2\x80\x8e" "c\xd8\x9c" "d", "abcd"},
      {"invalid byte", "a\xff" "b", "a\xef\xbf\xbd" "b"},
      {"lone continuation", "a\x80" "b", "a\xef\xbf\xbd" "b"},
      {"overlong slash", "a\xc0\xaf" "b", "a\xef\xbf\xbd\xef\xbf\xbd" "b"},
      {"surrogate", "a\xed\xa0\x80" "b", "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "b"},
      {"truncated at end", "a\xe2\x82", "a\xef\xbf\xbd"},
      {"truncated in the middle", "a\xe2\x82" "b", "a\xef\xbf\xbd" "b"},
      {"above U+10FFFF", "a\xf4\x90\x80\x80", "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
      {"tab becomes a space", "a\tb", "a b"},
      {"newline cannot start a line", "titel\nmeeluister: fout: nep", "titel / meeluister: fout: nep"},
      {"CRLF and runs are one break", "a\r\n\r\nb\rc", "a / b / c"},
      {"line and paragraph separators", "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "a / b / c"},
      {"breaks at the ends dropped", "\n\nmidden\n", "midden"},
      {"emoji stays", "stem \xf0\x9f\x97\xb3", "stem \xf0\x9f\x97\xb3"},
      {"empty", "", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(printable(c.in), c.out) << c.what;
}

TEST(Printable, OutputIsValidUtf8WithoutControlsForRandomBytes) {
  std::mt19937 rng(20261204);
  const std::string alphabet = "\x1b[]\\P^_X\x07\x9b\x9c\x9d\xc2\xe2\x80\xae\x81\xa6\n\r\t ab;0\xff\xf4\x90\xed\xa0";
  for (int round = 0; round < 5000; ++round) {
    std::string in;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) {
      in.push_back(rng() % 3 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()]);
    }
    const std::string out = printable(in);
    ASSERT_TRUE(utf8::isValid(out)) << testing::PrintToString(in);
    ASSERT_FALSE(hasControl(out)) << testing::PrintToString(in);
    ASSERT_EQ(printable(out), out) << "not idempotent: " << testing::PrintToString(in);
  }
}

// The one decoder: Unicode's table of well-formed sequences, the maximal-subpart rule for
// ill-formed ones, and "incomplete" (a valid beginning at the end) for the key decoder.
TEST(Utf8Decoder, WellFormedIllFormedAndIncomplete) {
  struct Case {
    std::string in;
    S status;
    char32_t cp;
    std::size_t length;
  };
  const Case cases[] = {
      {"A", S::Ok, 'A', 1},
      {std::string("\0", 1), S::Ok, 0, 1},
      {"\xc3\xa9", S::Ok, 0xE9, 2},
      {"\xe2\x82\xac", S::Ok, 0x20AC, 3},
      {"\xf0\x9f\x98\x80", S::Ok, 0x1F600, 4},
      {"\xf4\x8f\xbf\xbf", S::Ok, 0x10FFFF, 4},
      {"\xed\x9f\xbf", S::Ok, 0xD7FF, 3},
      {"\xee\x80\x80", S::Ok, 0xE000, 3},
      {"\x80", S::Invalid, 0xFFFD, 1},
      {"\xc1\xbf", S::Invalid, 0xFFFD, 1},       // overlong lead
      {"\xe0\x80\x80", S::Invalid, 0xFFFD, 1},   // overlong: bad second byte
      {"\xf0\x80\x80\x80", S::Invalid, 0xFFFD, 1},
      {"\xed\xa0\x80", S::Invalid, 0xFFFD, 1},   // surrogate
      {"\xf4\x90\x80\x80", S::Invalid, 0xFFFD, 1},
      {"\xf5\x80", S::Invalid, 0xFFFD, 1},
      {"\xe2\x82x", S::Invalid, 0xFFFD, 2},      // broken after two good bytes
      {"\xf0\x9f\x98x", S::Invalid, 0xFFFD, 3},
      {"\xc3", S::Incomplete, 0xFFFD, 1},
      {"\xe2\x82", S::Incomplete, 0xFFFD, 2},
      {"\xf0\x9f\x98", S::Incomplete, 0xFFFD, 3},
  };
  for (const auto& c : cases) {
    const auto d = utf8::decode(c.in, 0);
    EXPECT_EQ(d.status, c.status) << testing::PrintToString(c.in);
    EXPECT_EQ(d.cp, c.cp) << testing::PrintToString(c.in);
    EXPECT_EQ(d.length, c.length) << testing::PrintToString(c.in);
  }
  EXPECT_EQ(utf8::sequenceLength(0x41), 1u);
  EXPECT_EQ(utf8::sequenceLength(0xC3), 2u);
  EXPECT_EQ(utf8::sequenceLength(0xE2), 3u);
  EXPECT_EQ(utf8::sequenceLength(0xF0), 4u);
  EXPECT_EQ(utf8::sequenceLength(0x80), 0u);
  EXPECT_EQ(utf8::sequenceLength(0xC0), 0u);
  EXPECT_EQ(utf8::sequenceLength(0xF5), 0u);
}

// text::utf8 is the same decoder: every code point round-trips, and both agree on validity.
TEST(Utf8Decoder, TextUtf8UsesTheSameDecoder) {
  for (char32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 ? 1 : 97)) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s;
    utf8::append(s, cp);
    std::size_t i = 0;
    ASSERT_EQ(text::utf8::next(s, i), cp);
    ASSERT_EQ(i, s.size());
    const auto d = utf8::decode(s, 0);
    ASSERT_EQ(d.status, S::Ok);
    ASSERT_EQ(d.cp, cp);
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (int k = 0; k < 6; ++k) s.push_back(static_cast<char>(rng() % 256));
    ASSERT_EQ(text::utf8::isValid(s), utf8::isValid(s));
  }
}

}  // namespace
}  // namespace ml
