#include "net/HttpClient.h"

#include <curl/curl.h>

#include <mutex>

#include "core/Log.h"
#include "net/Url.h"

namespace ml::net {
namespace {

void globalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string statusText(long status) {
  switch (status) {
    case 400: return "ongeldig verzoek";
    case 401: return "geen toegang";
    case 403: return "de server weigert";
    case 404: return "niet gevonden";
    case 410: return "niet meer beschikbaar";
    case 429: return "te veel verzoeken";
    case 500: return "serverfout";
    case 502:
    case 504: return "tussenliggende server faalt";
    case 503: return "tijdelijk niet beschikbaar";
    default: return status >= 500 ? "serverfout" : "fout";
  }
}

std::string header(CURL* h, const char* name) {
  struct curl_header* out = nullptr;
  if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &out) == CURLHE_OK && out != nullptr &&
      out->value != nullptr) {
    return out->value;
  }
  return {};
}

// The listener's words for what went wrong on the wire.
std::string networkReason(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST: return "naam onbekend";
    case CURLE_COULDNT_RESOLVE_PROXY: return "proxy onbekend";
    case CURLE_COULDNT_CONNECT: return "verbinding geweigerd";
    case CURLE_GOT_NOTHING: return "leeg antwoord";
    case CURLE_PARTIAL_FILE: return "antwoord onvolledig";
    case CURLE_BAD_CONTENT_ENCODING: return "onleesbaar antwoord";
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR: return "verbinding verbroken";
    default: return "netwerkfout";
  }
}

}  // namespace

HttpError::HttpError(Kind kind, std::string url, long status, const std::string& detail)
    : std::runtime_error(detail), kind_(kind), url_(std::move(url)), status_(status) {}

std::string HttpError::dutch() const {
  if (!dutch_.empty()) return dutch_;
  std::string host = urlHost(url_);
  if (host.empty()) host = "de server";
  switch (kind_) {
    case Kind::Network:
      if (unreachable_) return "geen verbinding met " + host + " (" + what() + ")";
      return "de verbinding met " + host + " viel weg (" + what() + ")";
    case Kind::Timeout: return host + " antwoordt niet of te traag";
    case Kind::Status:
      if (status_ == 401 || status_ == 403) return host + " weigert (" + std::to_string(status_) + ")";
      return host + " antwoordde " + std::to_string(status_) + " (" + statusText(status_) + ")";
    case Kind::TooLarge: return "het antwoord van " + host + " is groter dan toegestaan";
    case Kind::Cancelled: return "afgebroken";
    case Kind::BadUrl: return "ongeldig of niet toegestaan adres";
    case Kind::Redirect: return host + " verwijst door naar een niet toegestaan adres (alleen http en https)";
    case Kind::RedirectLoop: return host + " verwijst door in een kring (doorverwijzing in een kring)";
    case Kind::Tls: return "de beveiligde verbinding met " + host + " is niet te vertrouwen";
  }
  return what();
}

struct HttpClient::Impl {
  CURL* curl = nullptr;
  CancelPtr cancel;
  // Per transfer:
  std::string* body = nullptr;
  const std::function<bool(std::string_view)>* sink = nullptr;
  std::size_t maxBytes = 0;
  bool tooLarge = false;
  bool stoppedBySink = false;
  bool statusChecked = false;
  bool badStatus = false;  // a streamed answer that is not 2xx: its body is not handed on

  static size_t onWrite(char* data, size_t size, size_t n, void* self) noexcept {
    auto* impl = static_cast<Impl*>(self);
    const size_t bytes = size * n;
    try {
      if (impl->sink != nullptr) {
        if (!impl->statusChecked) {
          impl->statusChecked = true;
          long code = 0;
          curl_easy_getinfo(impl->curl, CURLINFO_RESPONSE_CODE, &code);
          if (code < 200 || code >= 300) {
            impl->badStatus = true;  // an error page is no audio: perform() throws Status
            return 0;
          }
        }
        if (!(*impl->sink)(std::string_view(data, bytes))) {
          impl->stoppedBySink = true;
          return 0;
        }
        return bytes;
      }
      if (impl->body->size() + bytes > impl->maxBytes) {
        impl->tooLarge = true;
        return 0;
      }
      impl->body->append(data, bytes);
      return bytes;
    } catch (...) {
      return 0;  // aborts the transfer; never let an exception cross into C
    }
  }

  static int onProgress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept {
    auto* impl = static_cast<Impl*>(self);
    return (impl->cancel && impl->cancel->cancelled()) ? 1 : 0;
  }

  curl_slist* prepare(const HttpRequest& r) {
    if (!isHttpUrl(r.url)) {
      throw HttpError(HttpError::Kind::BadUrl, r.url, 0, "alleen http en https");
    }
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(curl, CURLOPT_USERAGENT, HttpClient::userAgent());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connectTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, r.lowSpeedLimit);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(r.lowSpeedTime.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(r.totalTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Impl::onWrite);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &Impl::onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    if (r.rangeLength > 0) {
      std::string range = std::to_string(r.rangeOffset) + "-" + std::to_string(r.rangeOffset + r.rangeLength - 1);
      curl_easy_setopt(curl, CURLOPT_RANGE, range.c_str());  // copied by libcurl
    }
    tooLarge = false;
    stoppedBySink = false;
    statusChecked = false;
    badStatus = false;
    curl_slist* headers = nullptr;
    auto add = [&headers](const std::string& line) {
      curl_slist* next = curl_slist_append(headers, line.c_str());
      if (next != nullptr) headers = next;
    };
    if (!r.ifNoneMatch.empty()) add("If-None-Match: " + r.ifNoneMatch);
    if (!r.ifModifiedSince.empty()) add("If-Modified-Since: " + r.ifModifiedSince);
    for (const auto& h : r.headers) add(h);
    if (headers != nullptr) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    return headers;
  }

  void fillHead(HttpResponse& out) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
    char* eff = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff) out.effectiveUrl = eff;
    char* ct = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) out.contentType = ct;
    out.etag = header(curl, "ETag");
    out.lastModified = header(curl, "Last-Modified");
  }

  [[noreturn]] void fail(CURLcode rc, const std::string& url, const char* errbuf) {
    std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
    using K = HttpError::Kind;
    if (tooLarge || rc == CURLE_FILESIZE_EXCEEDED) throw HttpError(K::TooLarge, url, 0, detail);
    if (rc == CURLE_ABORTED_BY_CALLBACK) throw HttpError(K::Cancelled, url, 0, detail);
    curl_off_t connected = 0;
    curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connected);
    if (rc == CURLE_OPERATION_TIMEDOUT) {
      if (connected == 0) throw HttpError(K::Timeout, url, 0, detail).markUnreachable();
      throw HttpError(K::Timeout, url, 0, detail);
    }
    if (rc == CURLE_TOO_MANY_REDIRECTS) throw HttpError(K::RedirectLoop, url, 0, detail);
    // The first URL was checked in prepare(): an unsupported scheme now came from a redirect.
    if (rc == CURLE_UNSUPPORTED_PROTOCOL) throw HttpError(K::Redirect, url, 0, detail);
    if (rc == CURLE_URL_MALFORMAT) throw HttpError(K::BadUrl, url, 0, detail);
    if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY) {
      throw HttpError(K::Network, url, 0, networkReason(rc)).markUnreachable();
    }
    if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR ||
        rc == CURLE_SSL_CERTPROBLEM || rc == CURLE_SSL_CACERT_BADFILE) {
      throw HttpError(K::Tls, url, 0, detail);
    }
    log::debug("curl: {}", detail);
    throw HttpError(K::Network, url, 0, networkReason(rc));
  }

  HttpResponse perform(const HttpRequest& r, std::string* into,
                       const std::function<bool(std::string_view)>* onData) {
    HttpResponse out;
    curl_slist* headers = prepare(r);
    body = into != nullptr ? into : &out.body;
    sink = onData;
    maxBytes = r.maxBytes;
    if (onData == nullptr) {
      curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(r.maxBytes));
    }
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    sink = nullptr;
    body = nullptr;
    fillHead(out);
    if (rc != CURLE_OK && !((stoppedBySink || badStatus) && rc == CURLE_WRITE_ERROR)) fail(rc, r.url, errbuf);
    if (out.status != 304 && (out.status < 200 || out.status >= 300)) {
      throw HttpError(HttpError::Kind::Status, r.url, out.status, statusText(out.status));
    }
    if (r.rangeLength > 0 && onData == nullptr) {
      std::string& got = into != nullptr ? *into : out.body;
      if (out.status == 200) {  // the server ignored Range: cut the range from the whole body
        if (static_cast<std::uint64_t>(r.rangeOffset) >= got.size()) got.clear();
        else got = got.substr(static_cast<std::size_t>(r.rangeOffset), static_cast<std::size_t>(r.rangeLength));
      }
      if (got.size() < static_cast<std::uint64_t>(r.rangeLength)) {
        throw HttpError(HttpError::Kind::Network, r.url, 0, "bytebereik onvolledig");
      }
      if (got.size() > static_cast<std::uint64_t>(r.rangeLength)) got.resize(static_cast<std::size_t>(r.rangeLength));
    }
    return out;
  }
};

HttpClient::HttpClient(CancelPtr cancel) : impl_(std::make_unique<Impl>()) {
  globalInit();
  impl_->curl = curl_easy_init();
  if (impl_->curl == nullptr) throw std::runtime_error("libcurl kon niet starten");
  impl_->cancel = std::move(cancel);
}

HttpClient::~HttpClient() { curl_easy_cleanup(impl_->curl); }

const char* HttpClient::userAgent() {
  return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/120.0 Safari/537.36 meeluister/" MEELUISTER_VERSION;
}

HttpResponse HttpClient::get(const HttpRequest& request) {
  HttpResponse out;
  std::string body;
  out = impl_->perform(request, &body, nullptr);
  out.body = std::move(body);
  log::debug("GET {} -> {} ({} bytes)", request.url, out.status, out.body.size());
  return out;
}

void HttpClient::stream(const HttpRequest& request,
                        const std::function<bool(std::string_view)>& onData, HttpResponse* head) {
  HttpResponse out = impl_->perform(request, nullptr, &onData);
  if (head != nullptr) *head = std::move(out);
}

HttpResponse ConditionalFetcher::get(HttpRequest request, bool* changed) {
  Entry* entry = nullptr;
  for (auto& e : entries_) {
    if (e.url == request.url) entry = &e;
  }
  if (entry != nullptr) {
    request.ifNoneMatch = entry->etag;
    request.ifModifiedSince = entry->lastModified;
  }
  HttpResponse r = client_.get(request);
  if (r.notModified() && entry != nullptr) {
    if (changed != nullptr) *changed = false;
    return entry->response;
  }
  if (changed != nullptr) *changed = entry == nullptr || entry->response.body != r.body;
  if (entry == nullptr) {
    if (entries_.size() >= 8) entries_.erase(entries_.begin());
    entries_.push_back(Entry{request.url, {}, {}, {}});
    entry = &entries_.back();
  }
  entry->etag = r.etag;
  entry->lastModified = r.lastModified;
  entry->response = r;
  return r;
}

}  // namespace ml::net
