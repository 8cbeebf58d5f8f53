#include "sources/HttpFetcher.h"

#include <chrono>

#include "core/Log.h"

namespace ml::sources {
namespace {
std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
// Trouble that a kept copy may bridge: no connection, or a server failing for a while.
bool passingTrouble(const net::HttpError& e) {
  using K = net::HttpError::Kind;
  return e.kind() == K::Network || e.kind() == K::Timeout || e.kind() == K::Tls ||
         (e.kind() == K::Status && e.status() >= 500);
}
}  // namespace

HttpFetcher::HttpFetcher(DiskCache cache, bool offline, CancelPtr cancel)
    : cache_(std::move(cache)), offline_(offline), client_(std::move(cancel)) {}

FetchResult HttpFetcher::fromCache(const CacheEntry& e) const {
  return FetchResult{e.body, e.contentType, true, nowSeconds() - e.fetchedAt};
}

FetchResult HttpFetcher::get(const std::string& url, std::size_t maxBytes) {
  const auto kept = cache_.load(url);
  if (offline_) {
    if (kept) return fromCache(*kept);
    throw SourceError("Zonder netwerk en niet in de cache.");
  }
  net::HttpRequest req;
  req.url = url;
  req.maxBytes = maxBytes;
  req.totalTimeout = std::chrono::milliseconds(45000);
  req.headers.push_back("Accept: application/json, text/html;q=0.9, */*;q=0.5");
  if (kept) {
    req.ifNoneMatch = kept->etag;
    req.ifModifiedSince = kept->lastModified;
  }
  net::HttpResponse resp;
  try {
    resp = client_.get(req);
  } catch (const net::HttpError& e) {
    log::debug("fetch {}: {}", url, e.what());
    if (kept && passingTrouble(e)) return fromCache(*kept);
    throw SourceError(e.dutch(), e.status());
  }
  if (resp.notModified() && kept) {
    cache_.touch(url, nowSeconds());
    return FetchResult{kept->body, kept->contentType, false, 0};
  }
  cache_.store(CacheEntry{url, resp.body, resp.contentType, resp.etag, resp.lastModified, nowSeconds()});
  return FetchResult{std::move(resp.body), resp.contentType, false, 0};
}

}  // namespace ml::sources
