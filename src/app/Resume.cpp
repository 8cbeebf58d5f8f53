#include "app/Resume.h"

#include <fstream>
#include <cstdlib>
#include <utility>
#include <vector>

#include "core/Log.h"
#include "core/Paths.h"

namespace ml::app::resume {
namespace {

using Entry = std::pair<std::string, double>;

constexpr std::size_t kMaxFileBytes = 256 * 1024;

std::vector<Entry> readAll() {
  std::ifstream in(file(), std::ios::binary);
  std::string text(kMaxFileBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parseEntries(text);
}

void writeAll(const std::vector<Entry>& entries) {
  std::error_code ec;
  std::filesystem::create_directories(file().parent_path(), ec);
  const auto tmp = file().string() + ".nieuw";
  {
    std::ofstream out(tmp, std::ios::trunc);
    std::size_t first = entries.size() > kMaxEntries ? entries.size() - kMaxEntries : 0;
    for (std::size_t i = first; i < entries.size(); ++i) out << entries[i].first << '\t' << entries[i].second << '\n';
    if (!out) {
      log::warn("kan de hervatpositie niet bewaren in {}", tmp);
      return;
    }
  }
  std::filesystem::rename(tmp, file(), ec);
  if (ec) log::warn("kan de hervatpositie niet bewaren in {}: {}", file().string(), ec.message());
}

// Keys are one line: tabs and newlines would break the file.
std::string clean(std::string key) {
  for (char& c : key) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return key;
}

}  // namespace

std::vector<Entry> parseEntries(std::string_view text) {
  std::vector<Entry> out;
  while (!text.empty() && out.size() < kMaxEntries * 2) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    const auto tab = line.rfind('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    const std::string number(line.substr(tab + 1));
    char* end = nullptr;
    const double v = std::strtod(number.c_str(), &end);
    if (end == number.c_str() || *end != '\0') continue;
    if (v >= 0 && v < 1e7) out.emplace_back(std::string(line.substr(0, tab)), v);
  }
  return out;
}

std::filesystem::path file() { return paths::stateDir() / "posities.tsv"; }

std::optional<double> load(const std::string& key) {
  const std::string k = clean(key);
  std::optional<double> found;
  for (const auto& [name, seconds] : readAll()) {
    if (name == k) found = seconds;
  }
  return found;
}

void save(const std::string& key, double seconds) {
  const std::string k = clean(key);
  auto entries = readAll();
  std::erase_if(entries, [&](const Entry& e) { return e.first == k; });
  entries.emplace_back(k, seconds);
  writeAll(entries);
}

void forget(const std::string& key) {
  const std::string k = clean(key);
  auto entries = readAll();
  auto before = entries.size();
  std::erase_if(entries, [&](const Entry& e) { return e.first == k; });
  if (entries.size() != before) writeAll(entries);
}

}  // namespace ml::app::resume
