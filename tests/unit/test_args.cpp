#include <gtest/gtest.h>

#include "app/Args.h"

using ml::app::Args;
using ml::app::ArgSpec;
using ml::app::UsageError;

TEST(Args, SplitsOptionsFlagsAndPositionals) {
  ArgSpec spec{{"output", "duration"}, {"loop"}};
  Args a({"http://x/a.m3u8", "--output", "o.wav", "--duration=12.5", "--loop"}, spec);
  ASSERT_EQ(a.positional().size(), 1u);
  EXPECT_EQ(a.positional()[0], "http://x/a.m3u8");
  EXPECT_EQ(a.value("output").value(), "o.wav");
  EXPECT_DOUBLE_EQ(a.number("duration").value(), 12.5);
  EXPECT_TRUE(a.flag("loop"));
  EXPECT_FALSE(a.value("start").has_value());
}

TEST(Args, RejectsUnknownOptionsAndMissingValuesInDutch) {
  ArgSpec spec{{"output"}, {}};
  try {
    Args a({"--bogus"}, spec);
    FAIL() << "unknown option accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("Onbekende optie"), std::string::npos);
  }
  EXPECT_THROW(Args({"--output"}, spec), UsageError);
  Args fine({"--output", "x.FLAC"}, ArgSpec{{"output"}, {}});
  EXPECT_EQ(fine.value("output").value(), "x.FLAC");
  EXPECT_THROW(Args({"--duration", "abc"}, ArgSpec{{"duration"}, {}}).number("duration"), UsageError);
  EXPECT_THROW(Args({"--duration", "-3"}, ArgSpec{{"duration"}, {}}).number("duration"), UsageError);
}

// --output names an audio file: a type meeluister does not write is refused before anything
// runs (it used to be written as WAV under the wrong name), with the list of known types.
TEST(Args, OutputOfAnUnknownTypeIsRefusedWithTheKnownTypes) {
  const ArgSpec spec{{"output"}, {}};
  for (const char* name : {"x.mp3", "x", "wav", "x.wav.txt", ".wav"}) {
    try {
      Args a({"--output", name}, spec);
      FAIL() << name << " accepted";
    } catch (const UsageError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(".wav, .flac"), std::string::npos) << what;
      EXPECT_NE(what.find(name), std::string::npos) << what;
    }
  }
  EXPECT_NO_THROW(Args({"--output=opname.wav"}, spec));
  EXPECT_NO_THROW(Args({"--output", "/tmp/a b/Opname.Wav"}, spec));
}

// Old (English) option names stand for their Dutch ones when the command takes that option;
// "--" ends the options: what follows is positional, even "--uitvoer" or "-5".
TEST(Args, OldNamesAreAliasesAndDoubleDashEndsOptions) {
  const ArgSpec spec{{"uitvoer", "spraaksnelheid", "duur"}, {"voorbeeld"}};
  Args a({"--output", "x.wav", "--rate=200", "--example", "--", "--uitvoer", "-5"}, spec);
  EXPECT_EQ(a.value("uitvoer").value(), "x.wav");
  EXPECT_DOUBLE_EQ(a.number("spraaksnelheid").value(), 200);
  EXPECT_TRUE(a.flag("voorbeeld"));
  ASSERT_EQ(a.positional().size(), 2u);
  EXPECT_EQ(a.positional()[0], "--uitvoer");
  EXPECT_EQ(a.positional()[1], "-5");
  EXPECT_THROW(Args({"--date", "2026-01-01"}, spec), UsageError);  // an alias of an option not taken
  EXPECT_THROW(Args({"--uitvoer", "x.mp3"}, spec), UsageError);
}
