// Answers kept on disk per URL (body plus ETag, Last-Modified and the time they were
// fetched), so that requests can be conditional and the program works without network.
// Not thread-safe: one per command. Write errors are logged and ignored (a cache is optional).
// The folder is kept small: each store removes entries older than maxAge and then the
// oldest (by when they were written) until the folder holds at most maxBytes; the entry
// just written always stays. Files are read through SmallFile (no FIFO, size capped).
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ml::sources {

struct CacheEntry {
  std::string url, body, contentType, etag, lastModified;
  std::int64_t fetchedAt = 0;  // seconds since 1970
};

struct CacheLimits {
  std::uintmax_t maxBytes = 50u << 20;                       // the whole folder
  std::chrono::seconds maxAge = std::chrono::hours(24 * 30);  // 30 days since written
};

class DiskCache {
 public:
  explicit DiskCache(std::filesystem::path dir, CacheLimits limits = {}) : dir_(std::move(dir)), limits_(limits) {}
  std::optional<CacheEntry> load(const std::string& url) const;
  void store(const CacheEntry& entry) const;
  // Marks a kept answer as confirmed now (after a 304).
  void touch(const std::string& url, std::int64_t now) const;
  const std::filesystem::path& dir() const { return dir_; }
  // Applies the limits now (store does this after each write); `keep` is never removed.
  void prune(const std::filesystem::path& keep = {}) const;

  // The largest answer kept (bigger ones are not stored).
  static constexpr std::size_t kMaxBody = 16u << 20;

 private:
  std::filesystem::path fileFor(const std::string& url) const;
  std::filesystem::path dir_;
  CacheLimits limits_;
};

}  // namespace ml::sources
