// Where meeluister finds its data (voices/, data/) and keeps its cache and config.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace ml::paths {

// The folder holding voices/ and data/: $MEELUISTER_DATA_DIR, then <exe>/../share/meeluister,
// then the install prefix, then the source tree this binary was built from.
std::filesystem::path dataDir();
// $XDG_CACHE_HOME/meeluister or ~/.cache/meeluister (created on demand by callers).
std::filesystem::path cacheDir();
// $XDG_CONFIG_HOME/meeluister or ~/.config/meeluister.
std::filesystem::path configDir();
// $XDG_STATE_HOME/meeluister or ~/.local/state/meeluister (where listening stopped).
std::filesystem::path stateDir();

}  // namespace ml::paths
