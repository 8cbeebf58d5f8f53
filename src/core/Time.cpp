#include "core/Time.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <algorithm>
#include <vector>

#include <fmt/core.h>

#include "core/DutchZone.h"

namespace ml {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Drops white space at both ends.
void trimSpaces(std::string_view& s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
}

}  // namespace

std::optional<IsoTime> parseIso(std::string_view s) {
  trimSpaces(s);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi)) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, sec)) return std::nullopt;
    pos += 3;
  }
  double frac = 0;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    double scale = 0.1;
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) != 0) {
      frac += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
    frac = std::min(frac, 0.999999999);
  }
  std::optional<int> offsetMinutes;
  if (pos < s.size()) {
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
      offsetMinutes = 0;
    } else if (s[pos] == '+' || s[pos] == '-') {
      const int sign = s[pos] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size()) {
        if (!digits(s, pos, 2, om)) return std::nullopt;
        pos += 2;
      }
      if (oh > 14 || om > 59) return std::nullopt;
      offsetMinutes = sign * (oh * 60 + om);
    }
  }
  if (pos != s.size()) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  const std::int64_t local = static_cast<std::int64_t>(sys_days(ymd).time_since_epoch().count()) * 86400 +
                             h * 3600 + mi * 60 + sec;
  IsoTime t;
  t.fraction = frac;
  if (offsetMinutes) {
    t.offsetMinutes = *offsetMinutes;
    t.utcSeconds = local - *offsetMinutes * 60;
  } else {
    int offset = 0;
    t.utcSeconds = zone::utcFromDutchLocal(local, &offset);
    t.offsetMinutes = offset / 60;
  }
  return t;
}

std::optional<double> parseIsoTime(std::string_view s) {
  const auto t = parseIso(s);
  if (!t) return std::nullopt;
  return static_cast<double>(t->utcSeconds) + t->fraction;
}

std::string dutchDuration(double seconds) {
  long total = std::lround(std::max(0.0, seconds));
  long h = total / 3600, m = (total % 3600) / 60, s = total % 60;
  auto unit = [](long n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  if (h > 0) return unit(h, "uur", "uur") + (m > 0 ? " " + unit(m, "minuut", "minuten") : "");
  if (m > 0) return unit(m, "minuut", "minuten") + (s > 0 ? " " + unit(s, "seconde", "seconden") : "");
  return unit(s, "seconde", "seconden");
}

std::string clockPosition(double seconds) {
  long total = std::lround(std::max(0.0, seconds));
  long h = total / 3600, m = (total % 3600) / 60, s = total % 60;
  if (h > 0) return fmt::format("{}:{:02}:{:02}", h, m, s);
  return fmt::format("{}:{:02}", m, s);
}

namespace {

// A field of digits only: its value, or -1.
long field(std::string_view f) {
  if (f.empty() || f.size() > 6) return -1;
  long v = 0;
  for (char c : f) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "a:b:c" split at `sep`, at most three fields.
bool splitFields(std::string_view s, char sep, std::vector<std::string_view>& out) {
  out.clear();
  while (true) {
    const auto at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
    if (out.size() == 3) return false;
  }
  return true;
}

}  // namespace

std::optional<Moment> parseMoment(std::string_view s) {
  trimSpaces(s);
  bool clock = false;
  if (s.size() >= 3) {
    std::string tail(s.substr(s.size() - 3));
    for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (tail == "uur") {
      clock = true;
      s.remove_suffix(3);
      trimSpaces(s);
    }
  }
  if (s.empty()) return std::nullopt;
  std::vector<std::string_view> f;
  Moment m;
  // A clock time: a full stop or a "u" between hours and minutes ("14.30", "14u30", "14u").
  const auto u = s.find_first_of("uU");
  if (u != std::string_view::npos || s.find('.') != std::string_view::npos || clock) {
    std::string t(s);
    if (u != std::string_view::npos) {
      if (t.find('.') != std::string::npos || t.find(':') != std::string::npos) return std::nullopt;
      t[u] = '.';
      if (u + 1 == t.size()) t += "00";
    }
    const char sep = t.find('.') != std::string::npos ? '.' : ':';
    if (!splitFields(t, sep, f)) return std::nullopt;
    const long h = field(f[0]);
    const long mi = f.size() > 1 ? field(f[1]) : 0;
    const long sec = f.size() > 2 ? field(f[2]) : 0;
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return std::nullopt;
    if ((f.size() > 1 && f[1].size() != 2) || (f.size() > 2 && f[2].size() != 2)) return std::nullopt;
    m.kind = Moment::Kind::Clock;
    m.seconds = static_cast<double>(h * 3600 + mi * 60 + sec);
    return m;
  }
  // A position: [[h:]m:]s, a decimal comma on the last field.
  double fraction = 0;
  std::string_view whole = s;
  if (const auto comma = s.find(','); comma != std::string_view::npos) {
    const std::string_view frac = s.substr(comma + 1);
    if (field(frac) < 0) return std::nullopt;
    double scale = 0.1;
    for (char c : frac) {
      fraction += (c - '0') * scale;
      scale /= 10;
    }
    whole = s.substr(0, comma);
  }
  if (!splitFields(whole, ':', f)) return std::nullopt;
  double total = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const long v = field(f[i]);
    if (v < 0) return std::nullopt;
    // Minutes and seconds after a colon are two digits below 60; the first field is free.
    if (i > 0 && (f[i].size() != 2 || v > 59)) return std::nullopt;
    total = total * 60 + static_cast<double>(v);
  }
  m.seconds = total + fraction;
  return m;
}

double clockOnDayOf(double dayUtc, double secondsSinceMidnight) {
  const auto day = static_cast<std::int64_t>(std::floor(dayUtc));
  const std::int64_t local = day + static_cast<std::int64_t>(zone::dutchOffsetSeconds(day));
  const std::int64_t midnight = local - ((local % 86400) + 86400) % 86400;
  const double targetLocal = static_cast<double>(midnight) + secondsSinceMidnight;
  // The offset at the target itself (a clock change between the two is at night).
  const auto guess = static_cast<std::int64_t>(targetLocal) - static_cast<std::int64_t>(zone::dutchOffsetSeconds(day));
  return targetLocal - static_cast<double>(zone::dutchOffsetSeconds(guess));
}

}  // namespace ml
