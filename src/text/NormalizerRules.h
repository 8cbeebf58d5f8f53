// The rules of the Dutch normaliser, applied token by token over one line.
// Each rule looks at tokens[i] (and what follows), writes the spoken form and returns the index
// after what it consumed, or i when it does not apply. Pure; thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/DutchLexicon.h"
#include "text/SpokenText.h"
#include "text/TextTokens.h"

namespace ml::text::rules {

struct Line {
  const DutchLexicon& lex;
  const std::vector<Token>& t;
  bool shouting;  // a line in capitals: unknown capital words are words, not acronyms

  bool is(std::size_t k, TokenKind kind) const { return k < t.size() && t[k].kind == kind; }
  bool isText(std::size_t k, std::string_view s) const { return k < t.size() && t[k].text == s; }
  bool isPunct(std::size_t k, std::string_view s) const {
    return is(k, TokenKind::Punct) && t[k].text == s;
  }
  bool isNumber(std::size_t k, std::size_t minDigits, std::size_t maxDigits) const {
    return is(k, TokenKind::Number) && t[k].text.size() >= minDigits && t[k].text.size() <= maxDigits;
  }
  std::size_t skipSpace(std::size_t k) const { return is(k, TokenKind::Space) ? k + 1 : k; }
  // The word before tokens[i], looking past one space and one hyphen; "" when there is none.
  std::string_view wordBefore(std::size_t i) const;
};

std::size_t numberRules(const Line& line, std::size_t i, SpokenText& out);   // at a Number
std::size_t moneyRule(const Line& line, std::size_t i, SpokenText& out);     // at € or EUR
std::size_t wordRules(const Line& line, std::size_t i, SpokenText& out);     // at a Word
std::size_t punctRules(const Line& line, std::size_t i, SpokenText& out);    // at a Punct
std::size_t addressRule(const Line& line, std::size_t i, SpokenText& out);   // Url or Email

// Times and dates (DateTimeRules.cpp), used by numberRules.
std::size_t timeRule(const Line& line, std::size_t i, SpokenText& out);
std::size_t numericDateRule(const Line& line, std::size_t i, SpokenText& out);
bool validDayMonth(long long day, long long month);
std::string dayMonth(const Line& line, long long day, long long month);  // "eenentwintig december"
bool dateContextBefore(const Line& line, std::size_t i);  // "op", "vanaf", a weekday ...

// Roman numeral value, or 0 when s is not a well-formed one (upper case only).
int romanValue(std::string_view s);
bool isAllCaps(std::string_view word);

}  // namespace ml::text::rules
