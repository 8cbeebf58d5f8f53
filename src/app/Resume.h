// What meeluister keeps per debate: where the listener stopped (so listening back resumes
// there) and the listener's bookmarks. One small file per debate under
// paths::stateDir()/debatten/, named by a hash of the debate's key: finding a debate's state
// reads one file of a few lines, however many debates were ever heard (issue 14). The file:
//   sleutel<TAB>debat:5d21...        the key, so a hash collision reads as "nothing kept"
//   positie<TAB>754.2                where listening stopped
//   bladwijzer<TAB>312.5<TAB>Kamerlid A, 11.20 uur
// Written to a new file, flushed to disk and renamed over the old one: a crash leaves the
// old or the new state, never half of it. Bad lines are skipped; a missing, unreadable or
// non-regular file is an empty state. Errors are logged, never thrown: losing a resume
// point must not stop playback. App thread only.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ml::app::resume {

constexpr std::size_t kMaxBookmarks = 500;

struct Bookmark {
  double seconds = 0;
  std::string name;
  bool operator==(const Bookmark&) const = default;
};

struct State {
  std::string key;
  std::optional<double> position;
  std::vector<Bookmark> bookmarks;  // by time
};

std::filesystem::path dir();                            // paths::stateDir()/debatten
std::filesystem::path fileFor(const std::string& key);  // dir()/<16 hex digits>.tsv

// One debate's file as text and back. Pure (fuzzed): positions and bookmark times are
// finite, 0 to 1e7 s; names and keys are one line; at most kMaxBookmarks, sorted by time.
State parseState(std::string_view text);
std::string formatState(const State& state);

State loadState(const std::string& key);  // the key's state, or an empty one
bool saveState(const State& state);       // false (and a log line) when it could not be kept

std::optional<double> load(const std::string& key);
void save(const std::string& key, double seconds);
void forget(const std::string& key);  // the position only; bookmarks stay

// Earlier versions kept every position in one file (posities.tsv, "key<TAB>seconds" a
// line); it is read only for a debate that has no file of its own yet.
std::filesystem::path legacyFile();
std::vector<std::pair<std::string, double>> parseEntries(std::string_view text);  // pure (fuzzed)

}  // namespace ml::app::resume
