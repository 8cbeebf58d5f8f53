#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ui/KeyDecoder.h"

using ml::ui::KeyDecoder;
using Keys = std::vector<std::string>;

namespace {
// All keys for these bytes, fed at once, with a flush at the end (as after a quiet moment).
Keys decodeAll(std::string_view bytes) {
  KeyDecoder d;
  Keys keys = d.feed(bytes);
  for (auto& k : d.flush()) keys.push_back(k);
  EXPECT_FALSE(d.pending());
  return keys;
}
// The same bytes fed one byte at a time must give the same keys.
Keys decodeBytewise(std::string_view bytes) {
  KeyDecoder d;
  Keys keys;
  for (char c : bytes) {
    for (auto& k : d.feed(std::string_view(&c, 1))) keys.push_back(k);
  }
  for (auto& k : d.flush()) keys.push_back(k);
  return keys;
}
}  // namespace

TEST(KeyDecoder, PrintableCharactersAreThemselves) {
  EXPECT_EQ(decodeAll("aA?[]+-09{}"), (Keys{"a", "A", "?", "[", "]", "+", "-", "0", "9", "{", "}"}));
  EXPECT_EQ(decodeAll(" "), Keys{"space"});
  EXPECT_EQ(decodeAll("~"), Keys{"~"});
}

TEST(KeyDecoder, ControlKeys) {
  EXPECT_EQ(decodeAll("\r\n"), (Keys{"enter", "enter"}));
  EXPECT_EQ(decodeAll("\x7f\x08"), (Keys{"backspace", "backspace"}));
  EXPECT_EQ(decodeAll("\t"), Keys{"tab"});
  EXPECT_EQ(decodeAll("\x01\x1a\x0b\x0c\x0e"), (Keys{"ctrl+a", "ctrl+z", "ctrl+k", "ctrl+l", "ctrl+n"}));
  EXPECT_EQ(decodeAll(std::string_view("\0", 1)), Keys{"ctrl+space"});
}

TEST(KeyDecoder, XtermCsiKeys) {
  EXPECT_EQ(decodeAll("\x1b[A\x1b[B\x1b[C\x1b[D"), (Keys{"up", "down", "right", "left"}));
  EXPECT_EQ(decodeAll("\x1b[H\x1b[F"), (Keys{"home", "end"}));
  EXPECT_EQ(decodeAll("\x1b[1~\x1b[2~\x1b[3~\x1b[4~\x1b[5~\x1b[6~\x1b[7~\x1b[8~"),
            (Keys{"home", "insert", "delete", "end", "pageup", "pagedown", "home", "end"}));
  EXPECT_EQ(decodeAll("\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~\x1b[24~"),
            (Keys{"f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12"}));
  EXPECT_EQ(decodeAll("\x1b[11~\x1b[12~\x1b[13~\x1b[14~"), (Keys{"f1", "f2", "f3", "f4"}));
  EXPECT_EQ(decodeAll("\x1b[Z"), Keys{"shift+tab"});
}

TEST(KeyDecoder, Ss3Keys) {
  EXPECT_EQ(decodeAll("\x1bOA\x1bOB\x1bOC\x1bOD\x1bOH\x1bOF"),
            (Keys{"up", "down", "right", "left", "home", "end"}));
  EXPECT_EQ(decodeAll("\x1bOP\x1bOQ\x1bOR\x1bOS"), (Keys{"f1", "f2", "f3", "f4"}));
  EXPECT_EQ(decodeAll("\x1bOM"), Keys{"enter"});
}

TEST(KeyDecoder, ModifiersOnArrowsAndEditingKeys) {
  EXPECT_EQ(decodeAll("\x1b[1;5A\x1b[1;5B\x1b[1;5C\x1b[1;5D"),
            (Keys{"ctrl+up", "ctrl+down", "ctrl+right", "ctrl+left"}));
  EXPECT_EQ(decodeAll("\x1b[1;2A"), Keys{"shift+up"});
  EXPECT_EQ(decodeAll("\x1b[1;3D"), Keys{"alt+left"});
  EXPECT_EQ(decodeAll("\x1b[1;6C"), Keys{"ctrl+shift+right"});
  EXPECT_EQ(decodeAll("\x1b[1;8H"), Keys{"ctrl+alt+shift+home"});
  EXPECT_EQ(decodeAll("\x1b[5;5~\x1b[3;2~"), (Keys{"ctrl+pageup", "shift+delete"}));
  EXPECT_EQ(decodeAll("\x1b[1;5P\x1b[15;2~"), (Keys{"ctrl+f1", "shift+f5"}));
}

TEST(KeyDecoder, RxvtAndLinuxConsoleVariants) {
  EXPECT_EQ(decodeAll("\x1b[a\x1b[d"), (Keys{"shift+up", "shift+left"}));
  EXPECT_EQ(decodeAll("\x1bOa\x1bOc"), (Keys{"ctrl+up", "ctrl+right"}));
  EXPECT_EQ(decodeAll("\x1b[5^\x1b[3$"), (Keys{"ctrl+pageup", "shift+delete"}));
  EXPECT_EQ(decodeAll("\x1b[[A\x1b[[E"), (Keys{"f1", "f5"}));
  EXPECT_EQ(decodeAll("\x1b\x1b[A"), Keys{"alt+up"});
}

TEST(KeyDecoder, AltIsEscapeFollowedByACharacter) {
  EXPECT_EQ(decodeAll("\x1bx"), Keys{"alt+x"});
  EXPECT_EQ(decodeAll("\x1bX\x1b\r"), (Keys{"alt+X", "alt+enter"}));
  EXPECT_EQ(decodeAll("\x1b\xc3\xa9"), Keys{"alt+\xc3\xa9"});
  EXPECT_EQ(decodeAll("\x1b\x01"), Keys{"ctrl+alt+a"});  // modifiers always in the order ctrl, alt, shift
  EXPECT_EQ(decodeAll("\x1b\x1b[1;5A"), Keys{"ctrl+alt+up"});
}

TEST(KeyDecoder, LoneEscapeWaitsUntilFlush) {
  KeyDecoder d;
  EXPECT_TRUE(d.feed("\x1b").empty());
  EXPECT_TRUE(d.pending());
  EXPECT_EQ(d.flush(), Keys{"escape"});
  EXPECT_FALSE(d.pending());
  EXPECT_TRUE(d.flush().empty());
  // Escape, quiet, then 'x': two keys, not alt+x.
  EXPECT_TRUE(d.feed("\x1b").empty());
  EXPECT_EQ(d.flush(), Keys{"escape"});
  EXPECT_EQ(d.feed("x"), Keys{"x"});
}

TEST(KeyDecoder, UnfinishedSequencesAtFlush) {
  EXPECT_EQ(decodeAll("\x1b["), Keys{"alt+["});
  EXPECT_EQ(decodeAll("\x1bO"), Keys{"alt+O"});
  EXPECT_EQ(decodeAll("\x1b[1;5"), Keys{"onbekend"});
  EXPECT_EQ(decodeAll("\x1b\x1b"), (Keys{"escape", "escape"}));
  EXPECT_EQ(decodeAll("\xc3"), Keys{"onbekend"});
}

TEST(KeyDecoder, SequencesSplitAcrossFeeds) {
  KeyDecoder d;
  EXPECT_TRUE(d.feed("\x1b").empty());
  EXPECT_TRUE(d.feed("[1;").empty());
  EXPECT_TRUE(d.pending());
  EXPECT_EQ(d.feed("5Aq"), (Keys{"ctrl+up", "q"}));
  EXPECT_FALSE(d.pending());
  EXPECT_TRUE(d.feed("\xe2\x82").empty());
  EXPECT_EQ(d.feed("\xac"), Keys{"\xe2\x82\xac"});  // the euro sign, whole
  const std::string all = "\x1b[A\x1bOP\x1b[15;5~\x1b[1;2D\xc3\xabq\x1bx\r";
  EXPECT_EQ(decodeBytewise(all), decodeAll(all));
  EXPECT_EQ(decodeAll(all), (Keys{"up", "f1", "ctrl+f5", "shift+left", "\xc3\xab", "q", "alt+x", "enter"}));
}

TEST(KeyDecoder, BurstOfKeysInOneRead) {
  EXPECT_EQ(decodeAll("  \x1b[C\x1b[C\x1b[Cq"), (Keys{"space", "space", "right", "right", "right", "q"}));
  KeyDecoder d;
  EXPECT_EQ(d.feed("ab\x1b[B\x1b"), (Keys{"a", "b", "down"}));
  EXPECT_TRUE(d.pending());
}

TEST(KeyDecoder, Utf8CharactersWhole) {
  EXPECT_EQ(decodeAll("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"),
            (Keys{"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"}));
}

TEST(KeyDecoder, InvalidUtf8GivesUnknownNeverGarbage) {
  const std::string u = "onbekend";
  EXPECT_EQ(decodeAll("\xff\xfe\x80q"), (Keys{u, u, u, "q"}));      // stray bytes: one each
  EXPECT_EQ(decodeAll("\xc3q"), (Keys{u, "q"}));                      // broken off
  EXPECT_EQ(decodeAll("\xc0\xaf"), (Keys{u, u}));                     // overlong '/'
  EXPECT_EQ(decodeAll("\xed\xa0\x80"), (Keys{u, u, u}));              // a surrogate
  EXPECT_EQ(decodeAll("\xf4\x90\x80\x80"), (Keys{u, u, u, u}));      // past U+10FFFF
  EXPECT_EQ(decodeBytewise("\xff\xfe\x80q"), decodeAll("\xff\xfe\x80q"));
}

TEST(KeyDecoder, UnknownSequencesAreConsumedWhole) {
  EXPECT_EQ(decodeAll("\x1b[99~q"), (Keys{"onbekend", "q"}));
  EXPECT_EQ(decodeAll("\x1b[200~"), (Keys{"onbekend"}));
  EXPECT_EQ(decodeAll("\x1b[?1;2c"), (Keys{"onbekend"}));   // a terminal reply
  EXPECT_EQ(decodeAll("\x1b[<0;10;5M"), (Keys{"onbekend"}));  // an SGR mouse report
  EXPECT_EQ(decodeAll("\x1b[1;99A"), (Keys{"onbekend"}));
  EXPECT_EQ(decodeAll("\x1bOj"), (Keys{"onbekend"}));  // keypad in application mode: not used
  // A sequence broken off by another ESC: the broken part is unknown, the next one still works.
  EXPECT_EQ(decodeAll("\x1b[1;\x1b[B"), (Keys{"onbekend", "down"}));
}

TEST(KeyDecoder, OverlongSequenceIsOneUnknownKey) {
  std::string noise = "\x1b[" + std::string(100, '1') + "~q";
  EXPECT_EQ(decodeAll(noise), (Keys{"onbekend", "q"}));
  EXPECT_EQ(decodeBytewise(noise), (Keys{"onbekend", "q"}));
}
