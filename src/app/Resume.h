// Where the listener stopped in each recording, so listening back resumes there.
// One small tab-separated file under paths::stateDir(); at most kMaxEntries, newest kept.
// Bad lines are skipped, a missing or unreadable file is an empty list. App thread only.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ml::app::resume {

constexpr std::size_t kMaxEntries = 200;

std::filesystem::path file();  // paths::stateDir()/posities.tsv

// The file's lines "key<TAB>seconds" as read; bad lines are skipped. Pure (fuzzed).
std::vector<std::pair<std::string, double>> parseEntries(std::string_view text);
std::optional<double> load(const std::string& key);
// Errors are logged (stderr), never thrown: losing a resume point must not stop playback.
void save(const std::string& key, double seconds);
void forget(const std::string& key);

}  // namespace ml::app::resume
