#include "core/Paths.h"

#include <cstdlib>
#include <system_error>

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
}  // namespace

fs::path dataDir() {
  if (auto d = env("MEELUISTER_DATA_DIR")) return *d;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path share = exe.parent_path().parent_path() / "share" / "meeluister";
    if (looksLikeDataDir(share)) return share;
  }
  if (looksLikeDataDir(MEELUISTER_INSTALL_DATA_DIR)) return MEELUISTER_INSTALL_DATA_DIR;
  return MEELUISTER_SOURCE_DATA_DIR;
}

fs::path cacheDir() {
  return env("XDG_CACHE_HOME").value_or(home() / ".cache") / "meeluister";
}

fs::path configDir() {
  return env("XDG_CONFIG_HOME").value_or(home() / ".config") / "meeluister";
}

fs::path stateDir() {
  return env("XDG_STATE_HOME").value_or(home() / ".local" / "state") / "meeluister";
}

}  // namespace ml::paths
