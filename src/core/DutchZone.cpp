#include "core/DutchZone.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/SmallFile.h"

namespace ml::zone {
namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = floorDiv(y, 400);
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t yearOf(std::int64_t seconds) {
  std::int64_t z = floorDiv(seconds, kDay) + 719468;
  const std::int64_t era = floorDiv(z, 146097);
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  return static_cast<std::int64_t>(yoe) + era * 400 + (mp >= 10);
}

// Local seconds (as if UTC) of "Mm.w.d/time" in `year`.
std::int64_t ruleLocal(std::int64_t year, int month, int week, int weekday, int time) {
  const auto m = static_cast<unsigned>(month);
  const std::int64_t first = daysFromCivil(year, m, 1);
  const std::int64_t firstWeekday = ((first + 4) % 7 + 7) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
  std::int64_t day = first + ((weekday - firstWeekday) % 7 + 7) % 7 + 7 * (week - 1);
  const std::int64_t next = m == 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, m + 1, 1);
  while (day >= next) day -= 7;  // week 5: the last such day
  return day * kDay + time;
}

struct Reader {
  std::string_view s;
  std::size_t pos = 0;
  bool ok = true;
  bool at(char c) const { return pos < s.size() && s[pos] == c; }
  bool digit() const { return pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; }
  int number(int max) {
    if (!digit()) {
      ok = false;
      return 0;
    }
    int v = 0;
    while (digit()) {
      v = v * 10 + (s[pos++] - '0');
      if (v > max) ok = false;
    }
    return v;
  }
  bool name() {
    const std::size_t start = pos;
    if (at('<')) {
      while (pos < s.size() && s[pos] != '>') ++pos;
      if (!at('>')) return false;
      ++pos;
      return pos - start >= 3;
    }
    while (pos < s.size() && ((s[pos] >= 'A' && s[pos] <= 'Z') || (s[pos] >= 'a' && s[pos] <= 'z'))) ++pos;
    return pos - start >= 3;
  }
  // [+-]hh[:mm[:ss]] in seconds.
  int hms(int maxHours) {
    int sign = 1;
    if (at('+') || at('-')) sign = s[pos++] == '-' ? -1 : 1;
    int v = number(maxHours) * 3600;
    if (at(':')) {
      ++pos;
      v += number(59) * 60;
      if (at(':')) {
        ++pos;
        v += number(59);
      }
    }
    return sign * v;
  }
  // ",Mm.w.d[/time]"
  bool mrule(int& month, int& week, int& day, int& time) {
    if (!at(',')) return false;
    ++pos;
    if (!at('M')) return false;
    ++pos;
    month = number(12);
    if (!at('.')) return false;
    ++pos;
    week = number(5);
    if (!at('.')) return false;
    ++pos;
    day = number(6);
    time = 7200;
    if (at('/')) {
      ++pos;
      time = hms(167);
    }
    return ok && month >= 1 && week >= 1;
  }
};

std::uint64_t be(std::string_view s, std::size_t pos, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(s[pos + static_cast<std::size_t>(i)]);
  return v;
}

Zone builtIn() {
  Zone z;
  parsePosixRule("CET-1CEST,M3.5.0,M10.5.0/3", z.rule);
  z.offsetBefore = z.rule.stdOffset;
  return z;
}

Zone load() {
  const char* dir = std::getenv("TZDIR");
  const std::filesystem::path base = dir != nullptr && *dir == '/' ? dir : "/usr/share/zoneinfo";
  const SmallFile f = readSmallFile(base / "Europe" / "Amsterdam", 1 << 20);
  Zone z;
  if (f.status == SmallFile::Status::Ok && !f.truncated && parseTzif(f.text, z)) {
    z.fromFile = true;
    return z;
  }
  return builtIn();
}

}  // namespace

bool parsePosixRule(std::string_view text, PosixRule& out) {
  Reader r{text};
  PosixRule p;
  if (!r.name()) return false;
  p.stdOffset = -r.hms(24);
  if (!r.ok) return false;
  if (r.pos == text.size()) {
    p.hasDst = false;
    out = p;
    return true;
  }
  if (!r.name()) return false;
  p.hasDst = true;
  p.dstOffset = p.stdOffset + 3600;
  if (!r.at(',')) p.dstOffset = -r.hms(24);
  if (!r.mrule(p.startMonth, p.startWeek, p.startDay, p.startTime)) return false;
  if (!r.mrule(p.endMonth, p.endWeek, p.endDay, p.endTime)) return false;
  if (!r.ok || r.pos != text.size()) return false;
  out = p;
  return true;
}

bool parseTzif(std::string_view s, Zone& out) {
  auto header = [&](std::size_t pos, std::uint64_t counts[6]) {
    if (s.size() < pos + 44 || s.substr(pos, 4) != "TZif") return false;
    for (int i = 0; i < 6; ++i) counts[i] = be(s, pos + 20 + 4 * static_cast<std::size_t>(i), 4);
    return true;
  };
  std::uint64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!header(0, c) || s[4] < '2') return false;
  for (auto n : c) {
    if (n > 100000) return false;
  }
  // Skip the version 1 block (32-bit times).
  std::size_t pos = 44 + c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
  if (!header(pos, c)) return false;
  for (auto n : c) {
    if (n > 100000) return false;
  }
  const std::uint64_t timecnt = c[3], typecnt = c[4];
  pos += 44;
  const std::size_t times = pos, idx = times + timecnt * 8, types = idx + timecnt;
  const std::size_t end = types + typecnt * 6 + c[5] + c[2] * 12 + c[1] + c[0];
  if (typecnt == 0 || end > s.size()) return false;
  Zone z;
  auto typeOffset = [&](std::uint64_t t) {
    return static_cast<int>(static_cast<std::int32_t>(static_cast<std::uint32_t>(be(s, types + t * 6, 4))));
  };
  for (std::uint64_t i = 0; i < timecnt; ++i) {
    const auto t = static_cast<std::int64_t>(be(s, times + i * 8, 8));
    const auto type = static_cast<unsigned char>(s[idx + i]);
    if (type >= typecnt || (!z.transitions.empty() && t <= z.transitions.back())) return false;
    z.transitions.push_back(t);
    z.offsetAfter.push_back(typeOffset(type));
  }
  z.offsetBefore = typeOffset(0);
  // Footer: "\nRULE\n".
  if (end < s.size() && s[end] == '\n') {
    const auto close = s.find('\n', end + 1);
    if (close != std::string_view::npos && close > end + 1) {
      if (!parsePosixRule(s.substr(end + 1, close - end - 1), z.rule)) return false;
    } else {
      z.rule = PosixRule{};
      z.rule.stdOffset = z.offsetAfter.empty() ? z.offsetBefore : z.offsetAfter.back();
    }
  } else {
    z.rule.hasDst = false;
    z.rule.stdOffset = z.offsetAfter.empty() ? z.offsetBefore : z.offsetAfter.back();
  }
  out = std::move(z);
  return true;
}

int offsetAt(const Zone& z, std::int64_t t) {
  if (!z.transitions.empty() && t < z.transitions.front()) return z.offsetBefore;
  if (!z.transitions.empty() && t < z.transitions.back()) {
    const auto it = std::upper_bound(z.transitions.begin(), z.transitions.end(), t);
    return z.offsetAfter[static_cast<std::size_t>(it - z.transitions.begin()) - 1];
  }
  const PosixRule& r = z.rule;
  if (!r.hasDst) return r.stdOffset;
  const std::int64_t year = yearOf(t + r.stdOffset);
  // The start is in standard time, the end in summer time (POSIX).
  const std::int64_t start = ruleLocal(year, r.startMonth, r.startWeek, r.startDay, r.startTime) - r.stdOffset;
  const std::int64_t end = ruleLocal(year, r.endMonth, r.endWeek, r.endDay, r.endTime) - r.dstOffset;
  const bool summer = start < end ? (t >= start && t < end) : !(t >= end && t < start);
  return summer ? r.dstOffset : r.stdOffset;
}

const Zone& amsterdam() {
  static const Zone zone = load();
  return zone;
}

int dutchOffsetSeconds(std::int64_t utcSeconds) { return offsetAt(amsterdam(), utcSeconds); }

std::int64_t utcFromDutchLocal(std::int64_t local, int* offsetUsed) {
  // The offsets around that moment (a day either side covers any change of the clock).
  const int before = dutchOffsetSeconds(local - kDay), after = dutchOffsetSeconds(local + kDay);
  const int candidates[2] = {std::max(before, after), std::min(before, after)};  // summer first
  for (const int o : candidates) {
    if (dutchOffsetSeconds(local - o) == o) {
      if (offsetUsed != nullptr) *offsetUsed = o;
      return local - o;
    }
  }
  // In the gap: read with the offset before it (02:30 is 03:30 summer time).
  if (offsetUsed != nullptr) *offsetUsed = dutchOffsetSeconds(local - before);
  return local - before;
}

}  // namespace ml::zone
