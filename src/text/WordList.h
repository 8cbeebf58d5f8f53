// A word list from voices/<lang>/: `key<TAB>spoken form` a line (or keys only), '#' comments.
// Immutable after loading; safe to read from any thread.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ml::text {

class WordList {
 public:
  enum class Shape { KeyValue, KeysOnly };
  // Throws std::runtime_error (Dutch message) when the file is missing, unreadable, not UTF-8,
  // or a key-value line has no tab or an empty key.
  static WordList load(const std::filesystem::path& file, Shape shape);

  std::optional<std::string_view> find(std::string_view key) const;
  bool contains(std::string_view key) const { return map_.count(std::string(key)) > 0; }
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::unordered_map<std::string, std::string> map_;
  std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace ml::text
