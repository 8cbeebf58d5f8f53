#include "text/WordList.h"

#include <fmt/core.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "text/Utf8Clean.h"

namespace ml::text {
namespace {

std::string trimmed(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

[[noreturn]] void fail(const std::filesystem::path& file, std::size_t line, std::string_view why) {
  throw std::runtime_error(fmt::format("Woordenlijst {} is kapot (regel {}): {}", file.string(),
                                       line, why));
}

}  // namespace

WordList WordList::load(const std::filesystem::path& file, Shape shape) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::runtime_error(
        fmt::format("Woordenlijst {} ontbreekt of is niet te lezen.", file.string()));
  }
  WordList list;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!utf8::isValid(line)) fail(file, number, "geen geldige UTF-8");
    const std::string t = trimmed(line);
    if (t.empty() || t[0] == '#') continue;
    std::string key = t;
    std::string value;
    if (shape == Shape::KeyValue) {
      const auto tab = line.find('\t');
      if (tab == std::string::npos) fail(file, number, "geen tab tussen sleutel en uitspraak");
      key = trimmed(std::string_view(line).substr(0, tab));
      value = trimmed(std::string_view(line).substr(tab + 1));
    }
    if (key.empty()) fail(file, number, "lege sleutel");
    if (list.map_.emplace(key, value).second) list.entries_.emplace_back(key, value);
  }
  return list;
}

std::optional<std::string_view> WordList::find(std::string_view key) const {
  const auto it = map_.find(std::string(key));
  if (it == map_.end()) return std::nullopt;
  return std::string_view(it->second);
}

}  // namespace ml::text
