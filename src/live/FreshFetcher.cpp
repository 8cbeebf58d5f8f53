#include "live/FreshFetcher.h"

namespace ml::live {

FreshFetcher::FreshFetcher(CancelPtr cancel, std::chrono::milliseconds timeout)
    : client_(std::move(cancel)), timeout_(timeout) {}

sources::FetchResult FreshFetcher::get(const std::string& url, std::size_t maxBytes) {
  net::HttpRequest req;
  req.url = url;
  req.maxBytes = maxBytes;
  req.connectTimeout = std::min(req.connectTimeout, timeout_);
  req.totalTimeout = timeout_;
  req.headers.push_back("Accept: application/json");
  req.headers.push_back("Cache-Control: no-cache");
  try {
    net::HttpResponse resp = client_.get(req);
    return sources::FetchResult{std::move(resp.body), resp.contentType, false, 0};
  } catch (const net::HttpError& e) {
    throw sources::SourceError(e.dutch(), e.status());
  }
}

}  // namespace ml::live
