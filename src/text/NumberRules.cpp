// Rules at a number: document and dossier numbers, fractions, amounts, ordinals, plain numbers.
#include <optional>
#include <utility>

#include "text/DutchNumbers.h"
#include "text/NormalizerRules.h"

namespace ml::text::rules {
namespace {

long long value(const Line& L, std::size_t k) { return parseDigits(L.t[k].text); }

struct Amount {
  std::string digits;  // integer part without separators
  std::string fraction;
  bool thousands = false;
  std::size_t end = 0;
};

// "1.234.567,89": thousand groups of three after a dot, decimals after a comma.
Amount parseAmount(const Line& L, std::size_t k) {
  Amount a;
  a.digits = L.t[k].text;
  std::size_t j = k + 1;
  if (a.digits.size() <= 3) {
    while (L.isPunct(j, ".") && L.isNumber(j + 1, 3, 3) && a.digits.size() < kMaxNumberDigits + 6) {
      a.digits += L.t[j + 1].text;
      a.thousands = true;
      j += 2;
    }
    if (a.thousands && L.isPunct(j, ".") && L.is(j + 1, TokenKind::Number)) {
      a.digits = L.t[k].text;  // "1.234.5": not a number with thousand groups
      a.thousands = false;
      j = k + 1;
    }
  }
  // "10 000", "28 638 mensen", "1 250 000": groups of three after a space are thousands (a
  // dossier number such as "Kamerstuk 28 638" is taken by dossierRule first). Not after a
  // number with a leading zero ("070 318 22 11" is a phone number), and not when the group
  // starts a dotted number ("stap 3 100.000 euro" stays two numbers).
  if (!a.thousands && a.digits.size() <= 3 && a.digits[0] != '0' && L.is(j, TokenKind::Space) &&
      L.isNumber(j + 1, 3, 3) && !L.is(j + 2, TokenKind::Word)) {
    while (L.is(j, TokenKind::Space) && L.isNumber(j + 1, 3, 3) && !L.is(j + 2, TokenKind::Word) &&
           !(L.isPunct(j + 2, ".") && L.is(j + 3, TokenKind::Number)) &&
           a.digits.size() < kMaxNumberDigits + 6) {
      a.digits += L.t[j + 1].text;
      a.thousands = true;
      j += 2;
    }
  }
  if (L.isPunct(j, ",") && L.is(j + 1, TokenKind::Number)) {
    a.fraction = L.t[j + 1].text;
    j += 2;
  } else if (L.isPunct(j, ",") && (L.isPunct(j + 1, "-") || L.isPunct(j + 1, "–"))) {
    j += 2;
    if (L.isPunct(j, "-")) ++j;
  }
  a.end = j;
  return a;
}

// "25000000", "1000000000000000": a long number without separators that is round (only zeros
// after its first three digits) is an amount; other long ones are identifiers, read digit by digit.
bool isRound(std::string_view d) {
  return d.size() > 3 && d[0] != '0' && d.find_first_not_of('0', 3) == std::string_view::npos;
}

// amount: after a currency sign, where a long number is an amount even when not round.
std::string integerWords(const Amount& a, bool amount = false) {
  const std::string& d = a.digits;
  if (!a.thousands && d.size() > 1 && d[0] == '0') return digitsToWords(d);
  if (!a.thousands && d.size() >= 8 && !amount && !isRound(d)) return digitsToWords(d);
  if (!a.thousands && d.size() == 4) return yearToWords(parseDigits(d));
  return bigNumberToWords(d);  // digit by digit beyond kMaxNumberDigits
}

std::string fractionWords(std::string_view f) {
  if (f.size() <= 2 && f[0] != '0') return numberToWords(parseDigits(f));
  return digitsToWords(f);
}

std::string amountWords(const Amount& a, bool amount = false) {
  std::string s = integerWords(a, amount);
  if (!a.fraction.empty()) s += " komma " + fractionWords(a.fraction);
  return s;
}

// ---- dossier and document numbers ------------------------------------------------------------

// A group of three digits as people say it in a dossier number: one number when its last two
// digits are below twenty or it starts with 1 ("200" -> "tweehonderd", "410" ->
// "vierhonderdtien", "123" -> "honderddrieëntwintig"), otherwise the first digit and then the
// last two as a number ("638" -> "zes achtendertig").
std::string dossierGroup(std::string_view three) {
  const long long v = parseDigits(three);
  if (v % 100 < 20 || three[0] == '1') return numberToWords(v);
  return digitsToWords(three.substr(0, 1)) + " " + numberToWords(v % 100);
}

bool followedByNr(const Line& L, std::size_t k) {
  std::size_t j = k;
  if (L.isPunct(j, ",")) j = L.skipSpace(j + 1);
  const std::string word = asciiLower(j < L.t.size() ? L.t[j].text : "");
  return (word == "nr" || word == "nrs") && L.isPunct(j + 1, ".");
}

std::size_t dossierRule(const Line& L, std::size_t i, SpokenText& out) {
  std::string number;
  std::size_t k = i;
  const bool context = L.lex.inContext(L.lex.dossierContext, L.wordBefore(i));
  if (L.isNumber(i, 2, 2) && L.is(i + 1, TokenKind::Space) && L.isNumber(i + 2, 3, 3)) {
    number = numberToWords(value(L, i)) + " " + dossierGroup(L.t[i + 2].text);
    k = i + 3;
  } else if (L.isNumber(i, 5, 5) && !L.is(i + 1, TokenKind::Word) && context) {
    const std::string& d = L.t[i].text;  // "Kamerstuk 36200" written without the space
    number = numberToWords(parseDigits(d.substr(0, 2))) + " " + dossierGroup(d.substr(2));
    k = i + 1;
  } else {
    return i;
  }
  std::string chapter;
  const std::size_t c = (L.is(k, TokenKind::Space) || L.isPunct(k, "-")) ? k + 1 : k;
  if (c != k && L.is(c, TokenKind::Word) && !L.is(c + 1, TokenKind::Word) &&
      !L.is(c + 1, TokenKind::Number)) {
    const std::string& w = L.t[c].text;
    if (const int r = romanValue(w); r > 0) {
      chapter = numberToWords(r);
    } else if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') {
      chapter = L.lex.spell(w);
    }
    if (!chapter.empty()) k = c + 1;
  }
  std::string sub;
  if (L.isPunct(k, "-") && L.isNumber(k + 1, 1, 3)) {
    sub = numberToWords(value(L, k + 1));
    k += 2;
  }
  const bool inParentheses = i > 0 && L.isPunct(i - 1, "(");  // "(36 098)" after a title
  // "36 410 XV", "21 501-20": a budget chapter or a sub-number only follows a dossier number.
  const bool rangeOfThousands = L.is(k, TokenKind::Space) && L.isNumber(k + 1, 3, 3);  // "10 000-20 000"
  const bool zeroGroup = L.isNumber(i + 2, 3, 3) && L.t[i + 2].text[0] == '0';  // "10 000"
  const bool marked = (!chapter.empty() || !sub.empty()) && !zeroGroup && !rangeOfThousands;
  if (!inParentheses && !context && !marked && !followedByNr(L, k)) return i;
  out.word(number);
  out.word(chapter);
  out.word(sub);
  return k;
}

// "2023D51633", "2023Z12345": the year, the letter(s) spelled, then each digit.
std::size_t documentNumberRule(const Line& L, std::size_t i, SpokenText& out) {
  if (!L.isNumber(i, 4, 4) || !L.is(i + 1, TokenKind::Word) || !L.isNumber(i + 2, 2, 12) ||
      L.is(i + 3, TokenKind::Word)) {
    return i;
  }
  const long long year = value(L, i);
  const std::string& letters = L.t[i + 1].text;
  if (year < 1900 || year > 2099 || letters.size() > 3 || !isAllCaps(letters)) return i;
  out.word(yearToWords(year) + " " + L.lex.spell(letters) + " " + digitsToWords(L.t[i + 2].text));
  return i + 3;
}

// ---- fractions and school years ---------------------------------------------------------------

std::size_t slashRule(const Line& L, std::size_t i, SpokenText& out) {
  if (!L.is(i, TokenKind::Number) || !L.isPunct(i + 1, "/") || !L.is(i + 2, TokenKind::Number) ||
      (L.isPunct(i + 3, "/") && L.is(i + 4, TokenKind::Number))) {
    return i;
  }
  const long long a = value(L, i);
  const long long b = value(L, i + 2);
  // "2023/24", "2023/2024": a parliamentary or school year
  if (L.isNumber(i, 4, 4) && (b == (a + 1) % 100 || b == a + 1)) {
    out.word(yearToWords(a) + "-" + (b == a + 1 ? yearToWords(b) : numberToWords(b)));
    return i + 3;
  }
  if (a >= 1 && a < b && (b <= 10 || b == 100) && !dateContextBefore(L, i)) {
    const std::string n = a == 1 ? "een" : numberToWords(a);
    const std::string d = b == 2 ? "half" : b == 4 ? "kwart" : ordinalToWords(b);
    out.word(n + " " + d);
    return i + 3;
  }
  if (L.isNumber(i, 1, 2) && L.isNumber(i + 2, 1, 2) && validDayMonth(a, b)) {
    out.word(dayMonth(L, a, b));
    return i + 3;
  }
  return i;
}

// ---- plain numbers -----------------------------------------------------------------------------

// "1 min" -> "één minuut", "1 °C" -> "één graad Celsius": the few units with a plural form.
std::string singularUnit(const std::string& spoken) {
  static constexpr std::pair<std::string_view, std::string_view> kSingular[] = {
      {"minuten", "minuut"}, {"seconden", "seconde"}, {"graden", "graad"}};
  for (const auto& [plural, one] : kSingular) {
    if (spoken.rfind(plural, 0) == 0) return std::string(one) + spoken.substr(plural.size());
  }
  return spoken;
}

bool isOrdinalSuffix(std::string_view s) { return s == "e" || s == "ste" || s == "de"; }

bool isMagnitude(std::string_view spoken) {
  return spoken == "duizend" || spoken == "miljoen" || spoken == "miljard" || spoken == "biljoen" ||
         spoken == "biljard" || spoken == "triljoen";
}

std::size_t dottedRule(const Line& L, std::size_t i, SpokenText& out) {
  // "1.5 miljoen": an English decimal point before a magnitude.
  std::size_t e = 0;
  const Phrase* unit = L.lex.units.match(L.t, L.skipSpace(i + 3), e);
  if (!L.is(i + 3, TokenKind::Punct) && unit != nullptr && isMagnitude(unit->spoken)) {
    out.word(integerWords(Amount{L.t[i].text, "", false, 0}) + " komma " +
             fractionWords(L.t[i + 2].text) + " " + unit->spoken);
    return e;
  }
  // "4.2", "1.2.3": section numbers, read with "punt".
  std::string s = integerWords(Amount{L.t[i].text, "", false, 0});
  std::size_t j = i;
  while (L.isPunct(j + 1, ".") && L.is(j + 2, TokenKind::Number)) {
    const std::string& part = L.t[j + 2].text;
    s += " punt " + integerWords(Amount{part, "", false, 0});
    j += 2;
  }
  out.word(s);
  return j + 1;
}

std::size_t plainNumberRule(const Line& L, std::size_t i, SpokenText& out) {
  const Amount a = parseAmount(L, i);
  if (!a.thousands && a.fraction.empty() && a.end == i + 1 && L.isPunct(i + 1, ".") &&
      L.is(i + 2, TokenKind::Number)) {
    return dottedRule(L, i, out);
  }
  // "2e", "21ste", "10.000e" (an ordinal after thousand groups): "tienduizendste".
  if (a.fraction.empty() && (a.end == i + 1 || a.thousands) && L.is(a.end, TokenKind::Word) &&
      isOrdinalSuffix(L.t[a.end].text) && a.digits.size() <= 18 &&
      !L.is(a.end + 1, TokenKind::Number)) {
    out.word(ordinalToWords(parseDigits(a.digits)));
    const std::size_t k = a.end + 1;
    // "3e-4e", "2e – 4e": a range of ordinals, "derde tot vierde".
    const std::size_t d = L.skipSpace(k);
    const std::size_t n = L.skipSpace(d + 1);
    const bool sameSpacing = (d == k) == (n == d + 1);  // "3e -4e" is not a range
    if ((L.isPunct(d, "-") || L.isPunct(d, "–")) && sameSpacing && L.is(n, TokenKind::Number) &&
        L.is(n + 1, TokenKind::Word) && isOrdinalSuffix(L.t[n + 1].text)) {
      out.word("tot");
      return n;
    }
    return k;
  }
  // "070 318 22 11": after a number with a leading zero, spaced groups are digits too.
  if (!a.thousands && a.fraction.empty() && a.digits.size() > 1 && a.digits[0] == '0') {
    std::string digits = a.digits;
    std::size_t k = a.end;
    while (L.is(k, TokenKind::Space) && L.isNumber(k + 1, 2, 4) && !L.is(k + 2, TokenKind::Word) &&
           digits.size() + L.t[k + 1].text.size() <= 11) {
      digits += L.t[k + 1].text;
      k += 2;
    }
    if (k != a.end) {
      out.word(digitsToWords(digits));
      return k;
    }
  }
  // "1½ uur" -> "anderhalf uur", "2 ½ jaar" -> "twee en een half jaar"
  if (const std::size_t h = L.skipSpace(a.end); a.fraction.empty() && L.isPunct(h, "½")) {
    out.word(a.digits == "1" ? std::string("anderhalf") : integerWords(a) + " en een half");
    return h + 1;
  }
  // "070-3182211": the part after a number with a leading zero is a phone number too.
  const bool phone = i >= 2 && L.isPunct(i - 1, "-") && L.is(i - 2, TokenKind::Number) &&
                     L.t[i - 2].text.size() > 1 && L.t[i - 2].text[0] == '0';
  const std::string words = phone && !a.thousands ? digitsToWords(a.digits) : amountWords(a);
  std::size_t k = a.end;
  const bool afterLetters = i > 0 && L.is(i - 1, TokenKind::Word);  // "CO2-uitstoot"
  // "18-jarige", "24-uurs": the number joins the word.
  if (a.fraction.empty() && !afterLetters && L.isPunct(k, "-") && L.is(k + 1, TokenKind::Word) &&
      L.t[k + 1].text[0] >= 'a' && L.t[k + 1].text[0] <= 'z') {
    out.word(words + L.t[k + 1].text);
    return k + 2;
  }
  const std::size_t j = L.skipSpace(k);
  std::size_t e = 0;
  // "42,50 euro" is said like "€ 42,50": "tweeënveertig euro vijftig", "0,75 euro" ->
  // "vijfenzeventig cent".
  if (a.fraction.size() == 2 && !phone && (L.isText(j, "euro") || L.isText(j, "EUR"))) {
    const long long cents = parseDigits(a.fraction);
    if (!a.thousands && parseDigits(a.digits) == 0) {
      out.word(numberToWords(cents) + " cent");
    } else {
      out.word(integerWords(a, true) + " euro" + (cents > 0 ? " " + numberToWords(cents) : ""));
    }
    return j + 1;
  }
  const long long v = a.thousands || a.digits.size() > 2 ? 0 : parseDigits(a.digits);
  if (a.fraction.empty() && v >= 1 && v <= 31) {
    if (const Phrase* month = L.lex.months.match(L.t, j, e)) {
      out.word(words);
      out.word(month->spoken);
      return e;
    }
  }
  if (const Phrase* unit = L.lex.units.match(L.t, j, e)) {
    out.word(words);
    out.word(words == "één" ? singularUnit(unit->spoken) : unit->spoken);
    return e;
  }
  out.word(words);
  return k;
}

// "2513 AA Den Haag": a postcode, its digits in pairs and its letters spelled.
std::size_t postcodeRule(const Line& L, std::size_t i, SpokenText& out) {
  if (!L.isNumber(i, 4, 4) || L.t[i].text[0] == '0' || !L.is(i + 1, TokenKind::Space) ||
      !L.is(i + 2, TokenKind::Word) || L.t[i + 2].text.size() != 2 || !isAllCaps(L.t[i + 2].text)) {
    return i;
  }
  std::size_t e = 0;
  if (L.lex.phrases.match(L.t, i + 2, e) != nullptr) return i;  // "2024 EU", "1998 VS"
  const std::size_t next = L.skipSpace(i + 3);
  const bool placeFollows = next >= L.t.size() || L.isPunct(next, ",") ||
                            (L.is(next, TokenKind::Word) && next > i + 3 &&
                             L.t[next].text[0] >= 'A' && L.t[next].text[0] <= 'Z');
  if (!placeFollows) return i;
  const std::string& d = L.t[i].text;
  auto pair = [](std::string_view two) {
    return two[0] == '0' ? digitsToWords(two) : numberToWords(parseDigits(two));
  };
  out.word(pair(d.substr(0, 2)) + " " + pair(d.substr(2, 2)) + " " + L.lex.spell(L.t[i + 2].text));
  return i + 3;
}

}  // namespace

std::size_t numberRules(const Line& L, std::size_t i, SpokenText& out) {
  for (auto rule : {documentNumberRule, numericDateRule, timeRule, dossierRule, slashRule,
                    postcodeRule}) {
    const std::size_t next = rule(L, i, out);
    if (next != i) return next;
  }
  return plainNumberRule(L, i, out);
}

namespace {
// The currency a sign or code before an amount names, or "".
std::string currencyAt(const Line& L, std::size_t i) {
  if (L.isPunct(i, "€") || L.isText(i, "EUR")) return "euro";
  if (L.isPunct(i, "$") || L.isText(i, "USD")) return "dollar";
  if (L.isPunct(i, "£") || L.isText(i, "GBP")) return "pond";
  return "";
}

bool isMinus(const Line& L, std::size_t k) { return L.isPunct(k, "-") || L.isPunct(k, "−"); }
}  // namespace

std::size_t moneyRule(const Line& L, std::size_t i, SpokenText& out) {
  // "-€ 42,50" and "€ -42,50" (also with U+2212): a negative amount keeps its sign.
  bool negative = false;
  std::size_t c = i;
  if (isMinus(L, i) && !currencyAt(L, i + 1).empty() && (i == 0 || !L.is(i - 1, TokenKind::Number))) {
    negative = true;
    c = i + 1;
  }
  const std::string currency = currencyAt(L, c);
  if (currency.empty()) return i;
  std::size_t k = L.skipSpace(c + 1);
  if (!negative && isMinus(L, k) && L.is(k + 1, TokenKind::Number)) {
    negative = true;
    ++k;
  }
  if (!L.is(k, TokenKind::Number)) return i;
  const Amount a = parseAmount(L, k);
  std::size_t end = a.end;
  std::size_t e = 0;
  std::string magnitude;
  if (const Phrase* unit = L.lex.units.match(L.t, L.skipSpace(a.end), e)) {
    if (isMagnitude(unit->spoken)) {
      magnitude = unit->spoken;
      end = e;
    }
  }
  std::string s = negative ? "min " : "";
  if (!magnitude.empty()) {
    s += amountWords(a, true) + " " + magnitude + " " + currency;
  } else if (a.fraction.size() == 2) {
    const long long cents = parseDigits(a.fraction);
    const bool noEuros = !a.thousands && parseDigits(a.digits) == 0;
    if (noEuros && currency != "pond") {
      s += numberToWords(cents) + " cent";
    } else {
      s += integerWords(a, true) + " " + currency;
      if (cents > 0) s += " " + numberToWords(cents);
    }
  } else {
    s += amountWords(a, true) + " " + currency;
  }
  out.word(s);
  return end;
}

}  // namespace ml::text::rules
