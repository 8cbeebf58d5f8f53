// A Fetcher for polling: always asks the network (no disk cache, no conditional request),
// with short timeouts and a size limit, and gives up at once when its token is cancelled.
// Not thread-safe: one per polling thread.
#pragma once
#include "core/Cancel.h"
#include "net/HttpClient.h"
#include "sources/Fetcher.h"

namespace ml::live {

class FreshFetcher : public sources::Fetcher {
 public:
  explicit FreshFetcher(CancelPtr cancel, std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // Throws sources::SourceError (Dutch) on any failure, including cancellation.
  sources::FetchResult get(const std::string& url, std::size_t maxBytes) override;

 private:
  net::HttpClient client_;
  std::chrono::milliseconds timeout_;
};

}  // namespace ml::live
