#include "text/TextTokens.h"

#include <algorithm>
#include <cctype>

#include "text/Utf8Clean.h"

namespace ml::text {
namespace {

bool isAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[k])) != prefix[k]) return false;
  }
  return true;
}

bool atBoundary(std::string_view s, std::size_t p) {
  if (p == 0) return true;
  const char c = s[p - 1];
  return c == ' ' || c == '(' || c == '[' || c == '"' || c == '\'' || c == ':' || c == ';' ||
         c == ',';
}

std::size_t trimAddressEnd(std::string_view s, std::size_t start, std::size_t end) {
  while (end > start && std::string_view(".,;:!?'\"").find(s[end - 1]) != std::string_view::npos) {
    --end;
  }
  return end;
}

// "http://...", "https://...", "www...." up to a space or a bracket.
std::size_t urlEnd(std::string_view s, std::size_t p) {
  const std::string_view rest = s.substr(p);
  if (!startsWithNoCase(rest, "http://") && !startsWithNoCase(rest, "https://") &&
      !startsWithNoCase(rest, "www.")) {
    return p;
  }
  std::size_t e = p;
  while (e < s.size() && static_cast<unsigned char>(s[e]) > ' ' &&
         std::string_view("\"'<>()[]{}").find(s[e]) == std::string_view::npos) {
    ++e;
  }
  e = trimAddressEnd(s, p, e);
  return e - p > 6 ? e : p;
}

bool isHostChar(char c) { return isAsciiAlnum(c) || c == '-' || c == '.'; }

// "naam.nl" or "naam.nl/pad": labels joined by dots ending in a known top-level domain.
std::size_t domainEnd(std::string_view s, std::size_t p, const std::unordered_set<std::string>& tlds) {
  std::size_t e = p;
  while (e < s.size() && isHostChar(s[e])) ++e;
  const std::size_t hostEnd = trimAddressEnd(s, p, e);
  const std::string_view host = s.substr(p, hostEnd - p);
  const auto dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || !std::isalpha(static_cast<unsigned char>(host[0]))) {
    return p;
  }
  std::string tld(host.substr(dot + 1));
  std::transform(tld.begin(), tld.end(), tld.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (tlds.count(tld) == 0 || host.find("..") != std::string_view::npos) return p;
  e = hostEnd;
  if (e < s.size() && s[e] == '/') {
    while (e < s.size() && static_cast<unsigned char>(s[e]) > ' ' &&
           std::string_view("\"'<>()[]{}").find(s[e]) == std::string_view::npos) {
      ++e;
    }
    e = trimAddressEnd(s, p, e);
  }
  return e;
}

bool isLocalChar(char c) {
  return isAsciiAlnum(c) || std::string_view("._%+-").find(c) != std::string_view::npos;
}

// "naam@domein.nl"; scanEnd reports how far the local part reached, so a failed scan is not redone.
std::size_t emailEnd(std::string_view s, std::size_t p, std::size_t& scanEnd) {
  std::size_t e = p;
  while (e < s.size() && isLocalChar(s[e])) ++e;
  scanEnd = e;
  if (e == p || e >= s.size() || s[e] != '@') return p;
  std::size_t d = e + 1;
  while (d < s.size() && isHostChar(s[d])) ++d;
  d = trimAddressEnd(s, e + 1, d);
  const std::string_view host = s.substr(e + 1, d - e - 1);
  if (host.size() < 3 || host.find('.') == std::string_view::npos || host.front() == '.') return p;
  return d;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s, const std::unordered_set<std::string>* domains) {
  std::vector<Token> out;
  std::size_t p = 0;
  std::size_t noEmailBefore = 0;
  while (p < s.size()) {
    if (atBoundary(s, p) && isAsciiAlnum(s[p])) {
      std::size_t e = urlEnd(s, p);
      if (e == p && p >= noEmailBefore) {
        std::size_t scanned = p;
        e = emailEnd(s, p, scanned);
        if (e > p) {
          out.push_back({TokenKind::Email, std::string(s.substr(p, e - p))});
          p = e;
          continue;
        }
        noEmailBefore = scanned;
      }
      if (e == p && domains != nullptr) e = domainEnd(s, p, *domains);
      if (e > p) {
        out.push_back({TokenKind::Url, std::string(s.substr(p, e - p))});
        p = e;
        continue;
      }
    }
    const char c = s[p];
    if (c == ' ') {
      std::size_t e = p;
      while (e < s.size() && s[e] == ' ') ++e;
      out.push_back({TokenKind::Space, " "});
      p = e;
    } else if (isDigit(c)) {
      std::size_t e = p;
      while (e < s.size() && isDigit(s[e])) ++e;
      out.push_back({TokenKind::Number, std::string(s.substr(p, e - p))});
      p = e;
    } else {
      std::size_t e = p;
      char32_t cp = utf8::next(s, e);
      if (!utf8::isLetter(cp)) {
        out.push_back({TokenKind::Punct, std::string(s.substr(p, e - p))});
        p = e;
        continue;
      }
      std::size_t w = e;
      while (w < s.size()) {
        std::size_t n = w;
        cp = utf8::next(s, n);
        if (!utf8::isLetter(cp)) break;
        w = n;
      }
      out.push_back({TokenKind::Word, std::string(s.substr(p, w - p))});
      p = w;
    }
  }
  return out;
}

}  // namespace ml::text
