#include "net/Url.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <stdexcept>

namespace ml::net {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlPtr = std::unique_ptr<CURLU, UrlDeleter>;

UrlPtr parse(std::string_view url) {
  UrlPtr u(curl_url());
  if (!u) throw std::bad_alloc();
  std::string s(url);
  if (curl_url_set(u.get(), CURLUPART_URL, s.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return nullptr;
  }
  return u;
}

std::string part(std::string_view url, CURLUPart which) {
  UrlPtr u = parse(url);
  if (!u) return {};
  char* out = nullptr;
  if (curl_url_get(u.get(), which, &out, 0) != CURLUE_OK || out == nullptr) return {};
  std::string result(out);
  curl_free(out);
  return result;
}

}  // namespace

std::string resolveUrl(std::string_view base, std::string_view ref) {
  UrlPtr u = parse(base);
  if (!u) throw std::invalid_argument("ongeldig adres: " + std::string(base));
  std::string r(ref);
  // Setting a relative URL on a parsed handle resolves it per RFC 3986.
  if (curl_url_set(u.get(), CURLUPART_URL, r.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    throw std::invalid_argument("ongeldig adres in afspeellijst: " + r);
  }
  char* out = nullptr;
  if (curl_url_get(u.get(), CURLUPART_URL, &out, 0) != CURLUE_OK || out == nullptr) {
    throw std::invalid_argument("ongeldig adres in afspeellijst: " + r);
  }
  std::string result(out);
  curl_free(out);
  return result;
}

std::string urlScheme(std::string_view url) { return part(url, CURLUPART_SCHEME); }
std::string urlHost(std::string_view url) { return part(url, CURLUPART_HOST); }

bool isHttpUrl(std::string_view url) {
  std::string s = urlScheme(url);
  return s == "http" || s == "https";
}

std::string urlEncode(std::string_view value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percentDecode(std::string_view s, bool plusIsSpace) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
      i += 2;
    } else {
      out += plusIsSpace && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::string queryValue(std::string_view url, std::string_view name) {
  const auto q = url.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view rest = url.substr(q + 1);
  rest = rest.substr(0, rest.find('#'));
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    if (percentDecode(pair.substr(0, eq), true) == name) {
      return eq == std::string_view::npos ? std::string{} : percentDecode(pair.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

}  // namespace ml::net
