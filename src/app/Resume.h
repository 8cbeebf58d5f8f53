// Where the listener stopped in each recording, so listening back resumes there.
// One small tab-separated file under paths::stateDir(); at most kMaxEntries, newest kept.
// Bad lines are skipped, a missing or unreadable file is an empty list. App thread only.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace ml::app::resume {

constexpr std::size_t kMaxEntries = 200;

std::filesystem::path file();  // paths::stateDir()/posities.tsv
std::optional<double> load(const std::string& key);
// Errors are logged (stderr), never thrown: losing a resume point must not stop playback.
void save(const std::string& key, double seconds);
void forget(const std::string& key);

}  // namespace ml::app::resume
