// Where meeluister finds its data (voices/, data/) and keeps its cache and config.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ml::paths {

// The file a build tree holds next to the program: the path of its source tree (CMake
// writes it; it is never installed).
inline constexpr const char* kSourceTreeFile = "meeluister-bronmap";

// The folder holding voices/ and data/: $MEELUISTER_DATA_DIR, then <exe>/../share/meeluister,
// then (in a build tree) the source tree named in kSourceTreeFile next to the program, then
// the install prefix's. No build or source path is compiled in (reproducible builds).
std::filesystem::path dataDir();
// $XDG_CACHE_HOME/meeluister or ~/.cache/meeluister (created on demand by callers).
std::filesystem::path cacheDir();
// $XDG_CONFIG_HOME/meeluister or ~/.config/meeluister.
std::filesystem::path configDir();
// Each folder of $XDG_CONFIG_DIRS (default /etc/xdg) with /meeluister, the most important
// first; relative entries are ignored, as the XDG Base Directory spec says.
std::vector<std::filesystem::path> systemConfigDirs();
// $XDG_STATE_HOME/meeluister or ~/.local/state/meeluister (where listening stopped).
std::filesystem::path stateDir();

}  // namespace ml::paths
