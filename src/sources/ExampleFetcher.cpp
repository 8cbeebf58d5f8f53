#include "sources/ExampleFetcher.h"

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/Paths.h"
#include "net/Url.h"

namespace ml::sources {
namespace fs = std::filesystem;
namespace {

// Only plain path characters: no "..", no absolute paths.
bool safe(const std::string& path) {
  if (path.empty() || path.find("..") != std::string::npos) return false;
  for (const char c : path) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '/' || c == '.';
    if (!ok) return false;
  }
  return path[0] != '/';
}

// The first text after `lead` of the form `shape` ('9' a digit, 'h' a hex digit or '-',
// any other character itself) followed by `trail`; "" when there is none.
std::string shaped(std::string_view text, std::string_view lead, std::string_view shape, std::string_view trail = {}) {
  auto fits = [](char c, char s) {
    const bool digit = c >= '0' && c <= '9';
    if (s == '9') return digit;
    if (s == 'h') return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
    return c == s;
  };
  for (auto at = text.find(lead); at != std::string_view::npos; at = text.find(lead, at + 1)) {
    const std::string_view rest = text.substr(at + lead.size());
    if (rest.size() < shape.size() + trail.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; ok && i < shape.size(); ++i) ok = fits(rest[i], shape[i]);
    if (ok && rest.substr(shape.size(), trail.size()) == trail) return std::string(rest.substr(0, shape.size()));
  }
  return {};
}

// The letters, digits and dashes after the first `lead` ("" when none follow).
std::string wordAfter(std::string_view text, std::string_view lead) {
  for (auto at = text.find(lead); at != std::string_view::npos; at = text.find(lead, at + 1)) {
    std::size_t end = at + lead.size();
    auto word = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    };
    while (end < text.size() && word(text[end])) ++end;
    if (end > at + lead.size()) return std::string(text.substr(at + lead.size(), end - at - lead.size()));
  }
  return {};
}

}  // namespace

ExampleFetcher::ExampleFetcher(fs::path root) : root_(std::move(root)) {}

fs::path ExampleFetcher::defaultRoot() { return paths::dataDir() / "data" / "example"; }

fs::path ExampleFetcher::fileFor(const std::string& url) const {
  const std::string prefix = "example:";
  if (url.rfind(prefix, 0) != 0) return {};
  std::string rest = net::percentDecode(url.substr(prefix.size()));
  const std::string path = rest.substr(0, rest.find('?'));
  const std::string query = rest.find('?') == std::string::npos ? "" : rest.substr(rest.find('?') + 1);
  if (path.rfind("debatdirect/", 0) == 0) {
    return safe(path) ? root_ / (path + ".json") : fs::path();
  }
  if (path.rfind("opendata/", 0) == 0) {
    if (std::string token = wordAfter(query, "$skiptoken="); !token.empty()) {
      return root_ / "opendata" / (token + ".json");
    }
    if (std::string day = shaped(query, "lt ", "9999-99-99", "T"); !day.empty()) {
      return root_ / "opendata" / ("day-" + day + ".json");
    }
    std::string key = shaped(query, "Nummer eq '", "9999A99999", "'");
    if (key.empty()) key = shaped(query, "Id eq ", std::string(36, 'h'));
    return safe(key) ? root_ / "opendata" / (key + ".json") : fs::path();
  }
  if (path.rfind("web/", 0) == 0) {
    std::string key = shaped(query, "id=", "9999A99999");
    if (key.empty()) key = path.substr(path.rfind('/') + 1);
    return safe(key) ? root_ / "web" / (key + ".html") : fs::path();
  }
  return {};
}

FetchResult ExampleFetcher::get(const std::string& url, std::size_t maxBytes) {
  const fs::path file = fileFor(url);
  std::ifstream in(file, std::ios::binary);
  if (!file.empty() && !in) {
    // What the real services answer for a day or meeting they do not know.
    if (url.rfind("example:debatdirect/agenda/", 0) == 0) return FetchResult{"{\"debates\": []}", "", false, 0};
    if (url.rfind("example:opendata/", 0) == 0) return FetchResult{"{\"value\": []}", "", false, 0};
  }
  if (file.empty() || !in) throw SourceError("Niet gevonden in het meegeleverde voorbeeld.", 404);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string body = ss.str();
  if (body.size() > maxBytes) throw SourceError("Het antwoord is groter dan toegestaan.");
  return FetchResult{std::move(body), "", false, 0};
}

}  // namespace ml::sources
