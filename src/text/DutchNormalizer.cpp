#include "text/DutchNormalizer.h"

#include "text/Mojibake.h"

#include <vector>

#include "core/Paths.h"
#include "text/DutchLexicon.h"
#include "text/DutchNumbers.h"
#include "text/NormalizerRules.h"
#include "text/Utf8Clean.h"

namespace ml::text {
namespace {

bool isBullet(std::string_view p) {
  static constexpr std::string_view kBullets[] = {"-", "*", "•", "·", "●", "○", "■", "□", "▪",
                                                  "►", "▶", "–", "—", ">", "◦", "✓", "✔", "→"};
  for (auto b : kBullets) {
    if (p == b) return true;
  }
  return false;
}

// Leading spaces and list bullets ("• ", "- ") go; a numbered item "1. " is kept for later.
std::size_t skipLineNoise(const std::vector<Token>& t) {
  std::size_t i = 0;
  while (i < t.size()) {
    if (t[i].kind == TokenKind::Space) {
      ++i;
    } else if (t[i].kind == TokenKind::Punct && isBullet(t[i].text) &&
               (i + 1 == t.size() || t[i + 1].kind == TokenKind::Space)) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

// A line written in capitals ("DE KAMER VERGADERT"): its capital words are words, not acronyms.
bool isShouting(const std::vector<Token>& t) {
  std::size_t words = 0;
  std::size_t caps = 0;
  bool longCaps = false;
  for (const auto& tok : t) {
    if (tok.kind != TokenKind::Word || tok.text.size() < 2) continue;
    ++words;
    if (rules::isAllCaps(tok.text)) {
      ++caps;
      longCaps = longCaps || tok.text.size() >= 5;
    }
  }
  return words >= 2 && longCaps && caps * 10 >= words * 7;
}

// "enz." before a capital: its full stop also ends the sentence. (At the end of a line the
// sentence ends anyway.)
bool closesSentence(const DutchLexicon& lex, const Phrase& p, const std::vector<Token>& t,
                    std::size_t end) {
  if (!p.endsWithDot || lex.sentenceEndAbbreviations.count(p.key) == 0) return false;
  std::size_t k = end;
  if (k < t.size() && t[k].kind == TokenKind::Space) ++k;
  if (k >= t.size()) return false;
  const char c = t[k].text[0];
  return t[k].kind == TokenKind::Word && c >= 'A' && c <= 'Z';
}

bool endsSentence(const std::string& s) {
  return !s.empty() && std::string_view(".!?:;,").find(s.back()) != std::string_view::npos;
}

// The last guard before eSpeak NG: nothing that could be read as markup, no control characters.
std::string guard(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '<') {
      out += " kleiner dan ";
    } else if (c == '>') {
      out += " groter dan ";
    } else if (c == '&') {
      out += " en ";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

DutchNormalizer::DutchNormalizer(const std::filesystem::path& dataDir)
    : lex_(std::make_shared<const DutchLexicon>(dataDir)) {}

const DutchNormalizer& DutchNormalizer::standard() {
  static const DutchNormalizer instance(ml::paths::dataDir() / "voices" / "nl");
  return instance;
}

std::string DutchNormalizer::normalize(std::string_view text) const {
  // Page text can arrive as mojibake ("CreĆ«ren"): repaired first, then cleaned.
  const std::string clean = utf8::clean(repairMojibake(text));
  std::vector<std::string> sentences;
  std::size_t start = 0;
  while (start <= clean.size()) {
    std::size_t end = clean.find('\n', start);
    if (end == std::string::npos) end = clean.size();
    std::string spoken = normalizeLine(std::string_view(clean).substr(start, end - start));
    if (!spoken.empty()) sentences.push_back(std::move(spoken));
    start = end + 1;
  }
  std::string out;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    if (!out.empty()) out += ' ';
    out += sentences[k];
    if (k + 1 < sentences.size() && !endsSentence(sentences[k])) out += '.';
  }
  return guard(out);
}

std::string DutchNormalizer::normalizeLine(std::string_view lineText) const {
  const std::vector<Token> tokens = tokenize(lineText, &lex_->domains);
  const rules::Line line{*lex_, tokens, isShouting(tokens)};
  SpokenText out;
  std::size_t i = skipLineNoise(tokens);
  // "1. Creëren van ..." at the start of a line: a numbered list item.
  if (line.isNumber(i, 1, 2) && (line.isPunct(i + 1, ".") || line.isPunct(i + 1, ")")) &&
      line.is(i + 2, TokenKind::Space) && i + 3 < tokens.size() &&
      !line.is(i + 3, TokenKind::Number)) {
    out.word(numberToWords(parseDigits(tokens[i].text)));
    out.raw(":");
    i += 2;
  }
  while (i < tokens.size()) {
    const Token& tok = tokens[i];
    std::size_t next = i;
    std::size_t end = 0;
    switch (tok.kind) {
      case TokenKind::Space:
        out.space();
        next = i + 1;
        break;
      case TokenKind::Url:
      case TokenKind::Email:
        next = rules::addressRule(line, i, out);
        break;
      case TokenKind::Number:
      case TokenKind::Word:
        next = rules::moneyRule(line, i, out);
        if (next != i) break;
        if (const Phrase* p = lex_->phrases.match(tokens, i, end)) {
          out.word(p->spoken);
          if (closesSentence(*lex_, *p, tokens, end)) out.raw(".");
          next = end;
          break;
        }
        next = tok.kind == TokenKind::Number ? rules::numberRules(line, i, out)
                                             : rules::wordRules(line, i, out);
        break;
      case TokenKind::Punct:
        next = rules::moneyRule(line, i, out);
        if (next == i) next = rules::punctRules(line, i, out);
        if (next != i) break;
        if (const Phrase* p = lex_->phrases.match(tokens, i, end)) {
          const std::string& s = p->spoken;
          if (s.empty()) {
            out.space();
          } else if (s.find_first_not_of(".,;:!?()") == std::string::npos) {
            out.raw(s);
          } else {
            out.word(s);
          }
          next = end;
        } else if (tok.text.size() == 1 &&
                   std::string_view(".,;:!?()").find(tok.text[0]) != std::string_view::npos) {
          out.raw(tok.text);
          next = i + 1;
        } else {
          out.space();  // a symbol without a spoken form
          next = i + 1;
        }
        break;
    }
    i = next > i ? next : i + 1;
  }
  return out.finish();
}

}  // namespace ml::text
