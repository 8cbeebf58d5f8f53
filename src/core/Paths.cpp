#include "core/Paths.h"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "core/SmallFile.h"

namespace ml::paths {
namespace fs = std::filesystem;

namespace {
std::optional<fs::path> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return fs::path(v);
}
bool looksLikeDataDir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p / "data", ec) || fs::is_directory(p / "voices", ec);
}
fs::path home() { return env("HOME").value_or(fs::path("/tmp")); }

// A build tree says where its source tree is in a small file next to the program (or one
// folder up, for the tests), written by CMake: the binary itself holds no build path.
std::optional<fs::path> sourceTreeOf(const fs::path& exeDir) {
  for (const fs::path& dir : {exeDir, exeDir.parent_path()}) {
    const SmallFile f = readSmallFile(dir / kSourceTreeFile, 4096);
    if (f.status != SmallFile::Status::Ok || f.text.empty()) continue;
    std::string text = f.text;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (looksLikeDataDir(text)) return fs::path(text);
  }
  return std::nullopt;
}
}  // namespace

fs::path dataDir() {
  if (auto d = env("MEELUISTER_DATA_DIR")) return *d;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path share = exe.parent_path().parent_path() / "share" / "meeluister";
    if (looksLikeDataDir(share)) return share;
    if (auto tree = sourceTreeOf(exe.parent_path())) return *tree;
  }
  return MEELUISTER_INSTALL_DATA_DIR;
}

fs::path cacheDir() {
  return env("XDG_CACHE_HOME").value_or(home() / ".cache") / "meeluister";
}

fs::path configDir() {
  return env("XDG_CONFIG_HOME").value_or(home() / ".config") / "meeluister";
}

std::vector<fs::path> systemConfigDirs() {
  const char* v = std::getenv("XDG_CONFIG_DIRS");
  const std::string list = v != nullptr && *v != '\0' ? v : "/etc/xdg";
  std::vector<fs::path> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto colon = std::min(list.find(':', start), list.size());
    const fs::path dir = list.substr(start, colon - start);
    if (dir.is_absolute()) out.push_back(dir / "meeluister");
    start = colon + 1;
  }
  return out;
}

fs::path stateDir() {
  return env("XDG_STATE_HOME").value_or(home() / ".local" / "state") / "meeluister";
}

}  // namespace ml::paths
