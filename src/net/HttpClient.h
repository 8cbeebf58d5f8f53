// HTTP on libcurl: the only way meeluister talks to the network.
//
// Rules kept here for every caller: a browser-like User-Agent, connect and low-speed
// timeouts, TLS verification on, only http and https (also on redirects, at most 5),
// a size limit on every response, cancellation from another thread (through a
// CancelToken checked in curl's progress callback), conditional requests on demand.
//
// Threads: one HttpClient belongs to one thread at a time (it keeps one curl handle so
// that connections are reused). Cancelling its token from another thread is safe.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/Cancel.h"

namespace ml::net {

struct HttpRequest {
  std::string url;
  std::size_t maxBytes = 16u << 20;                 // larger answers fail with TooLarge
  std::chrono::milliseconds connectTimeout{10000};
  std::chrono::seconds lowSpeedTime{20};            // fail when slower than lowSpeedLimit
  long lowSpeedLimit = 1;                           // bytes per second, over lowSpeedTime
  std::chrono::milliseconds totalTimeout{0};        // 0: no overall limit
  std::string ifNoneMatch;                          // ETag from an earlier answer
  std::string ifModifiedSince;                      // Last-Modified from an earlier answer
  std::vector<std::string> headers;                 // extra "Name: value" lines
  // A byte range (HTTP Range): bytes [rangeOffset, rangeOffset + rangeLength); -1: all.
  // A server that ignores it (200 with the whole body) is cut to the range here; an
  // answer shorter than the range fails as Truncated.
  std::int64_t rangeLength = -1;
  std::int64_t rangeOffset = 0;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string effectiveUrl;   // after redirects
  std::string contentType;
  std::string etag;
  std::string lastModified;
  bool notModified() const { return status == 304; }
};

class HttpError : public std::runtime_error {
 public:
  // Network: no connection, or it broke (unreachable() tells which); Redirect: a
  // redirect to a scheme other than http/https; RedirectLoop: too many redirects.
  enum class Kind { Network, Timeout, Status, TooLarge, Cancelled, BadUrl, Tls, Redirect, RedirectLoop };
  HttpError(Kind kind, std::string url, long status, const std::string& detail);
  Kind kind() const { return kind_; }
  long status() const { return status_; }
  const std::string& url() const { return url_; }
  // Network or Timeout before any connection was made (refused, unknown name, connect
  // timeout): the server is out of reach, as opposed to answering badly.
  bool unreachable() const { return unreachable_; }
  HttpError& markUnreachable() {
    unreachable_ = true;
    return *this;
  }
  // Replaces dutch()'s sentence (a caller that knows better, e.g. "afspeellijst te groot").
  HttpError& sayInstead(std::string dutch) {
    dutch_ = std::move(dutch);
    return *this;
  }
  // One plain Dutch sentence for the listener, e.g. "De server antwoordde 404 (niet gevonden)".
  std::string dutch() const;

 private:
  Kind kind_;
  std::string url_;
  long status_;
  bool unreachable_ = false;
  std::string dutch_;
};

class HttpClient {
 public:
  explicit HttpClient(CancelPtr cancel = nullptr);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Fetches the whole body. 2xx and 304 return; anything else throws HttpError.
  HttpResponse get(const HttpRequest& request);

  // Streams the body (for endless Icecast-style audio): onData gets each chunk as it
  // arrives; return false from it to stop (not an error). maxBytes is ignored here.
  // `head` (optional) receives the status and headers. Throws HttpError.
  void stream(const HttpRequest& request, const std::function<bool(std::string_view)>& onData,
              HttpResponse* head = nullptr);

  static const char* userAgent();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Keeps the last answer per URL and asks again with If-None-Match / If-Modified-Since;
// a 304 answer returns the kept body. Not thread-safe: one per fetching thread.
class ConditionalFetcher {
 public:
  explicit ConditionalFetcher(HttpClient& client) : client_(client) {}
  // Returns the current body; `changed` tells whether it differs from the previous call.
  HttpResponse get(HttpRequest request, bool* changed = nullptr);

 private:
  struct Entry {
    std::string url, etag, lastModified;
    HttpResponse response;
  };
  HttpClient& client_;
  std::vector<Entry> entries_;  // few URLs per fetcher: a vector is enough
};

}  // namespace ml::net
