// readSmallFile: whole files, the cap, and what is not a regular file.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/SmallFile.h"

namespace fs = std::filesystem;
using ml::SmallFile;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ml-smallfile-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};

}  // namespace

TEST(SmallFile, ReadsAWholeFileLongerThanOneReadStep) {
  TempDir d;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "regel " + std::to_string(i) + "\n";  // about 50 KB
  const SmallFile f = ml::readSmallFile(d.write("a", text), 1 << 20);
  EXPECT_EQ(f.status, SmallFile::Status::Ok);
  EXPECT_FALSE(f.truncated);
  EXPECT_EQ(f.text, text);
}

TEST(SmallFile, CutsAtTheCapAndSaysSo) {
  TempDir d;
  const std::string text(40000, 'x');
  const SmallFile cut = ml::readSmallFile(d.write("a", text), 30000);
  EXPECT_EQ(cut.status, SmallFile::Status::Ok);
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(cut.text.size(), 30000u);
  const SmallFile exact = ml::readSmallFile(d.write("b", text), 40000);
  EXPECT_FALSE(exact.truncated);
  EXPECT_EQ(exact.text, text);
  const SmallFile empty = ml::readSmallFile(d.write("c", ""), 100);
  EXPECT_EQ(empty.status, SmallFile::Status::Ok);
  EXPECT_TRUE(empty.text.empty());
}

TEST(SmallFile, MissingDirectoryAndFifoAreNotRead) {
  TempDir d;
  EXPECT_EQ(ml::readSmallFile(d.path / "nothing", 100).status, SmallFile::Status::Missing);
  EXPECT_EQ(ml::readSmallFile(d.path, 100).status, SmallFile::Status::NotRegular);
  ASSERT_EQ(mkfifo((d.path / "fifo").c_str(), 0600), 0);
  EXPECT_EQ(ml::readSmallFile(d.path / "fifo", 100).status, SmallFile::Status::NotRegular);
}
