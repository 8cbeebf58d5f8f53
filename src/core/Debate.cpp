#include "core/Debate.h"

#include <cctype>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/DutchZone.h"
#include "core/Time.h"

namespace ml {
namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Civil {
  int year;
  unsigned month, day;
};

Civil civilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = floorDiv(z, 146097);
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
  return {y, m, d};
}

int digits(const std::string& s, std::size_t pos, std::size_t n, bool* ok) {
  int v = 0;
  if (pos + n > s.size()) {
    *ok = false;
    return 0;
  }
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      *ok = false;
      return 0;
    }
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::int64_t daysFromCivil(int year, unsigned month, unsigned day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2);
  const std::int64_t era = floorDiv(y, 400);
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string dateFromDays(std::int64_t days) {
  const Civil c = civilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

bool isIsoDate(const std::string& text) {
  bool ok = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const int y = digits(text, 0, 4, &ok);
  const int m = digits(text, 5, 2, &ok);
  const int d = digits(text, 8, 2, &ok);
  if (!ok || m < 1 || m > 12 || d < 1) return false;
  const auto days = daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return dateFromDays(days) == text;
}

int dutchOffsetMinutes(std::int64_t utcSeconds) { return zone::dutchOffsetSeconds(utcSeconds) / 60; }

// The program's one parser (core/Time.h: parseIso), whole seconds.
std::optional<TimePoint> parseTimePoint(const std::string& s) {
  const auto t = parseIso(s);
  if (!t) return std::nullopt;
  return TimePoint{t->utcSeconds, t->offsetMinutes};
}

TimePoint nowDutch() {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  return TimePoint{secs, dutchOffsetMinutes(secs)};
}

std::string TimePoint::localDate() const {
  return dateFromDays(floorDiv(utcSeconds + offsetMinutes * 60, kDay));
}

int TimePoint::localMinuteOfDay() const {
  const std::int64_t local = utcSeconds + offsetMinutes * 60;
  return static_cast<int>((local - floorDiv(local, kDay) * kDay) / 60);
}

std::string TimePoint::localClock() const {
  const int m = localMinuteOfDay();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d.%02d", m / 60, m % 60);
  return buf;
}

std::string TimePoint::iso() const {
  const std::int64_t local = utcSeconds + offsetMinutes * 60;
  const int secs = static_cast<int>(local - floorDiv(local, 60) * 60);
  const int m = localMinuteOfDay();
  const int off = std::abs(offsetMinutes);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", localDate().c_str(), m / 60, m % 60,
                secs, offsetMinutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

const char* dutchStatus(DebateStatus status) {
  switch (status) {
    case DebateStatus::Planned: return "gepland";
    case DebateStatus::Live: return "live";
    case DebateStatus::Suspended: return "geschorst";
    case DebateStatus::Ended: return "afgelopen";
    case DebateStatus::Cancelled: return "geannuleerd";
    case DebateStatus::Moved: return "verplaatst";
  }
  return "onbekend";
}

std::string Debate::bestAudioUrl() const {
  if (isLive() && !liveAudioUrl.empty()) return liveAudioUrl;
  if (!onDemandAudioUrl.empty()) return onDemandAudioUrl;
  return liveAudioUrl;
}

const char* dutchOpeningWord(DebateStatus status) {
  switch (status) {
    case DebateStatus::Planned: return "Gepland";
    case DebateStatus::Live: return "Live";
    case DebateStatus::Suspended: return "Geschorst";
    case DebateStatus::Ended: return "Opname";
    case DebateStatus::Cancelled: return "Geannuleerd";
    case DebateStatus::Moved: return "Verplaatst";
  }
  return "Debat";
}

namespace {
std::string lowered(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string shortLine(const Debate& d, std::string line) {
  const std::string room = d.room.name.empty() ? d.room.id : d.room.name;
  const std::string title = d.title;
  const std::string lt = lowered(title), lr = lowered(room);
  const bool roomInTitle = !lr.empty() && lt.find(lr) != std::string::npos;
  if (!room.empty() && !roomInTitle) line += ", " + room;
  if (!title.empty() && lt != lowered(line)) line += ": " + title;
  return line + ".";
}
}  // namespace

std::string shortLine(const Debate& d) { return shortLine(d, dutchOpeningWord(d.status)); }

std::string openingLine(const Debate& d) {
  constexpr std::size_t kTitleChars = 40;  // about 2.5 s of Dutch at 175 words a minute
  static const char* const kDangling[] = {"van", "en", "de", "het", "een", "over", "met", "voor", "op", "in",
                                          "aan", "te", "om", "bij", "tot", "of", "door", "naar", "uit", "-", "–"};
  std::string title = d.title;
  while (!title.empty() && (title.back() == ' ' || title.back() == '.')) title.pop_back();
  if (title.empty()) {
    Debate roomOnly = d;
    roomOnly.title.clear();
    return shortLine(roomOnly);
  }
  if (title.size() > kTitleChars) {
    std::vector<std::string> words;
    std::size_t length = 0;
    std::size_t pos = 0;
    while (pos < title.size()) {
      std::size_t next = title.find(' ', pos);
      if (next == std::string::npos) next = title.size();
      std::string w = title.substr(pos, next - pos);
      pos = next + 1;
      if (w.empty()) continue;
      if (!words.empty() && length + 1 + w.size() > kTitleChars) break;
      length += (words.empty() ? 0 : 1) + w.size();
      words.push_back(std::move(w));
    }
    auto dangling = [&](const std::string& w) {
      for (const char* x : kDangling) {
        if (lowered(w) == x) return true;
      }
      return false;
    };
    while (words.size() > 1 && dangling(words.back())) words.pop_back();
    title.clear();
    for (const auto& w : words) title += (title.empty() ? "" : " ") + w;
    while (!title.empty() && (title.back() == ',' || title.back() == ':' || title.back() == ';')) title.pop_back();
  }
  return std::string(dutchOpeningWord(d.status)) + ": " + title + ".";
}

std::string listLine(const Debate& d) {
  std::string word = dutchStatus(d.status);
  if (!word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  return shortLine(d, word);
}

}  // namespace ml
