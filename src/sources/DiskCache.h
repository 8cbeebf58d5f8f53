// Answers kept on disk per URL (body plus ETag, Last-Modified and the time they were
// fetched), so that requests can be conditional and the program works without network.
// Not thread-safe: one per command. Write errors are logged and ignored (a cache is optional).
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ml::sources {

struct CacheEntry {
  std::string url, body, contentType, etag, lastModified;
  std::int64_t fetchedAt = 0;  // seconds since 1970
};

class DiskCache {
 public:
  explicit DiskCache(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::optional<CacheEntry> load(const std::string& url) const;
  void store(const CacheEntry& entry) const;
  // Marks a kept answer as confirmed now (after a 304).
  void touch(const std::string& url, std::int64_t now) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path fileFor(const std::string& url) const;
  std::filesystem::path dir_;
};

}  // namespace ml::sources
