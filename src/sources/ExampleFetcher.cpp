#include "sources/ExampleFetcher.h"

#include <fstream>
#include <regex>
#include <sstream>

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

std::string search(const std::string& text, const char* pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
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
    if (std::string token = search(query, "\\$skiptoken=([A-Za-z0-9-]+)"); !token.empty()) {
      return root_ / "opendata" / (token + ".json");
    }
    if (std::string day = search(query, "lt (\\d{4}-\\d\\d-\\d\\d)T"); !day.empty()) {
      return root_ / "opendata" / ("day-" + day + ".json");
    }
    std::string key = search(query, "Nummer eq '(\\d{4}A\\d{5})'");
    if (key.empty()) key = search(query, "Id eq ([0-9a-fA-F-]{36})");
    return safe(key) ? root_ / "opendata" / (key + ".json") : fs::path();
  }
  if (path.rfind("web/", 0) == 0) {
    std::string key = search(query, "id=(\\d{4}A\\d{5})");
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
