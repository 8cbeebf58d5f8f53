#include "app/Resume.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "core/Log.h"
#include "core/Paths.h"
#include "core/SmallFile.h"

namespace ml::app::resume {
namespace {

constexpr std::size_t kMaxFileBytes = 256 * 1024;
constexpr std::size_t kMaxLegacyEntries = 400;

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// Keys and names are one line: tabs and newlines would break the file.
std::string oneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::optional<double> seconds(std::string_view text) {
  const std::string number(text);
  char* end = nullptr;
  const double v = std::strtod(number.c_str(), &end);
  if (number.empty() || end == number.c_str() || *end != '\0') return std::nullopt;
  if (!std::isfinite(v) || v < 0 || v >= 1e7) return std::nullopt;
  return v;
}

// The next line of `text` (without its newline), `text` moved past it.
std::string_view nextLine(std::string_view& text) {
  const auto nl = text.find('\n');
  const std::string_view line = text.substr(0, nl);
  text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  return line;
}

SmallFile readFile(const std::filesystem::path& path) {
  SmallFile f = readSmallFile(path, kMaxFileBytes);
  if (f.status == SmallFile::Status::NotRegular) {
    log::warn("{} is geen gewoon bestand; meeluister gebruikt het niet", path.string());
  }
  return f;
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

bool empty(const State& s) { return !s.position && s.bookmarks.empty(); }

}  // namespace

std::filesystem::path dir() { return paths::stateDir() / "debatten"; }

std::filesystem::path fileFor(const std::string& key) {
  return dir() / fmt::format("{:016x}.tsv", fnv1a(oneLine(key)));
}

State parseState(std::string_view text) {
  State s;
  std::size_t lines = 0;
  while (!text.empty() && ++lines <= kMaxBookmarks + 16) {
    const std::string_view line = nextLine(text);
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const std::string_view field = line.substr(0, tab);
    const std::string_view rest = line.substr(tab + 1);
    if (field == "sleutel" && !rest.empty()) {
      s.key = std::string(rest);
    } else if (field == "positie") {
      if (auto v = seconds(rest)) s.position = v;
    } else if (field == "bladwijzer" && s.bookmarks.size() < kMaxBookmarks) {
      const auto tab2 = rest.find('\t');
      const auto v = seconds(rest.substr(0, tab2));
      if (!v) continue;
      s.bookmarks.push_back({*v, tab2 == std::string_view::npos ? std::string() : std::string(rest.substr(tab2 + 1))});
    }
  }
  std::stable_sort(s.bookmarks.begin(), s.bookmarks.end(),
                   [](const Bookmark& a, const Bookmark& b) { return a.seconds < b.seconds; });
  return s;
}

std::string formatState(const State& state) {
  std::string out = "sleutel\t" + oneLine(state.key) + "\n";
  if (state.position) out += fmt::format("positie\t{}\n", *state.position);
  auto marks = state.bookmarks;
  std::stable_sort(marks.begin(), marks.end(), [](const Bookmark& a, const Bookmark& b) { return a.seconds < b.seconds; });
  if (marks.size() > kMaxBookmarks) marks.resize(kMaxBookmarks);
  for (const auto& b : marks) out += fmt::format("bladwijzer\t{}\t{}\n", b.seconds, oneLine(b.name));
  return out;
}

State loadState(const std::string& key) {
  const std::string k = oneLine(key);
  const SmallFile f = readFile(fileFor(k));
  if (f.status == SmallFile::Status::Ok) {
    State s = parseState(f.text);
    if (s.key == k) return s;
    log::info("{} hoort bij een ander debat; niet gebruikt", fileFor(k).string());
  }
  State s;
  s.key = k;
  if (f.status == SmallFile::Status::Missing) {
    // A debate heard with an earlier version: its position from the shared file.
    const SmallFile old = readFile(legacyFile());
    if (old.status == SmallFile::Status::Ok) {
      for (const auto& [name, at] : parseEntries(old.text)) {
        if (name == k) s.position = at;
      }
    }
  }
  return s;
}

bool saveState(const State& state) {
  const std::string k = oneLine(state.key);
  const auto path = fileFor(k);
  std::error_code ec;
  if (empty(state)) {
    std::filesystem::remove(path, ec);
    return !ec;
  }
  std::filesystem::create_directories(path.parent_path(), ec);
  const auto tmp = path.string() + ".nieuw";
  const int fd = createSmallFile(tmp);
  bool ok = fd >= 0 && writeText(fd, formatState(state));
  // On disk before the rename: after a crash the old state or the new one, whole.
  if (ok && fsync(fd) != 0) ok = false;
  if (fd >= 0 && close(fd) != 0) ok = false;
  if (ok) {
    std::filesystem::rename(tmp, path, ec);
    ok = !ec;
  }
  if (!ok) {
    log::warn("kan niet bewaren waar u was in {}", path.string());
    if (fd >= 0) unlink(tmp.c_str());
    return false;
  }
  // The folder's entry too (a rename is only durable once its folder is).
  const int dfd = open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)fsync(dfd);
    close(dfd);
  }
  return true;
}

std::optional<double> load(const std::string& key) { return loadState(key).position; }

void save(const std::string& key, double seconds) {
  State s = loadState(key);
  s.position = seconds;
  saveState(s);
}

void forget(const std::string& key) {
  State s = loadState(key);
  if (!s.position) return;
  s.position.reset();
  saveState(s);
}

std::filesystem::path legacyFile() { return paths::stateDir() / "posities.tsv"; }

std::vector<std::pair<std::string, double>> parseEntries(std::string_view text) {
  std::vector<std::pair<std::string, double>> out;
  while (!text.empty() && out.size() < kMaxLegacyEntries) {
    const std::string_view line = nextLine(text);
    const auto tab = line.rfind('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    if (auto v = seconds(line.substr(tab + 1))) out.emplace_back(std::string(line.substr(0, tab)), *v);
  }
  return out;
}

}  // namespace ml::app::resume
