// The real Fetcher: HTTP through net::HttpClient, every answer kept in a DiskCache and asked
// again conditionally (If-None-Match / If-Modified-Since). When the network fails (or the
// server answers 5xx) and a copy is kept, the copy is served and marked (fromCache,
// ageSeconds). Offline: cache only.
// Not thread-safe: one per command thread.
#pragma once
#include <memory>

#include "net/HttpClient.h"
#include "sources/DiskCache.h"
#include "sources/Fetcher.h"

namespace ml::sources {

class HttpFetcher : public Fetcher {
 public:
  HttpFetcher(DiskCache cache, bool offline, CancelPtr cancel = nullptr);
  FetchResult get(const std::string& url, std::size_t maxBytes) override;

 private:
  FetchResult fromCache(const CacheEntry& e) const;
  DiskCache cache_;
  bool offline_;
  net::HttpClient client_;
};

}  // namespace ml::sources
