// Rules at a word, a punctuation mark or an address: Roman numerals, acronyms, dashes, slashes.
#include <algorithm>
#include <array>
#include <cctype>

#include "text/DutchNumbers.h"
#include "text/NormalizerRules.h"

namespace ml::text::rules {
namespace {

bool hasVowel(std::string_view w) {
  for (char c : w) {
    if (std::string_view("AEIOUYaeiouy").find(c) != std::string_view::npos) return true;
  }
  return false;
}

bool startsWithZero(const std::string& digits) { return digits.size() > 1 && digits[0] == '0'; }

// "ma 21 dec", "do 21-12": a weekday abbreviation is only expanded before a date.
const Phrase* weekdayAbbreviation(const Line& L, std::size_t i, std::size_t& end) {
  const Phrase* day = L.lex.weekdays.match(L.t, i, end);
  if (day == nullptr || asciiLower(day->key) == asciiLower(day->spoken)) return nullptr;
  return day;
}

// "ma t/m vr", "ma-vr": two weekday abbreviations joined into a range.
std::size_t weekdayRangeRule(const Line& L, std::size_t i, SpokenText& out) {
  std::size_t e = 0;
  const Phrase* first = weekdayAbbreviation(L, i, e);
  if (first == nullptr) return i;
  std::size_t k = L.skipSpace(e);
  std::string word;
  if (L.isPunct(k, "-") || L.isPunct(k, "–")) {
    word = "tot";
    k += 1;
  } else if (L.isText(k, "t") && L.isPunct(k + 1, "/") && L.isText(k + 2, "m")) {
    word = "tot en met";
    k += 3;
  } else {
    return i;
  }
  std::size_t e2 = 0;
  const Phrase* second = weekdayAbbreviation(L, L.skipSpace(k), e2);
  if (second == nullptr) return i;
  out.word(first->spoken + " " + word + " " + second->spoken);
  return e2;
}

std::size_t weekdayRule(const Line& L, std::size_t i, SpokenText& out) {
  if (const std::size_t next = weekdayRangeRule(L, i, out); next != i) return next;
  std::size_t e = 0;
  const Phrase* day = weekdayAbbreviation(L, i, e);
  if (day == nullptr) return i;
  const std::size_t j = L.skipSpace(e);
  if (!L.isNumber(j, 1, 2)) return i;
  std::size_t m = 0;
  const bool date = L.lex.months.match(L.t, L.skipSpace(j + 1), m) != nullptr ||
                    L.isPunct(j + 1, "-") || L.isPunct(j + 1, "/");
  if (!date) return i;
  out.word(day->spoken);
  return e;
}

// A month or weekday name: a dash next to one joins two dates ("maandag - vrijdag").
bool isDatePart(const Line& L, std::size_t k) {
  if (!L.is(k, TokenKind::Word)) return false;
  std::size_t e = 0;
  return L.lex.months.match(L.t, k, e) != nullptr ||
         L.lex.weekdayWords.count(asciiLower(L.t[k].text)) > 0;
}

std::size_t dashRule(const Line& L, std::size_t i, SpokenText& out) {
  const bool numberBefore = i > 0 && L.is(i - 1, TokenKind::Number);
  const bool numberAfter = L.is(i + 1, TokenKind::Number);
  // A range ends in a plain number, not in a document number such as "2023D49211".
  const bool plainAfter = numberAfter && !L.is(i + 2, TokenKind::Word);
  const bool plainAfterSpace = L.is(i + 2, TokenKind::Number) && !L.is(i + 3, TokenKind::Word);
  if (numberBefore && plainAfter) {
    // "10.000-20.000", "10 000-20 000": a thousands group before the dash is not a phone number.
    const bool groupBefore = i >= 3 && L.t[i - 1].text.size() == 3 &&
                             (L.isPunct(i - 2, ".") || L.is(i - 2, TokenKind::Space)) &&
                             L.is(i - 3, TokenKind::Number);
    if ((startsWithZero(L.t[i - 1].text) && !groupBefore) || startsWithZero(L.t[i + 1].text)) {
      out.space();  // a phone number: 070-3182211
    } else {
      out.word("tot");
    }
    return i + 1;
  }
  const bool spaced = i > 0 && L.is(i - 1, TokenKind::Space) && L.is(i + 1, TokenKind::Space);
  if (spaced && i >= 2 && (L.is(i - 2, TokenKind::Number) || isDatePart(L, i - 2)) &&
      (plainAfterSpace || isDatePart(L, i + 2))) {  // "2020 - 2024", "1 april – 30 juni"
    out.word("tot");
    return i + 1;
  }
  const bool wordBefore = i > 0 && L.is(i - 1, TokenKind::Word);
  if (wordBefore && numberAfter) {
    out.space();  // COVID-19
    return i + 1;
  }
  if ((i == 0 || L.is(i - 1, TokenKind::Space)) && numberAfter) {
    out.word("min");  // -5 graden
    return i + 1;
  }
  const bool glued = i > 0 && !L.is(i - 1, TokenKind::Space) && !L.is(i + 1, TokenKind::Space) &&
                     i + 1 < L.t.size();
  if (glued && L.t[i].text == "-") {
    out.raw("-");
  } else if (i > 0 && !L.is(i - 1, TokenKind::Space) && L.t[i].text == "-" &&
             L.is(i + 1, TokenKind::Space) &&
             (L.isText(i + 2, "en") || L.isText(i + 2, "of") || L.isText(i + 2, "tot") ||
              L.isText(i + 2, "t"))) {
    out.raw("-");  // "Immigratie- en Naturalisatiedienst", "18- tot 25-jarigen"
  } else {
    out.raw(",");  // a dash between spaces is a pause
  }
  return i + 1;
}

std::size_t slashRule(const Line& L, std::size_t i, SpokenText& out) {
  if (L.is(i + 1, TokenKind::Word) && L.lex.inContext(L.lex.perContext, L.t[i + 1].text)) {
    out.word("per");
  } else if ((i > 0 && L.is(i - 1, TokenKind::Number)) || L.is(i + 1, TokenKind::Number)) {
    out.space();  // a reference such as "2011/36/EU": its parts one after the other
  } else {
    out.word("of");
  }
  return i + 1;
}

std::string addressSeparator(char c) {
  switch (c) {
    case '.': return "punt";
    case '/': return "slash";
    case '-': return "streepje";
    case '_': return "laag streepje";
    case '@': return "apenstaartje";
    case ':': return "dubbele punt";
    case '=': return "is";
    case '&': return "en";
    case '+': return "plus";
    case '~': return "tilde";
    case '%': return "procent";
    default: return "";
  }
}

}  // namespace

std::string_view Line::wordBefore(std::size_t i) const {
  std::size_t k = i;
  if (k > 0 && is(k - 1, TokenKind::Space)) --k;
  if (k > 0 && isPunct(k - 1, "-")) --k;
  if (k > 0 && is(k - 1, TokenKind::Word)) return t[k - 1].text;
  return {};
}

int romanValue(std::string_view s) {
  if (s.empty() || s.size() > 15) return 0;
  auto digit = [](char c) {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      case 'D': return 500;
      case 'M': return 1000;
      default: return 0;
    }
  };
  int total = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const int v = digit(s[k]);
    if (v == 0) return 0;
    const int nextValue = k + 1 < s.size() ? digit(s[k + 1]) : 0;
    total += v < nextValue ? -v : v;
  }
  // Only the canonical spelling counts: "IIII", "VX" or "IC" are not numerals.
  static constexpr std::array<std::string_view, 13> kSymbols = {
      "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
  static constexpr std::array<int, 13> kValues = {1000, 900, 500, 400, 100, 90, 50,
                                                  40,   10,  9,   5,   4,   1};
  if (total <= 0 || total >= 4000) return 0;
  std::string canonical;
  int rest = total;
  for (std::size_t k = 0; k < kSymbols.size(); ++k) {
    while (rest >= kValues[k]) {
      canonical += kSymbols[k];
      rest -= kValues[k];
    }
  }
  return canonical == s ? total : 0;
}

bool isAllCaps(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::size_t wordRules(const Line& L, std::size_t i, SpokenText& out) {
  if (const std::size_t next = weekdayRule(L, i, out); next != i) return next;
  const std::string& w = L.t[i].text;
  // A single L, C, D or M is a letter ("bijlage C"); only I, V and X stand alone as numerals.
  const int roman = w.size() == 1 && w.find_first_of("IVX") == std::string::npos ? 0 : romanValue(w);
  if (roman > 0 && !L.is(i + 1, TokenKind::Word) && i >= 2 && L.is(i - 1, TokenKind::Space) &&
      L.lex.inContext(L.lex.regnalContext, L.wordBefore(i))) {
    out.word("de " + ordinalToWords(roman));  // "Willem III" -> "Willem de derde"
    return i + 1;
  }
  if (roman > 0) {
    const bool ivx = w.find_first_not_of("IVX") == std::string::npos;
    const bool pure = w.size() >= 2 && ivx;
    // "(VI)" after a ministry's name in a budget title is the budget chapter.
    const bool inParentheses = ivx && i > 0 && L.isPunct(i - 1, "(") && L.isPunct(i + 1, ")");
    if ((pure && !L.shouting) || inParentheses ||
        L.lex.inContext(L.lex.romanContext, L.wordBefore(i))) {
      out.word(numberToWords(roman));
      return i + 1;
    }
  }
  if (isAllCaps(w)) {
    const bool acronym = w.size() >= 2 && (w.size() <= 4 || !hasVowel(w)) && !L.shouting;
    const bool letterBeforeNumber = w.size() <= 3 && L.is(i + 1, TokenKind::Number);
    if (acronym || letterBeforeNumber) {
      out.word(L.lex.spell(w));
      return i + 1;
    }
  }
  out.raw(w);
  return i + 1;
}

std::size_t punctRules(const Line& L, std::size_t i, SpokenText& out) {
  const std::string& p = L.t[i].text;
  if (p == "−") {  // U+2212 is only ever a minus sign: "−5" -> "min vijf", "7 − 2" -> "zeven min twee"
    out.word("min");
    return i + 1;
  }
  if (p == "-" || p == "–" || p == "—") return dashRule(L, i, out);
  if (p == "/") return slashRule(L, i, out);
  if (p == "'" || p == "’") {
    const bool inWord = i > 0 && (L.is(i - 1, TokenKind::Word) || L.is(i - 1, TokenKind::Number)) &&
                        L.is(i + 1, TokenKind::Word);
    const bool before = (i == 0 || L.is(i - 1, TokenKind::Space)) && L.isText(i + 1, "s");
    if (inWord || before) out.raw("'");  // "auto's", "'s-Hertogenbosch"
    return i + 1;
  }
  return i;
}

std::size_t addressRule(const Line& L, std::size_t i, SpokenText& out) {
  std::string_view s = L.t[i].text;
  for (std::string_view scheme : {"https://", "http://", "HTTPS://", "HTTP://"}) {
    if (s.substr(0, scheme.size()) == scheme) s.remove_prefix(scheme.size());
  }
  if (L.t[i].kind == TokenKind::Url) {
    s = s.substr(0, s.find_first_of("?#"));
    while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  }
  // The host ends at the first '/'; its last label (the top-level domain) is spelled when short.
  const std::size_t hostEnd = std::min(s.find('/'), s.size());
  const std::size_t tldStart = s.substr(0, hostEnd).rfind('.');
  std::size_t k = 0;
  while (k < s.size()) {
    const auto c = static_cast<unsigned char>(s[k]);
    std::size_t e = k;
    if (std::isdigit(c) != 0) {
      while (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e])) != 0) ++e;
      const std::string_view digits = s.substr(k, e - k);
      out.word(digits.size() <= 4 && digits[0] != '0' ? numberToWords(parseDigits(digits))
                                                      : digitsToWords(digits));
    } else if (std::isalpha(c) != 0 || c >= 0x80) {
      while (e < s.size() && (std::isalpha(static_cast<unsigned char>(s[e])) != 0 ||
                              static_cast<unsigned char>(s[e]) >= 0x80)) {
        ++e;
      }
      const std::string label = asciiLower(s.substr(k, e - k));
      const bool tld = tldStart != std::string_view::npos && k == tldStart + 1 && e == hostEnd;
      out.word((tld && label.size() <= 2) || !hasVowel(label) ? L.lex.spell(label) : label);
    } else {
      e = k + 1;
      out.word(addressSeparator(s[k]));
    }
    k = e;
  }
  return i + 1;
}

}  // namespace ml::text::rules
