#include "app/Resume.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>
#include <utility>
#include <vector>

#include "core/Log.h"
#include "core/Paths.h"
#include "core/SmallFile.h"

namespace ml::app::resume {
namespace {

using Entry = std::pair<std::string, double>;

constexpr std::size_t kMaxFileBytes = 256 * 1024;

// The file as it is; a FIFO, device or directory there is refused without waiting on it.
std::vector<Entry> readAll() {
  const SmallFile f = readSmallFile(file(), kMaxFileBytes);
  if (f.status == SmallFile::Status::NotRegular) {
    log::warn("{} is geen gewoon bestand; meeluister gebruikt het niet", file().string());
  }
  return f.status == SmallFile::Status::Ok ? parseEntries(f.text) : std::vector<Entry>{};
}

bool writeText(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void writeAll(const std::vector<Entry>& entries) {
  std::error_code ec;
  std::filesystem::create_directories(file().parent_path(), ec);
  if (std::filesystem::exists(std::filesystem::symlink_status(file(), ec)) &&
      !std::filesystem::is_regular_file(std::filesystem::symlink_status(file(), ec))) {
    log::warn("{} is geen gewoon bestand; de hervatpositie wordt niet bewaard", file().string());
    return;
  }
  const auto tmp = file().string() + ".nieuw";
  {
    std::ostringstream out;
    std::size_t first = entries.size() > kMaxEntries ? entries.size() - kMaxEntries : 0;
    for (std::size_t i = first; i < entries.size(); ++i) out << entries[i].first << '\t' << entries[i].second << '\n';
    const int fd = createSmallFile(tmp);
    const bool ok = fd >= 0 && writeText(fd, out.str());
    if (fd >= 0 && close(fd) != 0) log::info("{}: sluiten mislukt", tmp);
    if (!ok) {
      log::warn("kan de hervatpositie niet bewaren in {}", tmp);
      if (fd >= 0) unlink(tmp.c_str());
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
