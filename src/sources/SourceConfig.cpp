#include "sources/SourceConfig.h"

#include <cstdlib>

#include "sources/Fetcher.h"

namespace ml::sources {
namespace {
void fromEnv(const char* name, std::string& target) {
  const char* v = std::getenv(name);
  if (v != nullptr && *v != '\0') target = v;
}
}  // namespace

SourceConfig configFromEnvironment() {
  SourceConfig c;
  fromEnv("MEELUISTER_DEBATDIRECT_URL", c.debatDirect);
  fromEnv("MEELUISTER_OPENDATA_URL", c.openData);
  fromEnv("MEELUISTER_WEB_URL", c.web);
  return c;
}

SourceConfig exampleConfig() {
  SourceConfig c;
  c.debatDirect = "example:debatdirect";
  c.openData = "example:opendata/";
  c.web = "example:web";
  c.example = true;
  c.date = kExampleDate;
  return c;
}

std::string joinUrl(const std::string& base, const std::string& path) {
  std::string b = base;
  while (!b.empty() && b.back() == '/') b.pop_back();
  std::size_t i = 0;
  while (i < path.size() && path[i] == '/') ++i;
  return b + "/" + path.substr(i);
}

std::string percentEncode(const std::string& text, const std::string& keep) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved || (c < 0x80 && keep.find(ch) != std::string::npos)) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string dutchAge(std::int64_t s) {
  if (s < 0) s = 0;
  auto unit = [](std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  if (s < 120) return unit(s, "seconde", "seconden");
  if (s < 7200) return unit(s / 60, "minuut", "minuten");
  if (s < 172800) return unit(s / 3600, "uur", "uur");
  return unit(s / 86400, "dag", "dagen");
}

}  // namespace ml::sources

#include <stdexcept>

#include "core/Debate.h"

namespace ml::sources {
namespace {
void checkUrl(const std::string& url, const char* option) {
  if (url.empty()) return;
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    throw std::invalid_argument(std::string("--") + option + " verwacht een adres dat begint met http:// of https://.");
  }
}
}  // namespace

SourceConfig configFrom(const SourceOptions& o) {
  if (!o.date.empty() && !isIsoDate(o.date)) {
    throw std::invalid_argument("Ongeldige datum '" + o.date + "': gebruik JJJJ-MM-DD, bijvoorbeeld 2023-12-21.");
  }
  checkUrl(o.debatDirect, "debatdirect");
  checkUrl(o.openData, "opendata");
  checkUrl(o.web, "web");
  SourceConfig c = o.example ? exampleConfig() : configFromEnvironment();
  if (o.example) {
    if (!o.date.empty()) c.date = o.date;
    return c;
  }
  if (!o.debatDirect.empty()) c.debatDirect = o.debatDirect;
  if (!o.openData.empty()) c.openData = o.openData;
  if (!o.web.empty()) c.web = o.web;
  c.date = o.date;
  c.offline = o.offline;
  return c;
}

}  // namespace ml::sources
