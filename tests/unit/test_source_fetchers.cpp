#include <sys/stat.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include <fstream>

#include "sources/DiskCache.h"
#include "sources/ExampleFetcher.h"
#include "sources/SourceConfig.h"

namespace fs = std::filesystem;
using ml::sources::CacheEntry;
using ml::sources::DiskCache;
using ml::sources::SourceError;

namespace {

fs::path tempDir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("meeluister-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

TEST(DiskCache, StoresAndLoadsPerUrl) {
  const fs::path dir = tempDir("cache");
  DiskCache cache(dir);
  EXPECT_FALSE(cache.load("https://a.invalid/x"));
  std::string binary("a\0b\nc", 5);
  cache.store(CacheEntry{"https://a.invalid/x", binary, "application/json", "\"etag1\"", "Tue, 01 Oct 2026", 1000});
  cache.store(CacheEntry{"https://a.invalid/y", "other", "", "", "", 2000});
  const auto e = cache.load("https://a.invalid/x");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->body, binary);
  EXPECT_EQ(e->etag, "\"etag1\"");
  EXPECT_EQ(e->lastModified, "Tue, 01 Oct 2026");
  EXPECT_EQ(e->fetchedAt, 1000);
  cache.touch("https://a.invalid/x", 5000);
  EXPECT_EQ(cache.load("https://a.invalid/x")->fetchedAt, 5000);
  EXPECT_EQ(cache.load("https://a.invalid/y")->body, "other");
  fs::remove_all(dir);
}

// The cache keeps within its limits: entries older than maxAge go, then the oldest until
// the folder fits maxBytes; the entry just written always stays. A FIFO in its place is
// refused without blocking (SmallFile).
TEST(DiskCache, PrunesOldestFirstWithinTheSizeLimitAndByAge) {
  const fs::path dir = tempDir("prune");
  ml::sources::CacheLimits limits;
  limits.maxBytes = 3 * 1100;
  limits.maxAge = std::chrono::hours(24);
  DiskCache cache(dir, limits);
  const std::string body(1000, 'x');
  auto url = [](int i) { return "https://a.invalid/" + std::to_string(i); };
  const auto now = fs::file_time_type::clock::now();
  for (int i = 0; i < 3; ++i) {
    cache.store(CacheEntry{url(i), body, "", "", "", i});
    // Written one minute apart, the first the oldest.
    for (const auto& f : fs::directory_iterator(dir)) {
      if (cache.load(url(i)) && f.path().filename().string().find(".cache") != std::string::npos &&
          fs::last_write_time(f.path()) > now - std::chrono::seconds(5)) {
        fs::last_write_time(f.path(), now - std::chrono::minutes(10 - i));
      }
    }
  }
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(cache.load(url(i))) << i;
  cache.store(CacheEntry{url(3), body, "", "", "", 3});  // over the limit: the oldest goes
  EXPECT_FALSE(cache.load(url(0)));
  EXPECT_TRUE(cache.load(url(1)));
  EXPECT_TRUE(cache.load(url(3)));
  // An entry older than maxAge goes at the next write, whatever the size.
  for (const auto& f : fs::directory_iterator(dir)) fs::last_write_time(f.path(), now - std::chrono::hours(25));
  cache.store(CacheEntry{url(4), "small", "", "", "", 4});
  EXPECT_FALSE(cache.load(url(1)));
  EXPECT_FALSE(cache.load(url(3)));
  EXPECT_EQ(cache.load(url(4))->body, "small");
  std::size_t files = 0;
  for (const auto& f : fs::directory_iterator(dir)) files += f.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1u);
  // Too big to keep: not stored at all.
  cache.store(CacheEntry{url(5), std::string(DiskCache::kMaxBody + 1, 'y'), "", "", "", 5});
  EXPECT_FALSE(cache.load(url(5)));
  fs::remove_all(dir);
}

TEST(DiskCache, AFifoInPlaceOfAnEntryIsRefusedWithoutBlocking) {
  const fs::path dir = tempDir("fifo");
  DiskCache cache(dir);
  cache.store(CacheEntry{"https://a.invalid/f", "body", "", "", "", 1});
  fs::path entry;
  for (const auto& f : fs::directory_iterator(dir)) entry = f.path();
  fs::remove(entry);
  ASSERT_EQ(::mkfifo(entry.c_str(), 0600), 0);
  EXPECT_FALSE(cache.load("https://a.invalid/f"));  // returns at once: no writer needed
  fs::remove_all(dir);
}

TEST(DiskCache, DamagedFilesAreIgnored) {
  const fs::path dir = tempDir("damaged");
  DiskCache cache(dir);
  cache.store(CacheEntry{"https://a.invalid/x", "0123456789", "", "", "", 1});
  for (const auto& f : fs::directory_iterator(dir)) fs::resize_file(f.path(), fs::file_size(f.path()) - 3);
  EXPECT_FALSE(cache.load("https://a.invalid/x"));
  fs::remove_all(dir);
}

TEST(DiskCache, UnwritableFolderIsNotFatal) {
  DiskCache cache("/proc/meeluister-cannot-write-here");
  EXPECT_NO_THROW(cache.store(CacheEntry{"u", "b", "", "", "", 1}));
  EXPECT_FALSE(cache.load("u"));
}

TEST(ExampleFetcher, ReadsTheOpenDataQueriesKeys) {
  ml::sources::ExampleFetcher f("/root");
  const std::string od = "example:opendata/Activiteit?$filter=";
  EXPECT_EQ(f.fileFor(od + "Verwijderd%20eq%20false%20and%20Nummer%20eq%20'2023A08217'"),
            fs::path("/root/opendata/2023A08217.json"));
  EXPECT_EQ(f.fileFor(od + "Id%20eq%20aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee%20and%20x"),
            fs::path("/root/opendata/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee.json"));
  EXPECT_EQ(f.fileFor(od + "Aanvangstijd%20ge%202023-12-21T00:00:00%20and%20Aanvangstijd%20lt%202023-12-22T00:00:00"),
            fs::path("/root/opendata/day-2023-12-22.json"));
  EXPECT_EQ(f.fileFor(od + "x&$skiptoken=abc-12&$top=5"), fs::path("/root/opendata/abc-12.json"));
  // Near misses: a number of the wrong shape, no quote after it, a short id.
  EXPECT_EQ(f.fileFor(od + "Nummer%20eq%20'2023A0821'"), fs::path());
  EXPECT_EQ(f.fileFor(od + "Nummer%20eq%20'2023A082171'"), fs::path());
  EXPECT_EQ(f.fileFor(od + "Id%20eq%20aaaa-bbbb"), fs::path());
  EXPECT_EQ(f.fileFor("example:web/x/details?id=2023A08217&y=1"), fs::path("/root/web/2023A08217.html"));
  EXPECT_EQ(f.fileFor("example:web/x/details?id=23A08217"), fs::path("/root/web/details.html"));
}

TEST(ExampleFetcher, MapsUrlsToFilesAndRefusesEscapes) {
  ml::sources::ExampleFetcher f(ml::sources::ExampleFetcher::defaultRoot());
  EXPECT_NE(f.get("example:debatdirect/agenda/2023-12-21", 1u << 20).body.find("Samen tegen mensenhandel"),
            std::string::npos);
  EXPECT_NE(f.get("example:web/x/details?id=2023A08217", 1u << 20).body.find("<h1>"), std::string::npos);
  for (const char* bad : {"example:debatdirect/../README", "example:debatdirect//etc/passwd", "https://x/agenda",
                          "example:opendata/Activiteit?$filter=Nummer%20eq%20'../x'", "example:elders/x"}) {
    try {
      f.get(bad, 1u << 20);
      ADD_FAILURE() << bad;
    } catch (const SourceError& e) {
      EXPECT_TRUE(e.notFound()) << bad;
    }
  }
  EXPECT_THROW(f.get("example:debatdirect/app", 10), SourceError);  // larger than allowed
}

TEST(SourceConfig, OptionsAndEnvironment) {
  ::setenv("MEELUISTER_OPENDATA_URL", "http://127.0.0.1:1/od/", 1);
  ml::sources::SourceOptions o;
  o.debatDirect = "http://127.0.0.1:2/api";
  o.date = "2026-10-01";
  const auto c = ml::sources::configFrom(o);
  EXPECT_EQ(c.debatDirect, "http://127.0.0.1:2/api");
  EXPECT_EQ(c.openData, "http://127.0.0.1:1/od/");
  EXPECT_EQ(c.date, "2026-10-01");
  ::unsetenv("MEELUISTER_OPENDATA_URL");
  o.date = "1-10-2026";
  EXPECT_THROW(ml::sources::configFrom(o), std::invalid_argument);
  o.date.clear();
  o.web = "ftp://x";
  EXPECT_THROW(ml::sources::configFrom(o), std::invalid_argument);
  EXPECT_EQ(ml::sources::joinUrl("http://a/b/", "/c"), "http://a/b/c");
  EXPECT_EQ(ml::sources::percentEncode("a b'é", "'"), "a%20b'%C3%A9");
  EXPECT_EQ(ml::sources::dutchAge(30), "30 seconden");
  EXPECT_EQ(ml::sources::dutchAge(3 * 3600), "3 uur");
  EXPECT_EQ(ml::sources::dutchAge(86400 * 3), "3 dagen");
}

}  // namespace
