// The word lists of voices/nl/ loaded into lookup tables for the Dutch normaliser.
// Immutable after construction; safe to share between threads.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/TextTokens.h"
#include "text/WordList.h"

namespace ml::text {

// A key matched token by token ("t.a.v." is t . a . v .), with what to say instead.
struct Phrase {
  std::string key;
  std::string spoken;
  bool endsWithDot = false;
};

class PhraseTable {
 public:
  void add(std::string key, std::string spoken);
  // The longest phrase starting at tokens[i]; sets end to the index after it.
  const Phrase* match(const std::vector<Token>& tokens, std::size_t i, std::size_t& end) const;

 private:
  std::unordered_map<std::string, std::vector<Phrase>> byFirstToken_;
};

// Lower-cases ASCII letters only.
std::string asciiLower(std::string_view s);

class DutchLexicon {
 public:
  // Throws std::runtime_error (Dutch message) when a list is missing or broken.
  explicit DutchLexicon(const std::filesystem::path& dir);

  std::string spell(std::string_view letters) const;  // "IND" -> "ie en dee"
  bool inContext(const std::unordered_set<std::string>& set, std::string_view word) const {
    return set.count(asciiLower(word)) > 0;
  }

  PhraseTable phrases;    // abbreviations, parties, ministries, committees, acronyms, symbols
  PhraseTable units;      // only after a number
  PhraseTable months;     // names and abbreviations
  PhraseTable weekdays;
  std::unordered_map<int, std::string> monthByNumber;
  std::unordered_set<std::string> spelledAcronyms;
  std::unordered_set<std::string> weekdayWords;
  std::unordered_set<std::string> sentenceEndAbbreviations;  // as written, e.g. "enz."  // names and abbreviations, lower case
  std::unordered_set<std::string> romanContext, timeContext, dateContext, dossierContext,
      perContext, domains, regnalContext;  // all lower case

 private:
  std::unordered_map<std::string, std::string> letters_;
};

}  // namespace ml::text
