#include "sources/Matcher.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "core/Utf8.h"
#include "sources/DebatDirect.h"

namespace ml::sources {
namespace {

std::set<std::string> words(const std::string& text) {
  std::set<std::string> out;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 3) out.insert(w);
    w.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // One whole character (the program's one decoder); accented Latin letters to their
      // base letter, ill-formed bytes skipped one by one.
      const utf8::Decoded d = utf8::decode(text, i);
      if (d.status == utf8::Decoded::Status::Ok) {
        w += dd::roomKey(text.substr(i, d.length));
        i += d.length - 1;
      }
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      w += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      w += static_cast<char>(c - 'A' + 'a');
    } else {
      flush();
    }
  }
  flush();
  return out;
}

double timeScore(const Debate& d, const od::Activity& a) {
  const auto ds = d.plannedStart ? d.plannedStart : d.actualStart;
  if (!ds || !a.start) return 0.3;
  const double minutes = std::abs(static_cast<double>(ds->utcSeconds - a.start->utcSeconds)) / 60.0;
  if (minutes <= 5) return 1.0;
  if (minutes >= 90) return 0.0;
  return 1.0 - (minutes - 5) / 85.0;
}

double roomScore(const Debate& d, const od::Activity& a) {
  const std::string activityRoom = !a.room.empty() ? a.room : a.location;
  if (activityRoom.empty()) return 0.5;  // the portal leaves Locatie empty until the day
  const std::string k1 = dd::roomKey(activityRoom);
  for (const std::string& r : {d.room.id, d.room.name}) {
    const std::string k2 = dd::roomKey(r);
    if (!k2.empty() && (k1 == k2 || k1.find(k2) != std::string::npos || k2.find(k1) != std::string::npos)) {
      return 1.0;
    }
  }
  return 0.0;
}

std::string dateOf(const od::Activity& a) { return a.start ? a.start->localDate() : a.date; }

}  // namespace

double subjectSimilarity(const std::string& a, const std::string& b) {
  const auto wa = words(a), wb = words(b);
  if (wa.empty() || wb.empty()) return 0;
  std::size_t common = 0;
  for (const auto& w : wa) common += wb.count(w);
  return 2.0 * static_cast<double>(common) / static_cast<double>(wa.size() + wb.size());
}

MatchScore scoreMatch(const Debate& d, const od::Activity& a) {
  MatchScore s;
  if (!d.debateDate.empty() && dateOf(a) != d.debateDate) return s;
  s.room = roomScore(d, a);
  s.time = timeScore(d, a);
  s.subject = subjectSimilarity(d.title, a.subject);
  s.confidence = 0.3 * s.room + 0.35 * s.time + 0.35 * s.subject;
  // A perfect subject with the right time is sure even when the room is unknown.
  if (s.subject > 0.9 && s.time > 0.9) s.confidence = std::max(s.confidence, 0.9);
  return s;
}

std::optional<Match> bestMatch(const Debate& debate, const std::vector<od::Activity>& activities) {
  std::optional<Match> best;
  for (std::size_t i = 0; i < activities.size(); ++i) {
    const double c = scoreMatch(debate, activities[i]).confidence;
    if (c >= kMatchThreshold && (!best || c > best->confidence)) best = Match{i, c};
  }
  return best;
}

}  // namespace ml::sources
