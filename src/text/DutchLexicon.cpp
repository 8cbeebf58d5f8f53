#include "text/DutchLexicon.h"

#include <algorithm>
#include <cctype>
#include <fmt/core.h>
#include <stdexcept>

#include "text/DutchNumbers.h"

namespace ml::text {
namespace fs = std::filesystem;

std::string asciiLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c < 0x80 ? std::tolower(c) : c);
  });
  return out;
}

void PhraseTable::add(std::string key, std::string spoken) {
  const auto tokens = tokenize(key);
  if (tokens.empty()) return;
  auto& list = byFirstToken_[tokens.front().text];
  const bool dot = key.back() == '.';
  list.push_back({std::move(key), std::move(spoken), dot});
  std::stable_sort(list.begin(), list.end(),
                   [](const Phrase& a, const Phrase& b) { return a.key.size() > b.key.size(); });
}

const Phrase* PhraseTable::match(const std::vector<Token>& tokens, std::size_t i,
                                 std::size_t& end) const {
  if (i >= tokens.size()) return nullptr;
  const auto it = byFirstToken_.find(tokens[i].text);
  if (it == byFirstToken_.end()) return nullptr;
  for (const auto& phrase : it->second) {
    std::string joined;
    std::size_t j = i;
    while (j < tokens.size() && joined.size() < phrase.key.size()) {
      joined += tokens[j].text;
      ++j;
    }
    if (joined != phrase.key) continue;
    const char last = phrase.key.back();
    const bool alnumEnd = std::isalnum(static_cast<unsigned char>(last)) != 0 ||
                          static_cast<unsigned char>(last) >= 0x80;
    if (alnumEnd && j < tokens.size() &&
        (tokens[j].kind == TokenKind::Word || tokens[j].kind == TokenKind::Number)) {
      continue;
    }
    end = j;
    return &phrase;
  }
  return nullptr;
}

namespace {

WordList loadPairs(const fs::path& dir, const char* name) {
  return WordList::load(dir / name, WordList::Shape::KeyValue);
}

std::unordered_set<std::string> loadKeys(const fs::path& dir, const char* name) {
  std::unordered_set<std::string> set;
  const WordList list = WordList::load(dir / name, WordList::Shape::KeysOnly);
  for (const auto& [k, v] : list.entries()) {
    set.insert(asciiLower(k));
  }
  return set;
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

void addAll(PhraseTable& table, const WordList& list) {
  for (const auto& [k, v] : list.entries()) table.add(k, v);
}

}  // namespace

DutchLexicon::DutchLexicon(const fs::path& dir) {
  const WordList letters = loadPairs(dir, "letters.tsv");
  for (const auto& [k, v] : letters.entries()) letters_[asciiLower(k)] = v;
  for (char c = 'a'; c <= 'z'; ++c) {
    if (letters_.count(std::string(1, c)) == 0) {
      throw std::runtime_error(
          fmt::format("Woordenlijst {} mist de letter '{}'.", (dir / "letters.tsv").string(), c));
    }
  }
  const WordList abbreviations = loadPairs(dir, "abbreviations.tsv");
  for (const auto& [k, v] : abbreviations.entries()) {
    phrases.add(k, v);
    const std::string upper = capitalised(k);
    if (upper != k && !abbreviations.contains(upper)) phrases.add(upper, capitalised(v));
  }
  const WordList sentenceEnd =
      WordList::load(dir / "abbreviations-sentence-end.txt", WordList::Shape::KeysOnly);
  for (const auto& [k, v] : sentenceEnd.entries()) {
    sentenceEndAbbreviations.insert(k);
    sentenceEndAbbreviations.insert(capitalised(k));
  }
  addAll(phrases, loadPairs(dir, "parties.tsv"));
  addAll(phrases, loadPairs(dir, "ministries.tsv"));
  addAll(phrases, loadPairs(dir, "committees.tsv"));
  addAll(phrases, loadPairs(dir, "acronyms-words.tsv"));
  addAll(phrases, loadPairs(dir, "symbols.tsv"));
  const WordList spelled = WordList::load(dir / "acronyms-spelled.txt", WordList::Shape::KeysOnly);
  for (const auto& [k, v] : spelled.entries()) {
    spelledAcronyms.insert(k);
    phrases.add(k, spell(k));
  }
  addAll(units, loadPairs(dir, "units.tsv"));
  const WordList monthList = loadPairs(dir, "months.tsv");
  for (const auto& [k, v] : monthList.entries()) {
    if (std::isdigit(static_cast<unsigned char>(k[0])) != 0) {
      const long long n = parseDigits(k);
      if (n < 1 || n > 12) {
        throw std::runtime_error(fmt::format("Woordenlijst {}: '{}' is geen maandnummer.",
                                             (dir / "months.tsv").string(), k));
      }
      monthByNumber[static_cast<int>(n)] = v;
    } else {
      months.add(k, v);
      if (k == v) months.add(capitalised(k), capitalised(v));  // "December", not "Jan" (a name)
    }
  }
  const WordList weekdayList = loadPairs(dir, "weekdays.tsv");
  for (const auto& [k, v] : weekdayList.entries()) {
    weekdays.add(k, v);
    weekdays.add(capitalised(k), capitalised(v));
    std::string bare = asciiLower(k);
    if (!bare.empty() && bare.back() == '.') bare.pop_back();
    weekdayWords.insert(bare);
  }
  if (monthByNumber.size() != 12) {
    throw std::runtime_error(
        fmt::format("Woordenlijst {} moet de maanden 1 tot en met 12 noemen.",
                    (dir / "months.tsv").string()));
  }
  romanContext = loadKeys(dir, "roman-context.txt");
  timeContext = loadKeys(dir, "time-context.txt");
  dateContext = loadKeys(dir, "date-context.txt");
  dossierContext = loadKeys(dir, "dossier-context.txt");
  perContext = loadKeys(dir, "per-context.txt");
  domains = loadKeys(dir, "domains.txt");
  regnalContext = loadKeys(dir, "regnal-context.txt");
}

std::string DutchLexicon::spell(std::string_view letters) const {
  std::string out;
  for (char c : letters) {
    const auto it = letters_.find(std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c)))));
    if (it == letters_.end()) continue;
    if (!out.empty()) out += ' ';
    out += it->second;
  }
  return out;
}

}  // namespace ml::text
