// Turns Dutch parliamentary text into plain words for eSpeak NG's Dutch voice: times, dates,
// ranges, ordinals, amounts, Kamerstuk and document numbers, Roman numerals, abbreviations,
// acronyms, party and ministry names, addresses and symbols. The word lists are data
// (voices/nl/*.tsv, see voices/nl/README.md); the rules are documented in src/text/NORMALISER.md.
// The output is one line of plain text: no '<', '>' or '&', no control characters, so it can
// never be taken for SSML markup.
// Thread contract: construction loads files; afterwards every member is const and may be called
// from any number of threads at once.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ml::text {

class DutchLexicon;

class DutchNormalizer {
 public:
  // Throws std::runtime_error (Dutch message) when a list is missing or broken.
  explicit DutchNormalizer(const std::filesystem::path& dataDir);
  // Loads from ml::paths::dataDir()/"voices"/"nl" once (thread-safe); throws like the constructor.
  static const DutchNormalizer& standard();

  // Pure; input is UTF-8 (invalid bytes are dropped). Lines become sentences of one line.
  std::string normalize(std::string_view text) const;

 private:
  std::string normalizeLine(std::string_view line) const;
  std::shared_ptr<const DutchLexicon> lex_;
};

std::string numberToWords(long long n);  // Dutch cardinal (see text/DutchNumbers.h)

}  // namespace ml::text
