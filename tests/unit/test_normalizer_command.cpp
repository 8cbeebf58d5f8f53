// meeluister normalize: one line for the joined arguments, or one line per stdin line.
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace ml::app {
int cmdNormalize(const std::vector<std::string>& args);
}

TEST(NormalizeCommand, JoinsArgumentsIntoOneLine) {
  testing::internal::CaptureStdout();
  const int rc = ml::app::cmdNormalize({"om", "14.00", "uur", "&", "IND"});
  const std::string out = testing::internal::GetCapturedStdout();
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(out, "om veertien uur en ie en dee\n");
}

TEST(NormalizeCommand, ReadsStdinLineByLine) {
  std::istringstream in("2e termijn\n\n€ 2 mln.\n<b>\n");
  std::streambuf* old = std::cin.rdbuf(in.rdbuf());
  testing::internal::CaptureStdout();
  const int rc = ml::app::cmdNormalize({});
  const std::string out = testing::internal::GetCapturedStdout();
  std::cin.rdbuf(old);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(out, "tweede termijn\n\ntwee miljoen euro\nkleiner dan b groter dan\n");
}
