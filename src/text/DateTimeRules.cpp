// Rules at a number that name a moment: times ("11.15 uur", "11:15") and dates ("21-12-2023",
// "2023-12-21", "op 21/12").
#include <optional>

#include "text/DutchNumbers.h"
#include "text/NormalizerRules.h"

namespace ml::text::rules {
namespace {

long long value(const Line& L, std::size_t k) { return parseDigits(L.t[k].text); }

// ---- times ----------------------------------------------------------------------------------

struct Clock {
  long long h = 0, m = 0;
  std::size_t end = 0;
  bool colon = false;
};

std::optional<Clock> clockAt(const Line& L, std::size_t k) {
  if (!L.isNumber(k, 1, 2) || !L.isNumber(k + 2, 2, 2)) return std::nullopt;
  const bool colon = L.isPunct(k + 1, ":");
  if (!colon && !L.isPunct(k + 1, ".")) return std::nullopt;
  if ((L.isPunct(k + 3, ".") || L.isPunct(k + 3, ":") || L.isPunct(k + 3, ",")) &&
      L.is(k + 4, TokenKind::Number)) {
    return std::nullopt;  // "1.15.3", "3.45,5"
  }
  Clock c{value(L, k), value(L, k + 2), k + 3, colon};
  if (c.h > 24 || c.m > 59) return std::nullopt;
  return c;
}

std::string clockWords(const Clock& c);
std::size_t afterHourWord(const Line& L, std::size_t k);

// ---- durations ------------------------------------------------------------------------------

std::string durationPart(long long n, std::string_view one, std::string_view many) {
  return numberToWords(n) + " " + std::string(n == 1 ? one : many);
}

std::string durationWords(long long h, long long m, long long s) {
  return durationToWords(h * 3600 + m * 60 + s);
}

// Words that say the "M:SS" after them is a length of time or a position in a recording.
bool durationContextBefore(const Line& L, std::size_t i) {
  static constexpr std::string_view kWords[] = {"duur",    "speelduur", "looptijd", "lengte",
                                                "positie", "spreektijd", "tijdsduur", "duurt"};
  const std::string before = asciiLower(L.wordBefore(i));
  for (auto w : kWords) {
    if (before == w) return true;
  }
  return false;
}

// "1:05:30" (hours, minutes, seconds), "0:42" (a clock writes "00:42"), "3:15 min" or
// "duur 12:30": a duration, said as one
// ("één uur vijf minuten dertig seconden"), never as a clock time. A trailing "min", "minuten"
// is consumed.
std::size_t durationRule(const Line& L, std::size_t i, SpokenText& out) {
  if (!L.isNumber(i, 1, 2) || !L.isPunct(i + 1, ":") || !L.isNumber(i + 2, 2, 2)) return i;
  const long long a = value(L, i);
  const long long b = value(L, i + 2);
  if (L.isPunct(i + 3, ":") && L.isNumber(i + 4, 2, 2)) {
    const long long c = value(L, i + 4);
    if (b > 59 || c > 59 || (L.isPunct(i + 5, ":") && L.is(i + 6, TokenKind::Number))) return i;
    if (a <= 24 && L.lex.inContext(L.lex.timeContext, L.wordBefore(i))) {
      // "om 14:30:00": a clock time with seconds
      std::string s = clockWords(Clock{a, b, i + 5, true});
      if (c > 0) s += " en " + durationPart(c, "seconde", "seconden");
      out.word(s);
      return afterHourWord(L, i + 5);
    }
    out.word(durationWords(a, b, c));
    return i + 5;
  }
  if (b > 59 || (L.is(i + 3, TokenKind::Punct) && L.is(i + 4, TokenKind::Number))) return i;
  const std::size_t j = L.skipSpace(i + 3);
  std::size_t end = i + 3;
  if (L.isText(j, "min") || L.isText(j, "minuten") || L.isText(j, "minuut")) {
    end = L.isPunct(j + 1, ".") && L.isText(j, "min") ? j + 2 : j + 1;
  } else if (L.t[i].text != "0" && !durationContextBefore(L, i)) {  // a clock writes "00:42"
    return i;
  } else if (afterHourWord(L, i + 3) != i + 3 || L.lex.inContext(L.lex.timeContext, L.wordBefore(i))) {
    return i;  // "om 0:30", "0:30 uur": a time after all
  }
  out.word(durationWords(0, a, b));
  return end;
}

std::string clockWords(const Clock& c) {
  std::string s = numberToWords(c.h) + " uur";
  if (c.m > 0) s += " " + numberToWords(c.m);
  return s;
}

// "tot", "tot en met", "t/m", "-" between two times or dates; returns the index after it.
std::size_t connective(const Line& L, std::size_t k, std::string& word) {
  const std::size_t j = L.skipSpace(k);
  if (L.isPunct(j, "-") || L.isPunct(j, "–")) {
    word = "tot";
    return L.skipSpace(j + 1);
  }
  if (L.isText(j, "tot") || L.isText(j, "t")) {
    if (L.isText(j, "t") && L.isPunct(j + 1, "/") && L.isText(j + 2, "m")) {
      word = "tot en met";
      return L.skipSpace(j + 3);
    }
    if (L.isText(j, "t")) return k;
    if (L.is(j + 1, TokenKind::Space) && L.isText(j + 2, "en") && L.is(j + 3, TokenKind::Space) &&
        L.isText(j + 4, "met")) {
      word = "tot en met";
      return L.skipSpace(j + 5);
    }
    word = "tot";
    return L.skipSpace(j + 1);
  }
  return k;
}

std::size_t afterHourWord(const Line& L, std::size_t k) {
  const std::size_t j = L.skipSpace(k);
  if (L.isText(j, "uur")) return j + 1;
  if (L.isText(j, "u") && !L.is(j + 1, TokenKind::Word)) return L.isPunct(j + 1, ".") ? j + 2 : j + 1;
  return k;
}

bool monthFollows(const Line& L, std::size_t k) {
  std::size_t e = 0;
  return L.lex.months.match(L.t, L.skipSpace(k), e) != nullptr;
}

}  // namespace

// ---- dates ----------------------------------------------------------------------------------

bool validDayMonth(long long d, long long m) { return d >= 1 && d <= 31 && m >= 1 && m <= 12; }

std::string dayMonth(const Line& L, long long d, long long m) {
  return numberToWords(d) + " " + L.lex.monthByNumber.at(static_cast<int>(m));
}

bool dateContextBefore(const Line& L, std::size_t i) {
  const std::string before = asciiLower(L.wordBefore(i));
  return L.lex.dateContext.count(before) > 0 || L.lex.weekdayWords.count(before) > 0;
}

std::size_t timeRule(const Line& L, std::size_t i, SpokenText& out) {
  if (const std::size_t next = durationRule(L, i, out); next != i) return next;
  const auto first = clockAt(L, i);
  if (!first) return i;
  std::string word;
  std::optional<Clock> second;
  std::size_t end = first->end;
  const std::size_t after = connective(L, first->end, word);
  if (after != first->end) second = clockAt(L, after);
  if (second) end = second->end;
  const std::size_t hourEnd = afterHourWord(L, end);
  // A dot-time needs a sign: "uur" after it, a colon, a whole hour ("13.00"), a range of two
  // times ("13.15-14.30"), or a word such as "om" or "vanaf" before it.
  const bool isTime = hourEnd != end || first->colon || first->m == 0 || second.has_value() ||
                      L.lex.inContext(L.lex.timeContext, L.wordBefore(i));
  if (!isTime) return i;
  out.word(clockWords(*first));
  if (second) {
    out.word(word);
    out.word(clockWords(*second));
  }
  return hourEnd;
}

std::size_t numericDateRule(const Line& L, std::size_t i, SpokenText& out) {
  const bool followedByMore = L.is(i + 5, TokenKind::Punct) && L.is(i + 6, TokenKind::Number) &&
                              !L.isPunct(i + 5, "-") && !L.isPunct(i + 5, "–");
  // 21-12-2023, 21/12/2023, 21.12.2023, 21-12-23
  if (L.isNumber(i, 1, 2) && L.isNumber(i + 2, 1, 2) && !followedByMore) {
    const std::string& sep = L.t[i + 1].text;
    const bool sepOk = L.isPunct(i + 1, "-") || L.isPunct(i + 1, "/") || L.isPunct(i + 1, ".");
    const bool year4 = L.isNumber(i + 4, 4, 4);
    const bool year2 = L.isNumber(i + 4, 2, 2) && sep != ".";
    if (sepOk && L.isPunct(i + 3, sep) && (year4 || year2) &&
        validDayMonth(value(L, i), value(L, i + 2))) {
      const long long y = year4 ? value(L, i + 4) : 2000 + value(L, i + 4);
      out.word(dayMonth(L, value(L, i), value(L, i + 2)) + " " + yearToWords(y));
      return i + 5;
    }
  }
  // 2023-12-21
  if (L.isNumber(i, 4, 4) && L.isPunct(i + 1, "-") && L.isNumber(i + 2, 2, 2) &&
      L.isPunct(i + 3, "-") && L.isNumber(i + 4, 2, 2) &&
      validDayMonth(value(L, i + 4), value(L, i + 2))) {
    out.word(dayMonth(L, value(L, i + 4), value(L, i + 2)) + " " + yearToWords(value(L, i)));
    return i + 5;
  }
  // 21-12 or 21/12 after "op", "vanaf", a weekday ...
  if (L.isNumber(i, 1, 2) && (L.isPunct(i + 1, "-") || L.isPunct(i + 1, "/")) &&
      L.isNumber(i + 2, 1, 2) && !(L.is(i + 3, TokenKind::Punct) && L.is(i + 4, TokenKind::Number)) &&
      validDayMonth(value(L, i), value(L, i + 2)) && dateContextBefore(L, i) &&
      !monthFollows(L, i + 3)) {  // "op 10-12 december" is a range of days
    out.word(dayMonth(L, value(L, i), value(L, i + 2)));
    return i + 3;
  }
  return i;
}

}  // namespace ml::text::rules
