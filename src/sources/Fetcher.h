// The one way the source readers get bytes: a Fetcher. The real one speaks HTTP through
// net::HttpClient with a disk cache (HttpFetcher); the bundled example reads files
// (ExampleFetcher); tests use their own. Errors carry one plain Dutch sentence.
#pragma once
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace ml::sources {

// A source answered, but not with what meeluister can read (or not at all).
class SourceError : public std::runtime_error {
 public:
  explicit SourceError(const std::string& dutch, long status = 0)
      : std::runtime_error(dutch), status_(status) {}
  long status() const { return status_; }  // HTTP status when there was one, else 0
  bool notFound() const { return status_ == 404 || status_ == 410; }

 private:
  long status_;
};

struct FetchResult {
  std::string body;
  std::string contentType;
  bool fromCache = false;       // served from the disk cache without asking the network
  std::int64_t ageSeconds = 0;  // how old the cached copy is (when fromCache)
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Throws SourceError.
  virtual FetchResult get(const std::string& url, std::size_t maxBytes) = 0;
};

// Size limits per kind of answer.
inline constexpr std::size_t kMaxJsonBytes = 8u << 20;
inline constexpr std::size_t kMaxPageBytes = 4u << 20;

// "3 minuten", "2 uur", "5 dagen": a cache age in plain Dutch.
std::string dutchAge(std::int64_t seconds);

}  // namespace ml::sources
