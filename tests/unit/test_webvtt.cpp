// The WebVTT subtitles of the Kamer's streams (text/WebVtt): live segment files with roll-up
// speech recognition, whole-debate files of recordings, and hostile text from the network.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/Utf8.h"
#include "text/WebVtt.h"

namespace ml::text::vtt {
namespace {

using Lines = std::vector<std::string>;

// No byte a terminal or screen reader acts on: C0 (tab and newline too), DEL, C1, bidi.
bool hasControl(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto d = ml::utf8::decode(s, i);
    if (d.status != ml::utf8::Decoded::Status::Ok) return true;
    if (d.cp < 0x20 || d.cp == 0x7F || (d.cp >= 0x80 && d.cp <= 0x9F)) return true;
    if ((d.cp >= 0x202A && d.cp <= 0x202E) || (d.cp >= 0x2066 && d.cp <= 0x2069)) return true;
    i += d.length;
  }
  return false;
}

// The one cue `text` must parse to.
Cue onlyCue(const std::string& text) {
  const File f = parse(text);
  EXPECT_EQ(f.cues.size(), 1U) << text;
  return f.cues.empty() ? Cue{} : f.cues.front();
}

// A file of one cue with `body` as its text.
std::string oneCue(const std::string& body) { return "WEBVTT\n\n00:01.000 --> 00:02.000\n" + body + "\n"; }

TEST(WebVtt, LiveSegmentGolden) {
  // As a 3.84 s live segment comes: the map in the header, settings after the end time, the
  // first cue spanning from the previous segment, the second repeating the first's last line.
  const std::string text =
      "WEBVTT\n"
      "X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n"
      "\n"
      "00:12:30.720 --> 00:12:33.280 line:85% align:start\n"
      "dat het kabinet de motie uitvoert\n"
      "en de Kamer voor de zomer informeert\n"
      "\n"
      "00:12:33.280 --> 00:12:35.840 line:85% align:start\n"
      "en de Kamer voor de zomer informeert\n"
      "over de voortgang van het fonds.\n";
  const File f = parse(text);
  ASSERT_TRUE(f.timestampMap.has_value());
  EXPECT_DOUBLE_EQ(f.timestampMap->mpegtsSeconds, 10.0);
  EXPECT_DOUBLE_EQ(f.timestampMap->local, 0.0);
  ASSERT_EQ(f.cues.size(), 2U);
  EXPECT_DOUBLE_EQ(f.cues[0].start, 750.72);
  EXPECT_DOUBLE_EQ(f.cues[0].end, 753.28);
  EXPECT_EQ(f.cues[0].lines, (Lines{"dat het kabinet de motie uitvoert", "en de Kamer voor de zomer informeert"}));
  EXPECT_EQ(f.cues[0].speaker, "");
  EXPECT_DOUBLE_EQ(f.cues[1].start, 753.28);
  EXPECT_DOUBLE_EQ(f.cues[1].end, 755.84);
  EXPECT_EQ(f.cues[1].lines, (Lines{"en de Kamer voor de zomer informeert", "over de voortgang van het fonds."}));
  EXPECT_EQ(f.cues[1].text(), "en de Kamer voor de zomer informeert over de voortgang van het fonds.");
  // Roll-up: only the new line is news.
  EXPECT_EQ(newLines(f.cues[0].lines, f.cues[1].lines), (Lines{"over de voortgang van het fonds."}));
}

TEST(WebVtt, TimestampMapInEitherOrderAndBadMapsIgnored) {
  auto mapOf = [](const std::string& header) { return parse("WEBVTT\n" + header + "\n\n").timestampMap; };
  const auto m = mapOf("X-TIMESTAMP-MAP=LOCAL:01:00:00.500, MPEGTS:8589934591");
  ASSERT_TRUE(m.has_value());
  EXPECT_DOUBLE_EQ(m->mpegtsSeconds, 8589934591.0 / 90000.0);
  EXPECT_DOUBLE_EQ(m->local, 3600.5);
  EXPECT_FALSE(mapOf("X-TIMESTAMP-MAP=MPEGTS:900000").has_value()) << "LOCAL missing";
  EXPECT_FALSE(mapOf("X-TIMESTAMP-MAP=MPEGTS:9x,LOCAL:00:00:00.000").has_value());
  EXPECT_FALSE(mapOf("X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:0:0:0").has_value());
  EXPECT_FALSE(mapOf("X-TIMESTAMP-MAP=MPEGTS:1234567890123456,LOCAL:00:00.000").has_value()) << "absurdly long";
  EXPECT_FALSE(parse("WEBVTT\n\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n").timestampMap.has_value())
      << "only in the header";
  EXPECT_FALSE(parse("WEBVTT\n").timestampMap.has_value());
}

TEST(WebVtt, OnDemandFileWithHoursAndManyCues) {
  // A whole debate day: cue identifiers, hours, past 10 hours, one three-digit hour.
  std::string text = "WEBVTT - Tweede Kamer, plenaire vergadering\n\n";
  constexpr int kCues = 5000;
  for (int i = 0; i < kCues; ++i) {
    const int start = i * 9;  // seconds; the last is past 12 hours
    const auto stamp = [](int s, int ms) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d", s / 3600, s / 60 % 60, s % 60, ms);
      return std::string(buf);
    };
    text += std::to_string(i + 1) + "\n" + stamp(start, 0) + " --> " + stamp(start + 8, 960) + "\n";
    text += "Zin nummer " + std::to_string(i + 1) + " van de dag.\n\n";
  }
  text += "100:00:00.000 --> 100:00:01.250\nHonderd uur.\n";
  const File f = parse(text);
  ASSERT_EQ(f.cues.size(), static_cast<std::size_t>(kCues) + 1);
  EXPECT_EQ(f.cues[0].text(), "Zin nummer 1 van de dag.");
  EXPECT_DOUBLE_EQ(f.cues[0].start, 0);
  EXPECT_DOUBLE_EQ(f.cues[0].end, 8.96);
  EXPECT_EQ(f.cues[4999].text(), "Zin nummer 5000 van de dag.");
  EXPECT_DOUBLE_EQ(f.cues[4999].start, 4999 * 9);
  EXPECT_GT(f.cues[4999].start, 12 * 3600);
  EXPECT_DOUBLE_EQ(f.cues[5000].start, 360000);
  EXPECT_DOUBLE_EQ(f.cues[5000].end, 360001.25);
  for (std::size_t i = 1; i < f.cues.size(); ++i) ASSERT_LT(f.cues[i - 1].start, f.cues[i].start) << i;
}

TEST(WebVtt, CrLfAndCrLineEnds) {
  for (const std::string eol : {"\r\n", "\r"}) {
    const std::string text = "WEBVTT" + eol + "X-TIMESTAMP-MAP=MPEGTS:180000,LOCAL:00:00:00.000" + eol + eol +
                             "1" + eol + "00:01.000 --> 00:02.000" + eol + "eerste regel" + eol + "tweede regel" +
                             eol + eol + "00:02.000 --> 00:03.000" + eol + "derde" + eol;
    const File f = parse(text);
    ASSERT_TRUE(f.timestampMap.has_value());
    EXPECT_DOUBLE_EQ(f.timestampMap->mpegtsSeconds, 2.0);
    ASSERT_EQ(f.cues.size(), 2U);
    EXPECT_EQ(f.cues[0].lines, (Lines{"eerste regel", "tweede regel"}));
    EXPECT_EQ(f.cues[1].lines, (Lines{"derde"}));
  }
}

TEST(WebVtt, ByteOrderMark) {
  const Cue c = onlyCue("\xEF\xBB\xBFWEBVTT\n\n00:01.000 --> 00:02.000\nmet BOM\n");
  EXPECT_EQ(c.text(), "met BOM");
  EXPECT_THROW(parse("\xEF\xBB\xBF\xEF\xBB\xBFWEBVTT\n"), VttError) << "one BOM only";
}

TEST(WebVtt, NotWebVttThrows) {
  const std::string bad[] = {"", "WEBVT", "webvtt\n", "WEBVTTX\n", " WEBVTT\n", "WEBVTT-\n", "#EXTM3U\n",
                             "1\n00:00:01,000 --> 00:00:02,000\nSRT\n", std::string("\0WEBVTT", 7)};
  for (const std::string& text : bad) {
    EXPECT_THROW(parse(text), VttError) << "'" << text << "'";
  }
  try {
    parse("<html>");
    FAIL() << "no VttError";
  } catch (const VttError& e) {
    EXPECT_STREQ(e.what(), "Dit is geen WebVTT-ondertiteling.");
  }
  for (const std::string good : {"WEBVTT", "WEBVTT\n", "WEBVTT\r\n", "WEBVTT\r", "WEBVTT Ondertiteling", "WEBVTT\tx"}) {
    EXPECT_NO_THROW(parse(good)) << good;
    EXPECT_TRUE(parse(good).cues.empty());
  }
}

TEST(WebVtt, NoteStyleAndRegionBlocksSkipped) {
  const File f = parse(
      "WEBVTT\n\n"
      "STYLE\n::cue { color: yellow }\n\n"
      "REGION\nid:onder width:40%\n\n"
      "NOTE Gemaakt door spraakherkenning\n\n"
      "NOTE\nmeer regels\nzonder pijl\n\n"
      "00:01.000 --> 00:02.000\nde tekst\n\n"
      "NOTE halverwege\n\n"
      "00:02.000 --> 00:03.000\nnog meer\n");
  ASSERT_EQ(f.cues.size(), 2U);
  EXPECT_EQ(f.cues[0].text(), "de tekst");
  EXPECT_EQ(f.cues[1].text(), "nog meer");
}

TEST(WebVtt, IdentifiersAndSettingsAndMissingBlankLines) {
  const File f = parse(
      "WEBVTT\n"
      "00:00.500 --> 00:01.000\n"  // straight after the signature, no blank line
      "zonder witregel\n"
      "cue-2\n"  // the identifier of the next cue is text of this one (as the rules say)
      "00:01.000-->00:02.000 position:10%,line-left\n"
      "tweede\n"
      "00:02.000 --> 00:03.000\n"  // a "-->" line inside a cue starts the next one
      "derde\n");
  ASSERT_EQ(f.cues.size(), 3U);
  EXPECT_EQ(f.cues[0].lines, (Lines{"zonder witregel", "cue-2"}));
  EXPECT_DOUBLE_EQ(f.cues[0].start, 0.5);
  EXPECT_EQ(f.cues[1].text(), "tweede");
  EXPECT_DOUBLE_EQ(f.cues[1].start, 1);
  EXPECT_EQ(f.cues[2].text(), "derde");
  const Cue c = onlyCue("WEBVTT\n\nspreker-7 \xE2\x80\x94 id\n\t00:07.000 \t-->\t 00:08.000\tsize:50%\ntekst\n");
  EXPECT_DOUBLE_EQ(c.start, 7);
  EXPECT_EQ(c.text(), "tekst");
}

TEST(WebVtt, MalformedTimingLinesSkipped) {
  const File f = parse(
      "WEBVTT\n\n"
      "00:01.000 --> 00:02.000\ngoed een\n\n"
      "00:01,000 --> 00:02,000\nkomma\n\n"
      "00:61.000 --> 00:62.000\nzestig\n\n"
      "0:01.000 --> 0:02.000\neen cijfer\n\n"
      "00:01.00 --> 00:02.000\ntwee milli\n\n"
      "00:01.000 -> 00:02.000\nkorte pijl\n\n"
      "00:01.000 -->\ngeen einde\n\n"
      "--> 00:02.000\ngeen begin\n\n"
      "00:05.000 --> 00:04.000\nachteruit\n\n"
      "00:03.000 --> 00:03.000\ngoed twee\n");
  ASSERT_EQ(f.cues.size(), 2U);
  EXPECT_EQ(f.cues[0].text(), "goed een");
  EXPECT_EQ(f.cues[1].text(), "goed twee") << "end == start is allowed";
}

TEST(WebVtt, TagsRemoved) {
  const Cue c = onlyCue(oneCue(
      "<c.geel.groot>gekleurd</c> <i>schuin</i> <b>vet</b> <u>onder</u>\n"
      "<ruby>漢<rt>kan</rt></ruby> <lang nl-NL>Nederlands</lang> een <00:01.500>twee <00:01.750>drie\n"
      "<onbekend attr=\"x\">vreemd</onbekend>"));
  EXPECT_EQ(c.lines, (Lines{"gekleurd schuin vet onder", "漢kan Nederlands een twee drie", "vreemd"}));
  EXPECT_EQ(onlyCue(oneCue("voor <i\nover\nregels> na")).lines, (Lines{"voor na"})) << "a tag may span lines";
  EXPECT_EQ(parse(oneCue("<b>\n</b>")).cues.size(), 0U) << "tags only: no text";
  EXPECT_EQ(onlyCue(oneCue("open <b zonder einde\nen meer")).lines, (Lines{"open"}))
      << "an unclosed tag runs to the end of the cue";
}

TEST(WebVtt, CharacterReferencesDecoded) {
  const Cue c = onlyCue(oneCue(
      "R&amp;D &lt;b&gt; &quot;ja&quot; &apos;s&nbsp;Gravenhage\n"
      "&#233;&#xE9;&#XE9; &#x1F600; &#8364;\n"
      "&#0; &#xD800;&#xDFFF; &#x110000; &#99999999999999999999;\n"
      "&onbekend; &amp &#; &#x; &#12 &lrm;links&rlm;"));
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  EXPECT_EQ(c.lines, (Lines{"R&D <b> \"ja\" 's Gravenhage", "ééé 😀 €", r + " " + r + r + " " + r + " " + r,
                             "&onbekend; &amp &#; &#x; &#12 links"}));
  EXPECT_EQ(parse(oneCue("&nbsp;")).cues.size(), 0U) << "a non-breaking space alone is empty";
}

TEST(WebVtt, VoiceGivesTheSpeaker) {
  const Cue c = onlyCue(oneCue("<v.spreker Dilan Yeşilgöz-Zegerius>Ik wil de minister vragen</v>\n<v Tweede>nee"));
  EXPECT_EQ(c.speaker, "Dilan Yeşilgöz-Zegerius");
  EXPECT_EQ(c.lines, (Lines{"Ik wil de minister vragen", "nee"}));
  EXPECT_EQ(onlyCue(oneCue("<v   Van   der\tStaaij &amp; co  >tekst")).speaker, "Van der Staaij & co");
  EXPECT_EQ(onlyCue(oneCue("<v>zonder naam <v Later>x")).speaker, "Later");
  EXPECT_EQ(onlyCue(oneCue("<vi Niet>geen stem")).speaker, "") << "only the tag named v";
  EXPECT_EQ(onlyCue(oneCue("geen stem")).speaker, "");
  EXPECT_EQ(onlyCue(oneCue("<v \x1b[31mRood\xE2\x80\xAE>x")).speaker, "Rood");
}

TEST(WebVtt, ControlsEscapesAndBidiRemoved) {
  const Cue c = onlyCue(oneCue(
      "\x1b[2Jscherm\x1b]0;titel\x07 gewist\n"
      "\xE2\x80\xAEomgekeerd\xE2\x80\xAC bel\x07 nul\x7f\n"
      "&#27;[2Jals verwijzing&#x202E; &#x9B;31m\n"
      "ongeldig \xFF\xC0 utf8"));
  ASSERT_EQ(c.lines.size(), 4U);
  EXPECT_EQ(c.lines[0], "scherm gewist");
  EXPECT_EQ(c.lines[1], "omgekeerd bel nul");
  EXPECT_EQ(c.lines[2], "als verwijzing");
  EXPECT_EQ(c.lines[3], "ongeldig \xEF\xBF\xBD\xEF\xBF\xBD utf8");
  for (const auto& l : c.lines) EXPECT_FALSE(hasControl(l)) << l;
  EXPECT_EQ(parse(oneCue("\x1b[2J\x07\n\xE2\x80\xAE")).cues.size(), 0U) << "nothing left: no cue";
  EXPECT_EQ(onlyCue(oneCue(std::string("a\0b", 3))).text(), "ab") << "NUL removed";
}

TEST(WebVtt, SpacesCollapsedAndEmptyLinesDropped) {
  const Cue c = onlyCue(oneCue("   veel    spaties\t\ttabs   \n \t \n<i> </i>\nlaatste "));
  EXPECT_EQ(c.lines, (Lines{"veel spaties tabs", "laatste"}));
  EXPECT_EQ(c.text(), "veel spaties tabs laatste");
}

TEST(WebVtt, LimitOnCues) {
  std::string text = "WEBVTT\n\n";
  text.reserve(kMaxCues * 32);
  for (std::size_t i = 0; i < kMaxCues + 5; ++i) text += "00:00.000 --> 00:01.000\nx\n\n";
  text += "00:02.000 --> 00:03.000\nlaatste\n";
  const File f = parse(text);
  EXPECT_EQ(f.cues.size(), kMaxCues);
  EXPECT_EQ(f.cues.back().text(), "x");
}

TEST(WebVtt, LimitOnLineBytesAtUtf8Boundary) {
  const Cue ascii = onlyCue(oneCue(std::string(kMaxLineBytes + 500, 'a')));
  EXPECT_EQ(ascii.lines.at(0).size(), kMaxLineBytes);
  std::string euros;
  for (std::size_t i = 0; i < kMaxLineBytes; ++i) euros += "\xE2\x82\xAC";  // 3 bytes each
  const Cue c = onlyCue(oneCue(euros));
  EXPECT_EQ(c.lines.at(0).size(), kMaxLineBytes / 3 * 3);
  EXPECT_TRUE(ml::utf8::isValid(c.lines[0]));
  const Cue spaced = onlyCue(oneCue(std::string(kMaxLineBytes - 1, 'b') + "   c"));
  EXPECT_EQ(spaced.lines.at(0), std::string(kMaxLineBytes - 1, 'b')) << "no space left at the cut";
  const Cue collapsedFirst = onlyCue(oneCue(std::string(5000, ' ') + "kort" + std::string(5000, ' ')));
  EXPECT_EQ(collapsedFirst.lines.at(0), "kort") << "collapsed before cutting";
}

TEST(WebVtt, LimitOnLinesPerCue) {
  std::string body;
  for (int i = 1; i <= 12; ++i) body += "regel " + std::to_string(i) + "\n";
  const Cue c = onlyCue(oneCue(body));
  ASSERT_EQ(c.lines.size(), kMaxLinesPerCue);
  EXPECT_EQ(c.lines.front(), "regel 1");
  EXPECT_EQ(c.lines.back(), "regel 8");
  const Cue late = onlyCue(oneCue("<i></i>\n \n&lrm;\n" + body));
  ASSERT_EQ(late.lines.size(), kMaxLinesPerCue) << "lines empty after cleaning do not count";
  EXPECT_EQ(late.lines.back(), "regel 8");
}

TEST(WebVtt, CueTextEndsAtBlankLineOrEnd) {
  const File f = parse("WEBVTT\n\n00:01.000 --> 00:02.000\neen\n\nlos tekstblok\n\n00:02.000 --> 00:03.000\ntwee");
  ASSERT_EQ(f.cues.size(), 2U);
  EXPECT_EQ(f.cues[0].lines, (Lines{"een"}));
  EXPECT_EQ(f.cues[1].lines, (Lines{"twee"}));
  EXPECT_EQ(parse("WEBVTT\n\n00:01.000 --> 00:02.000\n").cues.size(), 0U) << "no text: no cue";
  EXPECT_EQ(parse("WEBVTT\n\n00:01.000 --> 00:02.000").cues.size(), 0U);
}

TEST(WebVtt, NewLinesRollUp) {
  const Lines a{"de minister", "heeft gezegd"};
  EXPECT_EQ(newLines(a, {"iets heel anders", "en meer"}), (Lines{"iets heel anders", "en meer"})) << "k = 0";
  EXPECT_EQ(newLines(a, {"heeft gezegd", "dat het kan"}), (Lines{"dat het kan"})) << "k = 1";
  EXPECT_EQ(newLines({"een", "de minister", "heeft gezegd"}, {"de minister", "heeft gezegd", "dat het kan"}),
            (Lines{"dat het kan"}))
      << "k = 2";
  EXPECT_EQ(newLines(a, a), Lines{}) << "identical";
  EXPECT_EQ(newLines({}, a), a) << "empty shown";
  EXPECT_EQ(newLines(a, {}), Lines{});
  EXPECT_EQ(newLines({"  heeft   gezegd "}, {"heeft gezegd", "nu"}), (Lines{"nu"})) << "spaces collapsed";
  EXPECT_EQ(newLines({"Heeft gezegd"}, {"heeft gezegd"}), (Lines{"heeft gezegd"})) << "case counts";
  EXPECT_EQ(newLines({"x", "x"}, {"x", "x", "x", "y"}), (Lines{"x", "y"})) << "the largest k";
  EXPECT_EQ(newLines({"a", "b", "a"}, {"a", "b", "a", "b"}), (Lines{"b"}));
  EXPECT_EQ(newLines({"a", "b", "c"}, {"a", "b"}), (Lines{"a", "b"})) << "a prefix of shown is not its end";
  EXPECT_EQ(newLines({"a", "b", "c"}, {"b", "c"}), Lines{}) << "the end of shown again";
}

TEST(WebVtt, ParseTimestampGood) {
  auto seconds = [](const char* text) {
    const auto t = parseTimestamp(text);
    EXPECT_TRUE(t.has_value()) << text;
    return t.value_or(-1);
  };
  EXPECT_DOUBLE_EQ(seconds("00:00.000"), 0.0);
  EXPECT_DOUBLE_EQ(seconds("01:02.345"), 62.345);
  EXPECT_DOUBLE_EQ(seconds("59:59.999"), 3599.999);
  EXPECT_DOUBLE_EQ(seconds("00:00:01.000"), 1.0);
  EXPECT_DOUBLE_EQ(seconds("12:34:56.789"), 12 * 3600 + 34 * 60 + 56.789);
  EXPECT_DOUBLE_EQ(seconds("1:00:00.000"), 3600.0) << "hours need not be two digits";
  EXPECT_DOUBLE_EQ(seconds("123:00:00.500"), 123 * 3600 + 0.5);
  EXPECT_DOUBLE_EQ(seconds("999999999:59:59.999"), 999999999.0 * 3600 + 3599.999);
}

TEST(WebVtt, ParseTimestampBad) {
  for (const char* bad : {"", "0", "00:00", "00:00.00", "00:00.0000", "00:60.000", "60:00.000", "00:00:60.000",
                          "00:60:00.000", "0:00.000", "000:00.000", "00:0.000", "00:00,000", " 00:00.000",
                          "00:00.000 ", "00:00.000x", "-00:00.000", "+1:00:00.000", "00:00:00:00.000", "1:2:3.000",
                          "1000000000:00:00.000", "0a:00.000", "00:00.-01", "\xEF\xBC\x91" "0:00.000"}) {
    EXPECT_FALSE(parseTimestamp(bad).has_value()) << "'" << bad << "'";
  }
}

}  // namespace
}  // namespace ml::text::vtt
