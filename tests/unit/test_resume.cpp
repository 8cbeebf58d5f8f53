// Resume points under $XDG_STATE_HOME (app/Resume.h), in a temporary folder.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/Resume.h"

namespace ml::app {
namespace {

class ResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("ml-resume-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    old_ = std::getenv("XDG_STATE_HOME") ? std::getenv("XDG_STATE_HOME") : "";
    setenv("XDG_STATE_HOME", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (old_.empty()) unsetenv("XDG_STATE_HOME");
    else setenv("XDG_STATE_HOME", old_.c_str(), 1);
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::string old_;
};

TEST_F(ResumeTest, SavedPositionsComeBackPerKey) {
  EXPECT_FALSE(resume::load("debat:a").has_value());
  resume::save("debat:a", 123.5);
  resume::save("https://x/index.m3u8?a=1", 7);
  resume::save("debat:a", 200);  // replaces
  EXPECT_DOUBLE_EQ(*resume::load("debat:a"), 200);
  EXPECT_DOUBLE_EQ(*resume::load("https://x/index.m3u8?a=1"), 7);
  resume::forget("debat:a");
  EXPECT_FALSE(resume::load("debat:a").has_value());
  EXPECT_TRUE(resume::load("https://x/index.m3u8?a=1").has_value());
}

TEST_F(ResumeTest, KeysWithTabsAndBadLinesDoNotBreakTheFile) {
  resume::save("a\tb\nc", 10);
  EXPECT_DOUBLE_EQ(*resume::load("a\tb\nc"), 10);
  {
    std::ofstream out(resume::file(), std::ios::app);
    out << "garbage line\n\tno key 5\nkey\tnot-a-number\nneg\t-4\n";
  }
  EXPECT_DOUBLE_EQ(*resume::load("a\tb\nc"), 10);
  EXPECT_FALSE(resume::load("neg").has_value());
  EXPECT_FALSE(resume::load("key").has_value());
}

TEST_F(ResumeTest, KeepsOnlyTheNewestEntries) {
  for (std::size_t i = 0; i < resume::kMaxEntries + 20; ++i) resume::save("k" + std::to_string(i), 1.0 + static_cast<double>(i));
  EXPECT_FALSE(resume::load("k0").has_value());
  EXPECT_TRUE(resume::load("k" + std::to_string(resume::kMaxEntries + 19)).has_value());
}

TEST_F(ResumeTest, AnUnwritableFolderIsNotFatal) {
  setenv("XDG_STATE_HOME", "/proc/meeluister-kan-hier-niet", 1);
  EXPECT_NO_THROW(resume::save("x", 5));
  EXPECT_FALSE(resume::load("x").has_value());
}

}  // namespace
}  // namespace ml::app
