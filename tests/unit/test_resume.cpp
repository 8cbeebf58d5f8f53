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
    std::ofstream out(resume::fileFor("a\tb\nc"), std::ios::app);
    out << "garbage line\n\tno key 5\npositie\tnot-a-number\npositie\t-4\nbladwijzer\tx\tnaam\n";
  }
  const auto s = resume::loadState("a\tb\nc");
  EXPECT_DOUBLE_EQ(*s.position, 10);
  EXPECT_TRUE(s.bookmarks.empty());
}

TEST_F(ResumeTest, BookmarksAreKeptBesideThePositionSortedByTime) {
  resume::State s = resume::loadState("debat:b");
  EXPECT_EQ(s.key, "debat:b");
  s.bookmarks.push_back({300, "Kamerlid B, 11.20 uur"});
  s.bookmarks.push_back({12.5, "Kamerlid\tA\n, 11.15 uur"});
  ASSERT_TRUE(resume::saveState(s));
  resume::save("debat:b", 99);
  const auto back = resume::loadState("debat:b");
  EXPECT_DOUBLE_EQ(*back.position, 99);
  ASSERT_EQ(back.bookmarks.size(), 2u);
  EXPECT_DOUBLE_EQ(back.bookmarks[0].seconds, 12.5);
  EXPECT_EQ(back.bookmarks[0].name, "Kamerlid A , 11.15 uur");
  EXPECT_EQ(back.bookmarks[1].name, "Kamerlid B, 11.20 uur");
  // Forgetting the position keeps the bookmarks; no bookmarks and no position: no file.
  resume::forget("debat:b");
  EXPECT_FALSE(resume::load("debat:b").has_value());
  EXPECT_EQ(resume::loadState("debat:b").bookmarks.size(), 2u);
  resume::State none;
  none.key = "debat:b";
  ASSERT_TRUE(resume::saveState(none));
  EXPECT_FALSE(std::filesystem::exists(resume::fileFor("debat:b")));
}

TEST_F(ResumeTest, EveryDebateHasItsOwnFileAndAForeignFileIsNotRead) {
  // Thousands of debates: each its own file, none lost to a cap.
  for (int i = 0; i < 2000; ++i) resume::save("k" + std::to_string(i), 1.0 + i);
  EXPECT_DOUBLE_EQ(*resume::load("k0"), 1.0);
  EXPECT_DOUBLE_EQ(*resume::load("k1999"), 2000.0);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(resume::dir())) ++files;
  EXPECT_EQ(files, 2000u);
  // A file at a key's place that names another key (a hash collision) is not that key's.
  {
    std::ofstream out(resume::fileFor("k5"), std::ios::trunc);
    out << "sleutel\tiets anders\npositie\t77\n";
  }
  EXPECT_FALSE(resume::load("k5").has_value());
}

TEST_F(ResumeTest, APositionFromTheOldSharedFileIsFound) {
  std::filesystem::create_directories(resume::legacyFile().parent_path());
  {
    std::ofstream out(resume::legacyFile());
    out << "debat:oud\t321.5\nandere\t4\n";
  }
  EXPECT_DOUBLE_EQ(*resume::load("debat:oud"), 321.5);
  resume::save("debat:oud", 400);  // from now on its own file
  EXPECT_DOUBLE_EQ(*resume::load("debat:oud"), 400);
  EXPECT_TRUE(std::filesystem::exists(resume::fileFor("debat:oud")));
}

TEST_F(ResumeTest, TextRoundTrips) {
  resume::State s;
  s.key = "https://x/index.m3u8?a=1";
  s.position = 1234.25;
  s.bookmarks = {{1, "een"}, {2.5, "twee"}};
  const auto back = resume::parseState(resume::formatState(s));
  EXPECT_EQ(back.key, s.key);
  EXPECT_EQ(back.position, s.position);
  EXPECT_EQ(back.bookmarks, s.bookmarks);
}

TEST_F(ResumeTest, AnUnwritableFolderIsNotFatal) {
  setenv("XDG_STATE_HOME", "/proc/meeluister-kan-hier-niet", 1);
  EXPECT_NO_THROW(resume::save("x", 5));
  EXPECT_FALSE(resume::load("x").has_value());
}

}  // namespace
}  // namespace ml::app
