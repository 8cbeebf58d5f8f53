#include "app/Resume.h"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "core/Log.h"
#include "core/Paths.h"

namespace ml::app::resume {
namespace {

using Entry = std::pair<std::string, double>;

std::vector<Entry> readAll() {
  std::vector<Entry> out;
  std::ifstream in(file());
  std::string line;
  while (out.size() < kMaxEntries * 2 && std::getline(in, line)) {
    auto tab = line.rfind('\t');
    if (tab == std::string::npos || tab == 0) continue;
    try {
      std::size_t used = 0;
      double v = std::stod(line.substr(tab + 1), &used);
      if (v >= 0 && v < 1e7) out.emplace_back(line.substr(0, tab), v);
    } catch (const std::exception&) {
      continue;
    }
  }
  return out;
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
