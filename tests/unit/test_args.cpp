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
  Args bad({"--output", "x"}, ArgSpec{{"output"}, {}});
  EXPECT_THROW(Args({"--duration", "abc"}, ArgSpec{{"duration"}, {}}).number("duration"), UsageError);
  EXPECT_THROW(Args({"--duration", "-3"}, ArgSpec{{"duration"}, {}}).number("duration"), UsageError);
}
