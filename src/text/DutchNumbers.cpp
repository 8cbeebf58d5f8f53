#include "text/DutchNumbers.h"

#include <array>
#include <limits>

namespace ml::text {
namespace {

constexpr std::array<std::string_view, 20> kUnits = {
    "nul",   "een",   "twee",    "drie",     "vier",     "vijf",      "zes",
    "zeven", "acht",  "negen",   "tien",     "elf",      "twaalf",    "dertien",
    "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"};
constexpr std::array<std::string_view, 10> kTens = {
    "", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"};

// 0 < n < 100, as part of a larger word ("een", not "één").
std::string below100(long long n) {
  if (n < 20) return std::string(kUnits[static_cast<std::size_t>(n)]);
  const long long unit = n % 10;
  const std::string tens(kTens[static_cast<std::size_t>(n / 10)]);
  if (unit == 0) return tens;
  const std::string_view u = kUnits[static_cast<std::size_t>(unit)];
  // A trema where two vowels would merge: tweeëntwintig, drieëntwintig.
  const bool trema = u.back() == 'e';
  return std::string(u) + (trema ? "ën" : "en") + tens;
}

// 0 < n < 1000, one word.
std::string below1000(long long n) {
  std::string out;
  const long long hundreds = n / 100;
  const long long rest = n % 100;
  if (hundreds > 0) {
    if (hundreds > 1) out += kUnits[static_cast<std::size_t>(hundreds)];
    out += "honderd";
  }
  if (rest > 0) out += below100(rest);
  return out;
}

// A group word standing alone gets "één" for one.
std::string standalone(long long n) { return n == 1 ? std::string("één") : below1000(n); }

struct Scale {
  long long value;
  std::string_view word;
};
constexpr std::array<Scale, 5> kScales = {{{1000000000000000000LL, "triljoen"},
                                           {1000000000000000LL, "biljard"},
                                           {1000000000000LL, "biljoen"},
                                           {1000000000LL, "miljard"},
                                           {1000000LL, "miljoen"}}};

std::string positiveToWords(long long n) {
  std::string out;
  auto addPart = [&out](const std::string& part) {
    if (!out.empty()) out += ' ';
    out += part;
  };
  for (const auto& s : kScales) {
    if (n >= s.value) {
      addPart(positiveToWords(n / s.value) + " " + std::string(s.word));
      n %= s.value;
    }
  }
  if (n >= 1000) {
    const long long thousands = n / 1000;
    addPart(thousands == 1 ? std::string("duizend") : below1000(thousands) + "duizend");
    n %= 1000;
  }
  if (n > 0) addPart(out.empty() ? standalone(n) : (n == 1 ? std::string("één") : below1000(n)));
  return out;
}

}  // namespace

std::string numberToWords(long long n) {
  if (n == 0) return "nul";
  if (n < 0) {
    if (n == std::numeric_limits<long long>::min()) return "min " + digitsToWords("9223372036854775808");
    return "min " + numberToWords(-n);
  }
  return positiveToWords(n);
}

std::string yearToWords(long long year) {
  if (year >= 1100 && year < 2000 && year % 1000 != 0) {
    const long long rest = year % 100;
    std::string out = below100(year / 100) + "honderd";
    if (rest > 0) out += below100(rest);
    return out;
  }
  return numberToWords(year);
}

std::string ordinalToWords(long long n) {
  if (n < 0) return "min " + ordinalToWords(-n);
  if (n == 0) return "nulde";
  const long long rest = n % 100;
  if (rest == 0 || rest >= 20) {
    std::string head = numberToWords(n);
    // "miljoenste", not "één miljoenste": the ordinal of a bare scale word is one word.
    static const std::string kOne = "één ";
    if (head.rfind(kOne, 0) == 0 && head.find(' ', kOne.size()) == std::string::npos) {
      head.erase(0, kOne.size());
    }
    return head + "ste";
  }
  std::string head;
  if (n >= 100) {
    head = numberToWords(n - rest);
    if (n - rest >= 1000 && (n - rest) % 1000 == 0) head += ' ';
  }
  std::string tail;
  if (rest == 1) {
    tail = "eerste";
  } else if (rest == 3) {
    tail = "derde";
  } else if (rest == 8) {
    tail = "achtste";
  } else {
    tail = below100(rest) + "de";
  }
  return head + tail;
}

std::string digitsToWords(std::string_view digits) {
  std::string out;
  for (char c : digits) {
    if (c < '0' || c > '9') continue;
    if (!out.empty()) out += ' ';
    out += c == '1' ? std::string_view("één") : kUnits[static_cast<std::size_t>(c - '0')];
  }
  return out;
}

std::string bigNumberToWords(std::string_view digits) {
  for (char c : digits) {
    if (c < '0' || c > '9') return digitsToWords(digits);
  }
  const std::size_t firstNonZero = digits.find_first_not_of('0');
  if (firstNonZero == std::string_view::npos) return digits.empty() ? std::string() : "nul";
  digits.remove_prefix(firstNonZero);
  if (digits.size() > kMaxNumberDigits) return digitsToWords(digits);
  if (digits.size() <= 18) return numberToWords(parseDigits(digits));
  // Above 10^18: the part above the last eighteen digits counts triljoenen (and triljarden).
  const long long high = parseDigits(digits.substr(0, digits.size() - 18));
  const long long low = parseDigits(digits.substr(digits.size() - 18));
  std::string out;
  if (high >= 1000) out = positiveToWords(high / 1000) + " triljard";
  if (high % 1000 > 0) {
    if (!out.empty()) out += ' ';
    out += positiveToWords(high % 1000) + " triljoen";
  }
  if (low > 0) out += " " + numberToWords(low);
  return out;
}

std::string durationToWords(long long seconds) {
  if (seconds < 0) seconds = 0;
  const long long h = seconds / 3600;
  const long long m = seconds / 60 % 60;
  const long long s = seconds % 60;
  std::string out;
  auto add = [&out](long long n, std::string_view one, std::string_view many) {
    if (!out.empty()) out += ' ';
    out += numberToWords(n) + " " + std::string(n == 1 ? one : many);
  };
  if (h > 0) add(h, "uur", "uur");
  if (m > 0) add(m, "minuut", "minuten");
  if (s > 0 || out.empty()) add(s, "seconde", "seconden");
  return out;
}

long long parseDigits(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return -1;
  long long v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace ml::text
